import { Composer, InlineKeyboard } from "grammy";
import { urgentNotice } from "../../src/app/tips/urgent-notice.js";
import { cancelReport, startReport } from "../../src/app/report/start-report.js";
import { reportTurn, type ReportTurnInput } from "../../src/app/report/report-turn.js";
import type { ReportReply, ReportView } from "../../src/app/report/report-view.js";
import { localName } from "../../src/domain/tip-input.js";
import type { BotContext } from "../context.js";
import { downloadTelegramFile } from "./report/files.js";
import { renderLocationRequest, renderPrompt, TAG_STEP } from "./report/render.js";

type ReportInput = ReportTurnInput["input"];

/**
 * /report: the guided tip conversation (private chats only: a tip typed in a group is seen by the group).
 * This composer maps an update to an input, calls a verb (src/app/report) and renders its reply; the
 * state machine and its storage live in the app, so what the user sees is what was stored.
 */
export function reportFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const pm = composer.chatType("private");
  pm.command("report", (ctx) => start(ctx));
  pm.callbackQuery("rp:start", async (ctx) => {
    await ctx.answerCallbackQuery();
    await start(ctx);
  });
  pm.command("cancel", (ctx, next) => cancel(ctx, next));
  pm.callbackQuery("rp:cancel", async (ctx) => {
    await ctx.answerCallbackQuery();
    await cancel(ctx, () => replyNone(ctx));
  });
  pm.command("back", (ctx, next) => drive(ctx, { kind: "back" }, next));
  pm.callbackQuery(/^rp:([a-z]):([a-z_]+)(?::(\w+))?$/, async (ctx, next) => {
    await ctx.answerCallbackQuery();
    const step = TAG_STEP[ctx.match[1]];
    if (!step) return replyNone(ctx);
    await drive(ctx, { kind: "button", step, action: ctx.match[2], arg: ctx.match[3] }, next);
  });
  pm.on("message:location", (ctx, next) => drive(ctx, { kind: "location", lat: ctx.message.location.latitude, lon: ctx.message.location.longitude }, next));
  pm.on("message:photo", (ctx, next) => {
    const largest = ctx.message.photo.at(-1)!;
    return drive(ctx, { kind: "file", file: { fileId: largest.file_id, kind: "photo", mimeType: "image/jpeg", size: largest.file_size } }, next);
  });
  pm.on("message:document", (ctx, next) => {
    const d = ctx.message.document;
    const file = {
      fileId: d.file_id,
      kind: "document" as const,
      mimeType: d.mime_type ?? "application/octet-stream",
      fileName: d.file_name?.slice(0, 200),
      size: d.file_size,
    };
    return drive(ctx, { kind: "file", file }, next);
  });
  // Other commands (/status, /help…) belong to other features even mid-report.
  pm.on("message:text", (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    return drive(ctx, { kind: "text", text, closesLocation: text.trim() === ctx.t("report-location-cancel") }, next);
  });
  return composer;
}

/**
 * Any other message (a sticker, a voice note, a command no feature took) while a report is open gets
 * the report's "send text, a photo or a location" prompt. Installed after every feature (bot/create-bot.ts),
 * so a command another feature answers (/status mid-report) is answered by it, and such an update
 * never reads the report's conversation state.
 */
export function reportFallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message", (ctx, next) => {
    const m = ctx.message;
    // Texts, photos, documents and locations were offered to the report already (reportFeature), which passed them on.
    if ((m.text !== undefined && !m.text.startsWith("/")) || m.photo || m.document || m.location) return next();
    return drive(ctx, { kind: "other" }, next);
  });
  return composer;
}

async function start(ctx: BotContext): Promise<void> {
  await show(ctx, await startReport(ctx.deps, { chatId: ctx.chat!.id }));
}

async function cancel(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  if (!(await cancelReport(ctx.deps, { chatId: ctx.chat!.id }))) return next();
  await ctx.reply(ctx.t("report-cancelled"), { reply_markup: { remove_keyboard: true } });
}

async function drive(ctx: BotContext, input: ReportInput, next: () => Promise<void>): Promise<void> {
  const reply = await reportTurn(ctx.deps, { chatId: ctx.chat!.id, locale: ctx.locale, input }, (fileId) => downloadTelegramFile(ctx.deps, ctx.api, fileId));
  // Without a report in progress, a message belongs to other features; a report's button says so.
  if (reply.kind === "none" && input.kind !== "button") return next();
  await show(ctx, reply);
}

async function show(ctx: BotContext, reply: ReportReply): Promise<void> {
  switch (reply.kind) {
    case "none":
      return replyNone(ctx);
    case "busy":
      return void (await ctx.reply(ctx.t("report-busy")));
    case "submitted":
      await ctx.reply(
        ctx.t("report-submitted", {
          unit: localName(reply.unit, ctx.locale),
          urgent: reply.urgent ? "yes" : "no",
          notice: urgentNotice(ctx.deps.i18n, ctx.locale, reply) ?? "",
          dropped: reply.droppedFiles,
        }),
        {
          reply_markup: { remove_keyboard: true },
        },
      );
      return;
    case "prompt":
      return showPrompt(ctx, reply.view);
  }
}

async function showPrompt(ctx: BotContext, view: ReportView): Promise<void> {
  if (view.askLocation) {
    const p = renderLocationRequest(ctx.t);
    await ctx.reply(p.text, { reply_markup: p.reply_markup });
    return;
  }
  const notice = view.notice ? ctx.t(view.notice.key, view.notice.vars) : undefined;
  const prompt = renderPrompt(ctx.t, view);
  if (view.closeReplyKeyboard) {
    // A message carries one keyboard: the reply keyboard is removed by its own short message.
    await ctx.reply(notice ?? ctx.t("report-location-closed"), { reply_markup: { remove_keyboard: true } });
    await ctx.reply(prompt.text, { reply_markup: prompt.reply_markup });
    return;
  }
  await ctx.reply(notice ? `${notice}\n\n${prompt.text}` : prompt.text, { reply_markup: prompt.reply_markup });
}

async function replyNone(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("report-none"), { reply_markup: new InlineKeyboard().text(ctx.t("report-start-button"), "rp:start") });
}
