import { Composer } from "grammy";
import { endObjection, objectionTurn } from "../../src/app/objection/objection-turn.js";
import { startObjection } from "../../src/app/objection/start-objection.js";
import type { ObjectionResult } from "../../src/app/tips/object-to-answer.js";
import { shanghaiDate } from "../../src/domain/deadlines.js";
import type { BotContext } from "../context.js";

/**
 * 提出异议: the inline button under an answer (callback `obj:<tracking code>`) asks for the reason; the
 * chat's next text message is it. The conversation and the check that this chat sent the tip live in
 * src/app/objection; this maps updates and renders.
 */
export function objectionFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const pm = composer.chatType("private");
  pm.callbackQuery(/^obj:([A-Z0-9-]{1,40})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const started = await startObjection(ctx.deps, { chatId: ctx.chat.id, trackingCode: ctx.match[1] });
    if (started.ok) return void (await ctx.reply(ctx.t("tip-objection-ask", { code: started.trackingCode })));
    await ctx.reply(refusalText(ctx, started));
  });
  pm.command("cancel", async (ctx, next) => {
    if (!(await endObjection(ctx.deps, { chatId: ctx.chat.id }))) return next();
    await ctx.reply(ctx.t("report-followup-done"));
  });
  pm.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const reply = await objectionTurn(ctx.deps, { chatId: ctx.chat.id, text: ctx.message.text });
    switch (reply.kind) {
      case "pass":
        return next();
      case "expired":
        return void (await ctx.reply(ctx.t("tip-objection-expired")));
      case "too_short":
        return void (await ctx.reply(ctx.t("tip-objection-too-short")));
      case "result":
        return void (await ctx.reply(refusalText(ctx, reply.result)));
    }
  });
  return composer;
}

function refusalText(ctx: BotContext, r: ObjectionResult): string {
  if (r.ok) return ctx.t("tip-objection-done", { code: r.trackingCode, date: shanghaiDate(r.reviewStartDueAt) });
  if (!("trackingCode" in r)) return ctx.t("tip-objection-not-yours");
  return ctx.t(`tip-objection-refused-${r.reason}`, { code: r.trackingCode, date: "closedOn" in r ? r.closedOn : "" });
}
