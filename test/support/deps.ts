import { join } from "node:path";
import { afterEach } from "vitest";
import { parseConfig, type Config } from "../../src/config.js";
import { createCrypto } from "../../src/adapters/crypto.js";
import { createI18n, type I18n } from "../../src/adapters/i18n.js";
import { readLocaleFiles } from "../../src/adapters/locale-files.js";
import { silentLogger } from "../../src/adapters/logger.js";
import type { Deps } from "../../src/app/deps.js";
import sharp from "sharp";
import { createSharpSanitizer } from "../../src/adapters/media.js";
import { createSmsSender } from "../../src/adapters/sms/index.js";
import { createTelegramSender } from "../../src/adapters/telegram-sender.js";
import type { Database } from "../../src/db/client.js";
import { ROOT_DIR } from "./paths.js";

export const TEST_SECRET = "test-app-secret-0123456789abcdef-0123456789";

let i18n: I18n | undefined;
const missingTranslations: string[] = [];
/**
 * Strict: rendering a key that a locale lacks throws (production falls back to zh-CN, then the key).
 * The bot's error boundary and the HTTP error handler may swallow that throw, so every miss is also
 * recorded and fails the test that caused it.
 */
export function testI18n(): I18n {
  i18n ??= createI18n(readLocaleFiles(join(ROOT_DIR, "locales")), {
    onMissing: (locale, key) => {
      missingTranslations.push(`${locale} ${key}`);
      throw new Error(`missing translation: ${locale} ${key}`);
    },
  });
  return i18n;
}

afterEach(() => {
  const missed = missingTranslations.splice(0);
  if (missed.length) throw new Error(`rendered missing translation keys: ${[...new Set(missed)].join(", ")}`);
});

export function testConfig(env: Record<string, string> = {}): Config {
  const result = parseConfig({ APP_SECRET: TEST_SECRET, DATA_DIR: "/nonexistent", ...env });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

/** Real deps over a real database; only the clock is controllable. */
export function testDeps(database: Database, overrides: Partial<Deps> & { env?: Record<string, string> } = {}): Deps {
  const { env, ...rest } = overrides;
  const config = testConfig(env);
  return {
    database,
    db: database.db,
    config,
    crypto: createCrypto(TEST_SECRET),
    i18n: testI18n(),
    logger: silentLogger,
    clock: () => new Date(),
    media: createSharpSanitizer(sharp),
    // SMS_PROVIDER defaults to "log"; a test points twilio/generic at a local server through env.
    sms: createSmsSender(config, silentLogger),
    // Set TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT (a local fake Bot API) in env to let the outbox deliver.
    telegram: config.TELEGRAM_BOT_TOKEN ? createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }) : undefined,
    ...rest,
  };
}
