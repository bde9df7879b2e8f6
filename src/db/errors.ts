/**
 * Errors that mean "the database cannot serve right now" rather than "this request is wrong": the server
 * is away (connection errors, SQLSTATE class 08, admin shutdown 57P0x) or out of resources (class 53:
 * disk full 53100, out of memory 53200, too many connections 53300…), or a statement hit its timeout
 * (57014). Routes answer them with 503 so clients, Telegram and SMS gateways retry later; nothing was
 * committed.
 */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "ENOSPC",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57014",
]);
const TRANSIENT_CLASSES = /^(08|53)[0-9A-Z]{3}$|^57P0[1-5]$/;
const DISK_FULL = /No space left on device|could not extend file|could not write to file/i;

function* chain(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  // Follow `cause` (drizzle wraps driver errors) and grammY's BotError `error`.
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error, depth++) {
    yield e as { code?: unknown; message?: unknown };
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code === "string" && (TRANSIENT_CODES.has(e.code) || TRANSIENT_CLASSES.test(e.code))) return true;
    if (typeof e.message === "string" && (/PGlite is closed|database is closed|connection (terminated|refused)/i.test(e.message) || DISK_FULL.test(e.message)))
      return true;
  }
  return false;
}

/** The database could not write for lack of space (SQLSTATE 53100, or the OS's ENOSPC from PGlite's files). */
export function isDiskFull(err: unknown): boolean {
  for (const e of chain(err)) {
    if (e.code === "53100" || e.code === "ENOSPC") return true;
    if (typeof e.message === "string" && DISK_FULL.test(e.message)) return true;
  }
  return false;
}

/**
 * A unique constraint was violated (SQLSTATE 23505) — any, or the one named. drizzle wraps the
 * driver's error in `cause`; postgres.js names the constraint in `constraint_name`, PGlite in
 * `constraint` or only in the message.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: string; constraint_name?: string; constraint?: string; message?: string };
    if (x.code !== "23505") continue;
    if (constraint === undefined || x.constraint_name === constraint || x.constraint === constraint || x.message?.includes(constraint)) return true;
  }
  return false;
}
