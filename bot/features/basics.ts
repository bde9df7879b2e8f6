import { Composer, InlineKeyboard } from "grammy";
import { setChatLocale } from "../../src/app/chat/chat-locale.js";
import type { BotContext } from "../context.js";

/** /start, /help and /lang. Deep-link payloads of /start are handled by the features that own them. */
export function basicsFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("start", async (ctx, next) => {
    if (ctx.match) return next();
    await ctx.reply(ctx.t("start-welcome"), { reply_markup: new InlineKeyboard().text(ctx.t("report-start-button"), "rp:start") });
  });
  composer.command("help", (ctx) => ctx.reply(ctx.t("help-text")));
  composer.command("lang", (ctx) =>
    ctx.reply(ctx.t("lang-choose"), {
      reply_markup: new InlineKeyboard().text(ctx.t("lang-button-zh"), "lang:zh-CN").text(ctx.t("lang-button-en"), "lang:en"),
    }),
  );
  composer.callbackQuery(/^lang:(zh-CN|en)$/, async (ctx) => {
    const chatId = ctx.chat?.id ?? ctx.from.id;
    ctx.locale = await setChatLocale(ctx.deps, { chatId, locale: ctx.match[1] });
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("lang-set"));
  });
  return composer;
}
