import type { Context } from "grammy";
import type { FluentVariable } from "@fluent/bundle";
import type { Locale } from "../src/adapters/i18n.js";
import type { Deps } from "../src/app/deps.js";

export interface BotExtras {
  deps: Deps;
  locale: Locale;
  t(key: string, vars?: Record<string, FluentVariable>): string;
}

export type BotContext = Context & BotExtras;
