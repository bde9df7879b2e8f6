import type { Config } from "../config.js";
import type { Crypto } from "../adapters/crypto.js";
import type { I18n } from "../adapters/i18n.js";
import type { Logger } from "../adapters/logger.js";
import type { Database, DbOrTx } from "../db/client.js";
import type { MediaSanitizer } from "./ports.js";
import type { SmsSender } from "./ports.js";
import type { TelegramSender } from "./ports.js";

/** Everything a use case may touch. Built once by main.ts / worker.ts; tests build it over a real database. */
export interface Deps {
  database: Database;
  db: DbOrTx;
  config: Config;
  crypto: Crypto;
  i18n: I18n;
  logger: Logger;
  clock: () => Date;
  /** Strips image metadata and checks type and size before an attachment is stored. */
  media: MediaSanitizer;
  /** Outgoing SMS provider (SMS_PROVIDER): the outbox dispatcher sends through it. */
  sms: SmsSender;
  /** Outgoing Telegram messages (sendMessage); absent when the bot is off: telegram rows then wait in the outbox. */
  telegram?: TelegramSender;
}

/** Closed set of failures a boundary maps once (HTTP status, bot reply, CLI exit code). */
export type AppErrorCode = "not_found" | "forbidden" | "invalid_input" | "conflict" | "rate_limited" | "unavailable";

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string = code,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}
