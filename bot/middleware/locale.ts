import type { MiddlewareFn } from "grammy";
import { getChatLocale } from "../../src/app/chat/chat-locale.js";
import type { BotContext } from "../context.js";

/** The chat's stored language, else the Telegram client's language, else zh-CN. */
export function attachLocale(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    ctx.locale = chatId === undefined ? "zh-CN" : await getChatLocale(ctx.deps, { chatId, fallback: ctx.from?.language_code });
    ctx.t = (key, vars) => ctx.deps.i18n.t(ctx.locale, key, vars);
    await next();
  };
}
