import { BotError, GrammyError, HttpError, type Bot } from "grammy";
import type { Config } from "../config.js";
import type { Deps } from "../app/deps.js";
import type { Logger } from "./logger.js";
import { TELEGRAM_ALLOWED_UPDATES, telegramWebhookSecret } from "../app/system/webhook-secret.js";
import type { BotContext } from "../../bot/context.js";

export type TelegramMode = "webhook" | "polling" | "off";

export interface TelegramRunner {
  mode: TelegramMode;
  stop(): Promise<void>;
}

const POLL_TIMEOUT_S = 30;
const MAX_RETRY_MS = 60_000;

/** grammY types its signals as the abort-controller polyfill's; at run time it only calls add/removeEventListener. */
type ApiSignal = NonNullable<Parameters<Bot["api"]["getMe"]>[0]>;
const apiSignal = (signal: AbortSignal) => signal as unknown as ApiSignal;

/** The one decision, read by main.ts for both the runner and the HTTP route: PUBLIC_URL → webhook, else long polling. */
export function telegramMode(config: Pick<Config, "TELEGRAM_BOT_TOKEN" | "PUBLIC_URL">): TelegramMode {
  if (!config.TELEGRAM_BOT_TOKEN) return "off";
  return config.PUBLIC_URL ? "webhook" : "polling";
}

/**
 * Runs the bot in its mode without ever throwing or blocking: a Telegram outage at start, or later,
 * must not take the tip form down with it. Registration and polling retry in the background with
 * backoff (1 s doubling to 60 s, or Telegram's retry_after), one log line per failure and no stack.
 * Only a refused token (401) gives up, because no retry can fix it.
 */
export function startTelegram(bot: Bot<BotContext>, deps: Deps): TelegramRunner {
  const stopping = new AbortController();
  if (telegramMode(deps.config) === "webhook") {
    const done = retrying(deps.logger, "telegram webhook registration", stopping.signal, async () => {
      await initBot(bot, stopping.signal);
      const url = new URL("/telegram/webhook", deps.config.PUBLIC_URL).toString();
      await bot.api.setWebhook(url, { secret_token: telegramWebhookSecret(deps), allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] }, apiSignal(stopping.signal));
      deps.logger.info("telegram webhook registered", { url });
      return "done";
    });
    return {
      mode: "webhook",
      stop: async () => {
        stopping.abort();
        await done;
      },
    };
  }
  const cursor = { offset: 0 };
  const done = (async () => {
    await retrying(deps.logger, "telegram long polling start", stopping.signal, async () => {
      await initBot(bot, stopping.signal);
      // A webhook left from an earlier deployment makes getUpdates fail with 409 for ever.
      await bot.api.deleteWebhook({}, apiSignal(stopping.signal));
      deps.logger.info("telegram long polling started", { bot: bot.botInfo.username });
      return "done";
    });
    await retrying(deps.logger, "telegram long polling", stopping.signal, async () => {
      await pollOnce(bot, cursor, stopping.signal);
      return "again";
    });
  })();
  return {
    mode: "polling",
    async stop() {
      stopping.abort();
      await done;
      // Confirm what was handled, so a restart does not get it again (Telegram forgets updates below offset).
      if (cursor.offset > 0) await bot.api.getUpdates({ offset: cursor.offset, limit: 1, timeout: 0 }, apiSignal(AbortSignal.timeout(2_000))).catch(() => {});
    },
  };
}

/** getMe without grammY's bot.init, whose own retries are silent and grow to 20 minutes apart. */
async function initBot(bot: Bot<BotContext>, signal: AbortSignal): Promise<void> {
  if (!bot.isInited()) bot.botInfo = await bot.api.getMe(apiSignal(signal));
}

/**
 * One long poll and its updates, in order. The offset moves past an update only once it was handled:
 * an update whose handling threw (a database outage, by the bot's error boundary) is fetched again
 * after the backoff, like Telegram redelivers a webhook answered 503; dedupeUpdates drops repeats.
 */
async function pollOnce(bot: Bot<BotContext>, cursor: { offset: number }, stopping: AbortSignal): Promise<void> {
  // A dead connection can hold a request open for minutes; the poll is bounded a little past its timeout.
  const signal = AbortSignal.any([stopping, AbortSignal.timeout((POLL_TIMEOUT_S + 15) * 1000)]);
  const updates = await bot.api.getUpdates(
    { offset: cursor.offset, timeout: POLL_TIMEOUT_S, allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] },
    apiSignal(signal),
  );
  for (const update of updates) {
    // Stopping: the rest of the batch stays unconfirmed, and the next start gets it.
    if (stopping.aborted) return;
    await bot.handleUpdate(update);
    cursor.offset = update.update_id + 1;
  }
}

/**
 * Runs `attempt` until it answers "done" or the signal ends it; after a failure, waits and retries.
 * The first success after failures is logged once, so an outage reads as two lines plus one per retry.
 */
async function retrying(logger: Logger, what: string, signal: AbortSignal, attempt: () => Promise<"done" | "again">): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const outcome = await attempt();
      if (failures > 0) logger.info(`${what} recovered`, { failures });
      failures = 0;
      if (outcome === "done") return;
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof GrammyError && err.error_code === 401) {
        logger.error(`${what} stopped: Telegram refused the bot token (401); check TELEGRAM_BOT_TOKEN`);
        return;
      }
      failures += 1;
      const retryInMs =
        err instanceof GrammyError && err.parameters.retry_after ? err.parameters.retry_after * 1000 : Math.min(MAX_RETRY_MS, 1000 * 2 ** (failures - 1));
      logger.warn(`${what} failed, retrying`, { ...describeError(err), attempt: failures, retryInSeconds: retryInMs / 1000 });
      await sleep(retryInMs, signal);
    }
  }
}

/**
 * A line, not a stack. The network error below grammY's HttpError names the request URL, which holds
 * the bot token: only its code is kept.
 */
function describeError(err: unknown): { error: string; code?: string } {
  if (err instanceof HttpError) {
    const inner = err.error as { code?: unknown; cause?: { code?: unknown } } | undefined;
    const code = inner?.code ?? inner?.cause?.code;
    return { error: err.message, code: typeof code === "string" ? code : undefined };
  }
  if (err instanceof GrammyError) return { error: err.message };
  if (err instanceof BotError)
    return { error: `update ${err.ctx.update.update_id} not handled`, code: err.error instanceof Error ? err.error.name : undefined };
  return { error: err instanceof Error ? err.name : "unknown" };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
