import type { Bot } from "grammy";
import type { Deps } from "../app/deps.js";
import { telegramWebhookSecret } from "../app/system/webhook-secret.js";
import type { BotContext } from "../../bot/context.js";

export interface TelegramRunner {
  mode: "webhook" | "polling" | "off";
  stop(): Promise<void>;
}

/**
 * With PUBLIC_URL the bot registers its webhook; without, it long-polls. A Telegram outage at start
 * must not take the tip form down with it, so failures are logged and retried by grammY, not thrown.
 */
export async function startTelegram(bot: Bot<BotContext>, deps: Deps): Promise<TelegramRunner> {
  const { config, logger } = deps;
  if (config.PUBLIC_URL) {
    const url = new URL("/telegram/webhook", config.PUBLIC_URL).toString();
    try {
      await bot.init();
      await bot.api.setWebhook(url, { secret_token: telegramWebhookSecret(deps), allowed_updates: ["message", "callback_query", "my_chat_member"] });
    } catch (err) {
      logger.error("could not register the Telegram webhook", { error: err instanceof Error ? err.message : "unknown" });
    }
    return { mode: "webhook", stop: async () => {} };
  }
  bot.start({ allowed_updates: ["message", "callback_query", "my_chat_member"], onStart: () => logger.info("telegram long polling started") })
    .catch((err) => logger.error("telegram polling stopped", { error: err instanceof Error ? err.message : "unknown" }));
  return { mode: "polling", stop: () => bot.stop() };
}
