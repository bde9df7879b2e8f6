import type { MiddlewareFn } from "grammy";
import { errorFields } from "../../src/adapters/logger.js";
import { isUnavailable } from "../../src/app/system/outage.js";
import type { BotContext } from "../context.js";

/**
 * bot.catch does not apply to webhooks, and a thrown error makes Telegram redeliver the update for up
 * to a day while the chat's later updates wait. So: a database outage is rethrown (503, redelivered
 * later, nothing was committed); any other failure is logged once and the user is told, in their language.
 */
export function errorBoundary(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (isUnavailable(err)) throw err;
      ctx.deps.logger.error("bot update failed", { update: ctx.update.update_id, ...errorFields(err) });
      const text = ctx.deps.i18n.t(ctx.locale ?? "zh-CN", "error-generic");
      if (ctx.chat) await ctx.reply(text).catch(() => {});
    }
  };
}
