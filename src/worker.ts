import { parseConfig, formatConfigErrors } from "./config.js";
import { createDb } from "./db/client.js";
import { createCrypto } from "./adapters/crypto.js";
import { createI18n } from "./adapters/i18n.js";
import { bundledLocaleSources } from "./adapters/locale-bundle.js";
import { createLogger, errorFields } from "./adapters/logger.js";
import type { Deps } from "./app/deps.js";
import { createPureSanitizer } from "./adapters/media.js";
import { drainOutbox } from "./app/outbox/drain-outbox.js";
import { createSmsSender } from "./adapters/sms/index.js";
import { createTelegramSender } from "./adapters/telegram-sender.js";
import { createApp } from "./http/app.js";
import { createBot } from "../bot/create-bot.js";
import { JOBS } from "./jobs/schedule.js";
import { runJobOnce, slotOf } from "./jobs/coordinator.js";
interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  [key: string]: unknown;
}

/**
 * Workers composition root. Workers have no file system: APP_SECRET must be set (wrangler secret), and
 * the database is PostgreSQL through Hyperdrive (or DATABASE_URL). A fresh connection per invocation
 * is what Hyperdrive expects; it pools on its side.
 */
async function buildDeps(env: WorkerEnv): Promise<Deps> {
  const strings: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") strings[k] = v;
  if (env.HYPERDRIVE) strings.DATABASE_URL = env.HYPERDRIVE.connectionString;
  const parsed = parseConfig(strings);
  if (!parsed.ok) throw new Error(formatConfigErrors(parsed.errors));
  const config = parsed.config;
  if (!config.DATABASE_URL) throw new Error("jubao on Workers needs a HYPERDRIVE binding or DATABASE_URL");
  if (!config.APP_SECRET) throw new Error("jubao on Workers needs APP_SECRET (wrangler secret put APP_SECRET)");
  const database = await createDb({ DATABASE_URL: config.DATABASE_URL, DATA_DIR: "" }, { max: 1 });
  const logger = createLogger(config.LOG_LEVEL);
  return {
    database,
    db: database.db,
    config,
    crypto: createCrypto(config.APP_SECRET),
    // A missing key still renders (zh-CN, then the key itself) but is logged; tests make it an error.
    i18n: createI18n(bundledLocaleSources(), { onMissing: (locale, key) => logger.warn("missing translation", { locale, key }) }),
    logger,
    clock: () => new Date(),
    // No sharp on Workers: JPEG/PNG metadata is stripped by a pure-JS parser, PDFs by pdf-lib.
    media: createPureSanitizer(),
    sms: createSmsSender(config, logger),
    telegram: config.TELEGRAM_BOT_TOKEN ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }) : undefined,
  };
}

/** Bounded so a slow provider cannot keep the invocation alive; what is left waits for the next run. */
const DRAIN_AFTER_REQUEST_MS = 10_000;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    const deps = await buildDeps(env);
    const bot = deps.config.TELEGRAM_BOT_TOKEN ? createBot({ token: deps.config.TELEGRAM_BOT_TOKEN, deps }) : undefined;
    const response = await createApp({ deps, bot }).fetch(request);
    // Workers have no dispatch loop: a POST (a tip, a bot update, an admin action) may have queued a
    // receipt or an alert, so the outbox is drained right after it instead of on the next cron minute.
    // The claim under SKIP LOCKED keeps each message to one sender when invocations overlap.
    const drain = request.method === "POST" ? drainOutbox(deps, { maxMs: DRAIN_AFTER_REQUEST_MS }) : Promise.resolve();
    ctx.waitUntil(drain.catch((err) => deps.logger.warn("outbox dispatch failed", errorFields(err))).finally(() => deps.database.close()));
    return response;
  },
  async scheduled(event: { cron: string; scheduledTime: number }, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void> {
    const deps = await buildDeps(env);
    const due = JOBS.filter((j) => j.cron === event.cron);
    const slot = slotOf(new Date(event.scheduledTime));
    ctx.waitUntil(
      (async () => {
        // One failing job must not skip the others sharing its trigger, nor leave the connection open.
        for (const job of due) {
          await runJobOnce(deps, job, slot).catch((err) => deps.logger.error("job failed", { job: job.name, ...errorFields(err) }));
        }
        await deps.database.close();
      })(),
    );
  },
};
