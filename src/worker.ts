import { parseConfig, formatConfigErrors } from "./config.js";
import { createDb } from "./db/client.js";
import { createCrypto } from "./adapters/crypto.js";
import { createI18n, type Locale } from "./adapters/i18n.js";
import { createLogger } from "./adapters/logger.js";
import type { Deps } from "./app/deps.js";
import { createDocumentOnlySanitizer } from "./adapters/media.js";
import { createSmsSender } from "./adapters/sms/index.js";
import { createTelegramSender } from "./adapters/telegram-sender.js";
import { createApp } from "./http/app.js";
import { createBot } from "../bot/create-bot.js";
import { JOBS } from "./jobs/schedule.js";
import { runJobOnce, slotOf } from "./jobs/coordinator.js";
import zhBot from "../locales/zh-CN/bot.ftl";
import enBot from "../locales/en/bot.ftl";
import zhTips from "../locales/zh-CN/tips.ftl";
import enTips from "../locales/en/tips.ftl";
import zhLiaison from "../locales/zh-CN/liaison.ftl";
import enLiaison from "../locales/en/liaison.ftl";
import zhWeb from "../locales/zh-CN/web.ftl";
import enWeb from "../locales/en/web.ftl";
import zhAdmin from "../locales/zh-CN/admin.ftl";
import enAdmin from "../locales/en/admin.ftl";
import zhReminders from "../locales/zh-CN/reminders.ftl";
import enReminders from "../locales/en/reminders.ftl";
import zhSms from "../locales/zh-CN/sms.ftl";
import enSms from "../locales/en/sms.ftl";
import zhReport from "../locales/zh-CN/report.ftl";
import enReport from "../locales/en/report.ftl";
import zhFigures from "../locales/zh-CN/figures.ftl";
import enFigures from "../locales/en/figures.ftl";
import zhAdminCampaigns from "../locales/zh-CN/admin-campaigns.ftl";
import enAdminCampaigns from "../locales/en/admin-campaigns.ftl";
import zhAdminManage from "../locales/zh-CN/admin-manage.ftl";
import enAdminManage from "../locales/en/admin-manage.ftl";

/** Fluent sources bundled as text (wrangler.toml [[rules]] type Text). A test checks every .ftl is listed. */
const LOCALE_SOURCES: Record<Locale, string[]> = { "zh-CN": [zhBot, zhWeb, zhLiaison, zhAdmin, zhReminders, zhSms, zhReport, zhFigures, zhAdminCampaigns, zhAdminManage], en: [enBot, enWeb, enLiaison, enAdmin, enReminders, enSms, enReport, enFigures, enAdminCampaigns, enAdminManage] };

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
    database, db: database.db, config,
    crypto: createCrypto(config.APP_SECRET),
    i18n: createI18n(LOCALE_SOURCES),
    logger,
    clock: () => new Date(),
    // No sharp on Workers: images are refused (their metadata could not be stripped), PDF is accepted.
    media: createDocumentOnlySanitizer(),
    sms: createSmsSender(config, logger),
    telegram: config.TELEGRAM_BOT_TOKEN ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }) : undefined,
  };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    const deps = await buildDeps(env);
    const bot = deps.config.TELEGRAM_BOT_TOKEN ? createBot({ token: deps.config.TELEGRAM_BOT_TOKEN, deps }) : undefined;
    const response = await createApp({ deps, bot }).fetch(request);
    ctx.waitUntil(deps.database.close());
    return response;
  },
  async scheduled(event: { cron: string; scheduledTime: number }, env: WorkerEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void> {
    const deps = await buildDeps(env);
    const due = JOBS.filter((j) => j.cron === event.cron);
    const slot = slotOf(new Date(event.scheduledTime));
    ctx.waitUntil((async () => {
      for (const job of due) await runJobOnce(deps, job, slot);
      await deps.database.close();
    })());
  },
};
