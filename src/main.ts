import { serve } from "@hono/node-server";
import { createLogger, errorFields } from "./adapters/logger.js";
import { StartupError, loadConfig, openNode } from "./bootstrap.js";
import { isSeeded, seedDefaults } from "./db/seed.js";
import { createApp } from "./http/app.js";
import { createBot } from "../bot/create-bot.js";
import { startTelegram, telegramMode } from "./adapters/telegram-runner.js";
import { startScheduler } from "./jobs/scheduler.js";
import { catchUpBackup } from "./jobs/backup.js";

/** Node composition root: env → config → db → migrate → seed → deps → bot → app → serve. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const opened = await openNode(config, logger);
  const { deps } = opened;
  for (const w of opened.warnings) logger.warn(w);
  if (config.SEED_ON_START && !(await isSeeded(deps.db))) {
    const report = await seedDefaults(deps.db);
    logger.info("seeded default data", { ...report });
  }
  const mode = telegramMode(config);
  const bot = config.TELEGRAM_BOT_TOKEN ? createBot({ token: config.TELEGRAM_BOT_TOKEN, deps }) : undefined;
  // Only a webhook-mode bot is handed to the HTTP app: a long-polling one must not be reachable over HTTP.
  const app = createApp({ deps, bot: mode === "webhook" ? bot : undefined });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  }).catch((err: NodeJS.ErrnoException) => {
    throw new StartupError(`jubao cannot start: cannot listen on ${config.HOST}:${config.PORT} (${err.code ?? err.message}).`);
  });
  const telegram = bot ? startTelegram(bot, deps) : { mode: "off" as const, stop: async () => {} };
  const scheduler = startScheduler(deps);
  // A minute after start, so start-up itself stays quick; unref'd so it never holds the process open.
  const catchUp = setTimeout(() => {
    catchUpBackup(deps).catch((err) => logger.error("catch-up backup failed", errorFields(err)));
  }, 60_000);
  catchUp.unref();

  const lines = [
    "jubao is running",
    `  listening   http://${config.HOST}:${config.PORT}  (tip form /, admin /admin, health /healthz)`,
    `  database    ${deps.database.describe}`,
    `  telegram    ${telegram.mode === "off" ? "off — set TELEGRAM_BOT_TOKEN (from @BotFather) to turn the bot on" : telegram.mode === "webhook" ? `on, webhook at ${config.PUBLIC_URL}/telegram/webhook` : "on, long polling (set PUBLIC_URL for webhook mode)"}`,
    `  sms         ${config.SMS_PROVIDER}${config.SMS_PROVIDER === "log" ? " (outgoing SMS are only logged; set SMS_PROVIDER=twilio or generic)" : ""}`,
  ];
  lines.push(
    `  jobs        ${scheduler.jobs.join(", ")} (node-cron, UTC; one replica per slot); outbox dispatcher every ${(scheduler.dispatchEveryMs ?? 0) / 1000} s; audit sequencer every ${(scheduler.linkEveryMs ?? 0) / 1000} s`,
  );
  console.log(lines.join("\n"));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    await telegram.stop().catch(() => {});
    clearTimeout(catchUp);
    await scheduler.stop().catch(() => {});
    await new Promise<void>((r) => server.close(() => r()));
    await opened.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof StartupError) console.error(err.message);
  else console.error(`jubao failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
