/**
 * Errors that mean "the database is not there right now" rather than "this request is wrong".
 * Webhooks answer them with 503 so Telegram and SMS gateways redeliver later; nothing was committed.
 */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "CONNECTION_CLOSED", "CONNECTION_ENDED",
  "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08006",
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  // Follow `cause` and grammY's BotError `error`: a database error inside bot middleware arrives wrapped.
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && /PGlite is closed|database is closed|connection (terminated|refused)/i.test(message)) return true;
  }
  return false;
}
