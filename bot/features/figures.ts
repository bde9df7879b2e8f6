import { Composer } from "grammy";
import { startFigures } from "../../src/app/figures/start-figures.js";
import { recordFigureAnswer, type RecordFigureAnswerInput } from "../../src/app/figures/record-figure-answer.js";
import type { FiguresReply } from "../../src/app/figures/figures-view.js";
import { PERIOD_RE } from "../../src/app/figures/stored-values.js";
import type { BotContext } from "../context.js";
import { renderFigures } from "./figures/render.js";

type Answer = RecordFigureAnswerInput["answer"];

/**
 * The monthly figures (月报表) in conversation, for liaisons: /figures or the reminder's
 * "fig:start:<obligationId>" button starts it; typed values and buttons answer it. State lives in the
 * conversations table, so a restart or another replica carries on. Texts this chat sends outside a
 * figures conversation pass on to the other features.
 */
export function figuresFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chatIdOf = (ctx: BotContext) => ctx.chat?.id ?? ctx.from!.id;
  const reply = async (ctx: BotContext, r: FiguresReply) => {
    const { text, keyboard } = renderFigures(ctx, r);
    await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  };

  composer.command("figures", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg && !PERIOD_RE.test(arg)) return ctx.reply(ctx.t("figures-usage"));
    await reply(ctx, await startFigures(ctx.deps, { chatId: chatIdOf(ctx), period: arg || undefined }));
  });
  composer.callbackQuery(/^fig:(start|unit):(\d{1,9})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const id = Number(ctx.match[2]);
    await reply(ctx, await startFigures(ctx.deps, { chatId: chatIdOf(ctx), ...(ctx.match[1] === "start" ? { obligationId: id } : { unitId: id }) }));
  });
  composer.callbackQuery(/^fig:(same|zero|confirm|submit|cancel|edit)(?::(\d{1,2}))?$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [, type, index] = ctx.match;
    const answer = (type === "edit" ? { type, index: index === undefined ? undefined : Number(index) } : { type }) as Answer;
    await reply(ctx, await recordFigureAnswer(ctx.deps, { chatId: chatIdOf(ctx), answer }));
  });
  composer.command("cancel", async (ctx, next) => {
    const r = await recordFigureAnswer(ctx.deps, { chatId: chatIdOf(ctx), answer: { type: "cancel" } });
    if (r.kind === "no_conversation") return next();
    await reply(ctx, r);
  });
  composer.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const r = await recordFigureAnswer(ctx.deps, { chatId: chatIdOf(ctx), answer: { type: "text", text: ctx.message.text.slice(0, 4096) } });
    if (r.kind === "no_conversation") return next();
    await reply(ctx, r);
  });
  return composer;
}
