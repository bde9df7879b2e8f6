import type { Deps } from "../deps.js";

/** The updates the bot handles: what long polling asks for and what a webhook is registered with. */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/**
 * The webhook is never unprotected: without TELEGRAM_WEBHOOK_SECRET we derive a stable one from
 * APP_SECRET and the bot token, so every replica registers and checks the same value.
 */
export function telegramWebhookSecret(deps: Pick<Deps, "config" | "crypto">): string {
  return deps.config.TELEGRAM_WEBHOOK_SECRET ?? deps.crypto.hash("tg-webhook", deps.config.TELEGRAM_BOT_TOKEN ?? "");
}
