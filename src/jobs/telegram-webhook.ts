import type { Deps } from "../app/deps.js";
import { TELEGRAM_ALLOWED_UPDATES, telegramWebhookSecret } from "../app/system/webhook-secret.js";

/** A 401/403 from our webhook this recently means Telegram holds another secret than ours. */
const SECRET_MISMATCH_WINDOW_S = 5 * 60;

interface WebhookInfo {
  url?: string;
  allowed_updates?: string[];
  last_error_date?: number;
  last_error_message?: string;
}

export type WebhookCheck =
  | { action: "skipped" | "unchanged" }
  | { action: "registered"; because: "url" | "allowed_updates" | "secret_rejected" | "info_unavailable" };

/**
 * Keeps Telegram's webhook pointed at PUBLIC_URL/telegram/webhook with our secret. Workers have no
 * start-up to register it in (and Node's start-up registration can be undone by anyone holding the
 * token), so this runs every minute from the schedule table: cheap when nothing changed (one
 * getWebhookInfo), and a fresh deployment or a changed PUBLIC_URL is live within a minute.
 *
 * Telegram never reveals the registered secret, so a changed secret is seen by its effect: our
 * webhook answers 401 to Telegram's deliveries, which getWebhookInfo reports as the last error;
 * Telegram retries those updates, so none is lost while we re-register. Without PUBLIC_URL the bot
 * long-polls (Node), and registering a webhook would stop that: the job then does nothing.
 */
export async function ensureTelegramWebhook(
  deps: Pick<Deps, "config" | "crypto" | "logger" | "clock">,
  opts: { fetch?: typeof fetch } = {},
): Promise<WebhookCheck> {
  const { TELEGRAM_BOT_TOKEN: token, PUBLIC_URL: publicUrl, TELEGRAM_API_ROOT: apiRoot } = deps.config;
  if (!token || !publicUrl) return { action: "skipped" };
  const call = async (method: string, body: unknown) => {
    const res = await (opts.fetch ?? fetch)(`${apiRoot.replace(/\/+$/, "")}/bot${token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: unknown; description?: string };
    return { ok: res.ok && answer.ok === true, result: answer.result, description: answer.description };
  };
  const url = new URL("/telegram/webhook", publicUrl).toString();
  const info = await call("getWebhookInfo", {});
  const because = info.ok ? differs(info.result as WebhookInfo, url, deps.clock()) : "info_unavailable";
  if (!because) return { action: "unchanged" };
  const set = await call("setWebhook", { url, secret_token: telegramWebhookSecret(deps), allowed_updates: TELEGRAM_ALLOWED_UPDATES });
  // The description is Telegram's own text; it never carries the token, the secret or a chat.
  if (!set.ok) throw new Error(`setWebhook failed: ${set.description ?? "no answer"}`);
  deps.logger.info("telegram webhook registered", { because });
  return { action: "registered", because };
}

function differs(info: WebhookInfo, url: string, now: Date): "url" | "allowed_updates" | "secret_rejected" | undefined {
  if (info.url !== url) return "url";
  const allowed = [...(info.allowed_updates ?? [])].sort().join(",");
  if (allowed !== [...TELEGRAM_ALLOWED_UPDATES].sort().join(",")) return "allowed_updates";
  const recent = info.last_error_date !== undefined && now.getTime() / 1000 - info.last_error_date < SECRET_MISMATCH_WINDOW_S;
  if (recent && /\b40[13]\b/.test(info.last_error_message ?? "")) return "secret_rejected";
  return undefined;
}
