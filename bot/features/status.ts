import { Composer, InlineKeyboard } from "grammy";
import type { ReporterTipView, TipAnswer } from "../../src/app/tips/check-status.js";
import { answerIn } from "../../src/domain/tip-answer.js";
import { listReporterTips } from "../../src/app/tips/list-reporter-tips.js";
import { endFollowUp, openFollowUp } from "../../src/app/followup/open-follow-up.js";
import { followUpTurn, type FollowUpTurnInput } from "../../src/app/followup/follow-up-turn.js";
import { TRACKING_CODE_LENGTH } from "../../src/domain/receipts.js";
import { localName } from "../../src/domain/tip-input.js";
import type { BotContext } from "../context.js";
import { downloadTelegramFile } from "./report/files.js";

/**
 * /status lists this chat's own tips (linked by the keyed hash of the chat id); `/status CODE SECRET`
 * shows one tip's status and public history on any tip, and offers to add information or photos to it.
 * The follow-up (which tip, its sealed secret) lives in src/app/followup; this maps updates and renders.
 */
export function statusFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const pm = composer.chatType("private");
  pm.command("status", async (ctx) => {
    // Codes and secrets are typed with spaces and dashes in every way: only the 33 symbols count.
    const compact = ctx.match
      .normalize("NFKC")
      .toUpperCase()
      .replace(/[\s\-_.·—–]/g, "");
    if (!compact) return listOwn(ctx);
    if (compact.length <= TRACKING_CODE_LENGTH) return ctx.reply(ctx.t("report-status-usage"));
    await checkOne(ctx, compact.slice(0, TRACKING_CODE_LENGTH), compact.slice(TRACKING_CODE_LENGTH));
  });
  pm.callbackQuery("st:add", async (ctx) => {
    await ctx.answerCallbackQuery();
    await drive(ctx, { kind: "add" }, () => Promise.resolve());
  });
  pm.callbackQuery("st:done", async (ctx) => {
    await ctx.answerCallbackQuery();
    await endFollowUp(ctx.deps, { chatId: ctx.chat.id });
    await ctx.reply(ctx.t("report-followup-done"));
  });
  pm.command("cancel", async (ctx, next) => {
    if (!(await endFollowUp(ctx.deps, { chatId: ctx.chat.id }))) return next();
    await ctx.reply(ctx.t("report-followup-done"));
  });
  pm.on("message:text", (ctx, next) => (ctx.message.text.startsWith("/") ? next() : drive(ctx, { kind: "info", text: ctx.message.text }, next)));
  pm.on("message:photo", (ctx, next) => {
    const p = ctx.message.photo.at(-1)!;
    return drive(ctx, { kind: "info", text: ctx.message.caption ?? "", file: { fileId: p.file_id, mimeType: "image/jpeg" } }, next);
  });
  pm.on("message:document", (ctx, next) => {
    const d = ctx.message.document;
    return drive(
      ctx,
      {
        kind: "info",
        text: ctx.message.caption ?? "",
        file: { fileId: d.file_id, mimeType: d.mime_type ?? "application/octet-stream", fileName: d.file_name?.slice(0, 200) },
      },
      next,
    );
  });
  return composer;
}

const doneKeyboard = (ctx: BotContext) => new InlineKeyboard().text(ctx.t("report-followup-finish"), "st:done");

/** Built once per time zone: a new Intl.DateTimeFormat costs ~50× its format() (0.5 ms here), and /status formats up to 20 dates. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(ctx: BotContext, at: Date): string {
  const zone = ctx.deps.config.TZ_CAMPAIGN;
  let format = dateFormats.get(zone);
  if (!format) dateFormats.set(zone, (format = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" })));
  return format.format(at);
}

async function listOwn(ctx: BotContext): Promise<void> {
  const own = await listReporterTips(ctx.deps, { channel: "telegram", address: String(ctx.chat!.id) });
  if (own.length === 0) {
    await ctx.reply(ctx.t("report-status-none"));
    return;
  }
  const lines = own.map((tip) =>
    ctx.t("report-status-line", {
      code: tip.trackingCode,
      status: ctx.t(`report-status-${tip.status}`),
      date: formatDate(ctx, tip.receivedAt),
      unit: localName(tip.unit, ctx.locale),
    }),
  );
  await ctx.reply(`${ctx.t("report-status-list")}\n${lines.join("\n")}\n\n${ctx.t("report-status-usage")}`);
}

async function checkOne(ctx: BotContext, trackingCode: string, secret: string): Promise<void> {
  const result = await openFollowUp(ctx.deps, { chatId: ctx.chat!.id, trackingCode, secret });
  if (!result.ok) {
    await ctx.reply(
      result.reason === "rate_limited"
        ? ctx.t("report-status-rate-limited", { minutes: Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60)) })
        : ctx.t("report-status-not-found"),
    );
    return;
  }
  const keyboard = new InlineKeyboard().text(ctx.t("report-followup-button"), "st:add");
  // The objection button works only in the chat the tip came from (the verb checks): elsewhere, the receipt and /track.
  if (result.tip.objection?.open) keyboard.row().text(ctx.t("tip-objection-button"), `obj:${result.tip.trackingCode}`);
  await ctx.reply(renderStatus(ctx, result.tip), { reply_markup: keyboard });
}

/** The answer's four items (the review's too, once given), in the chat's language where staff wrote it. */
function renderAnswers(ctx: BotContext, tip: ReporterTipView): string {
  const block = (title: string, answer: TipAnswer | null | undefined) => {
    if (!answer) return "";
    const a = answerIn(answer, ctx.locale);
    return `\n\n${title}\n${ctx.t("tip-answer-conclusion")}：${a.conclusion}\n${ctx.t("tip-answer-summary")}：${a.summary}\n${ctx.t("tip-answer-decision")}：${a.decision}\n${ctx.t("tip-answer-reward")}：${a.rewardEligibility}`;
  };
  return block(ctx.t("web-track-answer"), tip.answer) + block(ctx.t("web-track-review-answer"), tip.review?.answer);
}

function renderStatus(ctx: BotContext, tip: ReporterTipView): string {
  const history = tip.history.slice(-10).map((e) => {
    const what = ctx.t(`tip-event-${e.event}`);
    const due = e.dueOn ? ` · ${ctx.t("tip-event-due-on", { date: e.dueOn })}` : "";
    return `· ${formatDate(ctx, e.at)} ${what}${e.text ? `：${e.text.slice(0, 500)}` : ""}${due}`;
  });
  return (
    ctx.t("report-status-one", {
      code: tip.trackingCode,
      status: ctx.t(`report-status-${tip.status}`),
      date: formatDate(ctx, tip.receivedAt),
      unit: localName(tip.unit, ctx.locale),
    }) +
    (history.length ? `\n${ctx.t("report-status-history")}\n${history.join("\n")}` : "") +
    renderAnswers(ctx, tip) +
    renderReward(ctx, tip)
  );
}

/** The tip's own reward, as /track shows it: amount, state, and the last day to claim or the day it was paid. */
function renderReward(ctx: BotContext, tip: ReporterTipView): string {
  const r = tip.reward;
  if (!r) return "";
  const lines = [
    ctx.t("web-reward-title"),
    `${ctx.t("web-reward-amount")}：${ctx.t("web-reward-yuan", { amount: r.amountYuan })}`,
    `${ctx.t("web-reward-status")}：${ctx.t(`web-reward-status-${r.status}`)}`,
  ];
  if (r.status === "awaiting_claim" || r.status === "lapsed") lines.push(`${ctx.t("web-reward-claim-by")}：${r.claimBy}`);
  if (r.status === "awaiting_claim") lines.push(ctx.t("report-reward-claim-how"));
  if (r.paidOn) lines.push(`${ctx.t("web-reward-paid-on")}：${r.paidOn}`);
  return `\n\n${lines.join("\n")}`;
}

async function drive(ctx: BotContext, input: FollowUpTurnInput["input"], next: () => Promise<void>): Promise<void> {
  const reply = await followUpTurn(ctx.deps, { chatId: ctx.chat!.id, input }, (fileId) => downloadTelegramFile(ctx.deps, ctx.api, fileId));
  switch (reply.kind) {
    case "pass":
      return next();
    case "expired":
      return void (await ctx.reply(ctx.t("report-followup-expired")));
    case "file_unsupported":
      return void (await ctx.reply(ctx.t("report-file-unsupported"), { reply_markup: doneKeyboard(ctx) }));
    case "ask":
      return void (await ctx.reply(ctx.t("report-followup-ask", { code: reply.trackingCode }), { reply_markup: doneKeyboard(ctx) }));
    case "added":
      return void (await ctx.reply(ctx.t("report-followup-added", { code: reply.trackingCode }), { reply_markup: doneKeyboard(ctx) }));
  }
}
