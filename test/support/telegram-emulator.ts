import { createServer } from "node:net";
import type { Bot } from "grammy";
import { startTelegram, type TelegramRunner } from "../../src/adapters/telegram-runner.js";
import type { Deps } from "../../src/app/deps.js";
import type { BotContext } from "../../bot/context.js";

/** A message our bot sent, as telegram-test-api returns it to the emulated user. */
export interface BotMessage {
  message: { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } };
}

export async function freeTcpPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Start our bot in long-polling mode (the runner main.ts uses) against telegram-test-api. The emulator
 * answers getUpdates at once even when empty, where Telegram holds the request open: pausing on an
 * empty answer keeps grammY's polling loop from spinning the CPU.
 */
export async function startPollingAgainstEmulator(bot: Bot<BotContext>, deps: Deps): Promise<TelegramRunner> {
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === "getUpdates" && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return result;
  });
  return startTelegram(bot, deps);
}
