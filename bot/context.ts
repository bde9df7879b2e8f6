import type { Context } from "grammy";
import type { FluentVariable } from "@fluent/bundle";
import type { Locale } from "../src/adapters/i18n.js";
import type { Deps } from "../src/app/deps.js";
import type { ReporterTip } from "../src/app/tips/list-reporter-tips.js";

export interface BotExtras {
  deps: Deps;
  locale: Locale;
  t(key: string, vars?: Record<string, FluentVariable>): string;
  /** Read with the update's claim when the update is a bare /status (bot/middleware/dedupe.ts); else unset. */
  ownTips?: ReporterTip[];
}

export type BotContext = Context & BotExtras;
