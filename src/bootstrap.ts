import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatConfigErrors, parseConfig, type Config } from "./config.js";
import { createDb, type Database } from "./db/client.js";
import { migrateDb } from "./db/migrate.js";
import { ensureAppSecret, lockDataDir } from "./adapters/data-dir.js";
import { createNodeCrypto } from "./adapters/crypto-node.js";
import { createI18n } from "./adapters/i18n.js";
import { readLocaleFiles } from "./adapters/locale-files.js";
import { createLogger, type Logger } from "./adapters/logger.js";
import type { Deps } from "./app/deps.js";
import { createSharpSanitizer } from "./adapters/media.js";
import { createSmsSender } from "./adapters/sms/index.js";
import { createTelegramSender } from "./adapters/telegram-sender.js";

import { fillLiaisonPhoneHashes } from "./app/liaisons/fill-phone-hashes.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const MIGRATIONS = join(ROOT, "migrations");

/** Thrown for start-up failures that deserve a plain message and exit code 1, never a stack trace. */
export class StartupError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = parseConfig(env);
  if (!result.ok) throw new StartupError(formatConfigErrors(result.errors));
  return result.config;
}

export interface Opened {
  deps: Deps;
  database: Database;
  warnings: string[];
  close(): Promise<void>;
}

/** Node start-up shared by the server and the CLI: lock the data dir, the secret, the database, migrations. */
export async function openNode(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<Opened> {
  const warnings: string[] = [];
  let release = () => {};
  if (!config.DATABASE_URL) {
    const lock = lockDataDir(config.DATA_DIR);
    if (!lock.ok) {
      const h = lock.holder;
      throw new StartupError(
        `jubao cannot start: the data directory ${config.DATA_DIR} is in use by process ${h.pid} (${h.command || "unknown command"}) on ${h.host} since ${h.since}.\n` +
          `Two processes on one embedded database lose committed rows. Stop that process first, or give this one another DATA_DIR, or use DATABASE_URL.`,
      );
    }
    release = lock.release;
  }
  let appSecret = config.APP_SECRET;
  if (!appSecret) {
    const kept = ensureAppSecret(config.DATA_DIR);
    appSecret = kept.secret;
    warnings.push(
      kept.generated
        ? `APP_SECRET is not set: generated one and kept it in ${kept.path} (mode 0600). Back it up: without it, stored reporter identities cannot be read. Replicas must all set the same APP_SECRET.`
        : `APP_SECRET is not set: using the one kept in ${kept.path}.`,
    );
  }
  let database: Database;
  try {
    database = await createDb({ DATABASE_URL: config.DATABASE_URL, DATA_DIR: join(config.DATA_DIR, "pglite") });
    await migrateDb(database, MIGRATIONS);
  } catch (err) {
    release();
    throw new StartupError(`jubao cannot start: the database is not usable (${err instanceof Error ? err.message : String(err)}).`);
  }
  const deps: Deps = {
    database,
    db: database.db,
    config,
    logger,
    crypto: createNodeCrypto(appSecret),
    i18n: createI18n(readLocaleFiles(join(ROOT, "locales"))),
    clock: () => new Date(),
    // Loaded on the first photo: start-up and idle RSS without libvips (see createSharpSanitizer).
    media: createSharpSanitizer({ load: () => import("sharp").then((m) => m.default) }),
    sms: createSmsSender(config, logger),
    telegram: config.TELEGRAM_BOT_TOKEN ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }) : undefined,
  };
  const phones = await fillLiaisonPhoneHashes(deps);
  if (phones.filled) logger.info("liaison phone hashes filled", { filled: phones.filled });
  if (phones.unreadable)
    warnings.push(`${phones.unreadable} liaison phone number(s) cannot be decrypted with this APP_SECRET: those liaisons cannot be reached by SMS.`);
  return {
    deps,
    database,
    warnings,
    async close() {
      await database.close().catch(() => {});
      release();
    },
  };
}
