import { Hono } from "hono";
import { webhookCallback, type Bot } from "grammy";
import type { Deps } from "../../app/deps.js";
import { telegramWebhookSecret } from "../../app/system/webhook-secret.js";
import type { BotContext } from "../../../bot/context.js";

/**
 * POST /telegram/webhook. grammY rejects a missing or wrong X-Telegram-Bot-Api-Secret-Token with 401
 * before the bot sees the update. The bot's own error boundary answers users; only a database outage
 * escapes as an error, and app.onError turns it into 503 so Telegram redelivers.
 */
export function telegramRoutes(deps: Deps, bot: Bot<BotContext>): Hono {
  const app = new Hono();
  const handle = webhookCallback(bot, "hono", {
    secretToken: telegramWebhookSecret(deps),
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  app.post("/telegram/webhook", (c) => handle(c));
  return app;
}
