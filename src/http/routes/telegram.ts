import { Hono } from "hono";
import { webhookCallback, type Bot } from "grammy";
import type { Deps } from "../../app/deps.js";
import { telegramWebhookSecret } from "../../app/system/webhook-secret.js";
import type { BotContext } from "../../../bot/context.js";

/**
 * POST /telegram/webhook, only when the bot runs in webhook mode: creating grammY's webhook handler
 * makes `bot.start()` throw, so a long-polling bot never gets one (`bot` is then undefined) and the
 * route answers a plain 404 that says why, without the update reaching the bot.
 * grammY rejects a missing or wrong X-Telegram-Bot-Api-Secret-Token with 401
 * before the bot sees the update. The bot's own error boundary answers users; only a database outage
 * escapes as an error, and app.onError turns it into 503 so Telegram redelivers.
 */
export function telegramRoutes(deps: Deps, bot: Bot<BotContext> | undefined): Hono {
  const app = new Hono();
  if (!bot) {
    app.post("/telegram/webhook", (c) =>
      c.json(
        {
          error: "not_found",
          message: "This server takes no Telegram webhooks: the bot is off, or it long-polls because PUBLIC_URL is not set.",
        },
        404,
      ),
    );
    return app;
  }
  const secretToken = telegramWebhookSecret(deps);
  const handle = webhookCallback(bot, "hono", {
    secretToken,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  app.post("/telegram/webhook", async (c) => {
    // grammY lets the body's SyntaxError escape (a 500). Malformed JSON is the sender's fault: 400, after
    // the secret check (grammY's, unchanged) so a forger learns nothing. Hono caches the parsed body.
    if (c.req.header("x-telegram-bot-api-secret-token") === secretToken) {
      const update: unknown = await c.req.json().catch(() => undefined);
      if (!update || typeof update !== "object" || Array.isArray(update)) return c.json({ error: "invalid_update" }, 400);
    }
    return handle(c);
  });
  return app;
}
