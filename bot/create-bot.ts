import { Bot, type BotConfig } from "grammy";
import { errorFields } from "../src/adapters/logger.js";
import type { Deps } from "../src/app/deps.js";
import type { BotContext } from "./context.js";
import { claimAndLocale } from "./middleware/dedupe.js";
import { errorBoundary } from "./middleware/error-boundary.js";
import { basicsFeature } from "./features/basics.js";
import { liaisonFeature } from "./features/liaison.js";
import { reportFallbackFeature, reportFeature } from "./features/report.js";
import { statusFeature } from "./features/status.js";
import { figuresFeature } from "./features/figures.js";
import { objectionFeature } from "./features/objection.js";

export interface CreateBotOptions {
  token: string;
  deps: Deps;
  /** Tests and self-hosted Bot API servers: apiRoot, a fake fetch, or a known botInfo to skip getMe. */
  botConfig?: BotConfig<BotContext>;
}

/** The grammY layer only: features call src/app verbs and reply with ctx.t; none touches the database. */
export function createBot({ token, deps, botConfig }: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...botConfig,
    // In webhook mode the update's first sendMessage goes back in the webhook's answer (src/http/routes/telegram.ts).
    client: { apiRoot: deps.config.TELEGRAM_API_ROOT, canUseWebhookReply: (method) => method === "sendMessage", ...botConfig?.client },
  });
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    await next();
  });
  bot.use(errorBoundary());
  bot.use(claimAndLocale());
  bot.use(basicsFeature());
  bot.use(liaisonFeature());
  bot.use(figuresFeature());
  bot.use(objectionFeature());
  bot.use(reportFeature());
  bot.use(statusFeature());
  bot.use(reportFallbackFeature());
  // A button no feature claims (stale keyboard, forged data) still gets an answer, or its spinner never stops.
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery().catch(() => {}));
  bot.catch((err) => deps.logger.error("bot update failed", { update: err.ctx.update.update_id, ...errorFields(err.error) }));
  return bot;
}
