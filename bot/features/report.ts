import { Composer, InlineKeyboard } from "grammy";
import { conversationKey, loadConversation, type StoredConversation } from "../../src/app/conversations/load-conversation.js";
import { saveConversation } from "../../src/app/conversations/save-conversation.js";
import { clearConversation } from "../../src/app/conversations/clear-conversation.js";
import { listJurisdictions } from "../../src/app/places/list-jurisdictions.js";
import { getJurisdiction } from "../../src/app/places/get-jurisdiction.js";
import { withoutReceiptSecrets } from "../../src/app/tips/receipt-in-text.js";
import type { BotContext } from "../context.js";
import { isReportState, newReport, openReport, REPORT_FLOW, sealReport, TAG_STEP, type ReportState } from "./report/state.js";
import { applyInput, type Outcome, type ReportInput, type TransitionEnv } from "./report/transition.js";
import { renderLocationRequest, renderPrompt } from "./report/render.js";
import { submitReport } from "./report/submit.js";

/** Optimistic saves lost to another replica are retried on fresh state this many times before giving up. */
const SAVE_ATTEMPTS = 3;

/**
 * /report: the guided tip conversation (private chats only: a tip typed in a group is seen by the group).
 * Every update loads the chat's state from PostgreSQL, applies the input, and saves it only if nobody
 * else saved in between; the reply is sent after the save, so what the user sees is what is stored.
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
    const file = { fileId: d.file_id, kind: "document" as const, mimeType: d.mime_type ?? "application/octet-stream", fileName: d.file_name?.slice(0, 200), size: d.file_size };
    return drive(ctx, { kind: "file", file }, next);
  });
  // Other commands (/status, /help…) belong to other features even mid-report.
  pm.on("message:text", (ctx, next) => (ctx.message.text.startsWith("/") ? next() : drive(ctx, { kind: "text", text: ctx.message.text }, next)));
  pm.on("message", (ctx, next) => drive(ctx, { kind: "other" }, next));
  return composer;
}

function keyOf(ctx: BotContext): string {
  return conversationKey(ctx.deps, REPORT_FLOW, "telegram", String(ctx.chat!.id));
}

function envFor(ctx: BotContext): TransitionEnv {
  return {
    async level(code) {
      if (!code) {
        // The pickers start at the cities (设区市) of every seeded province, not at the provinces.
        const provinces = await listJurisdictions(ctx.deps, { parentCode: null });
        const cities = await Promise.all(provinces.map((p) => listJurisdictions(ctx.deps, { parentCode: p.code })));
        return { parent: null, children: cities.flat() };
      }
      const parent = await getJurisdiction(ctx.deps, { code });
      return parent ? { parent, children: await listJurisdictions(ctx.deps, { parentCode: code }) } : null;
    },
    isLocationCancel: (text) => text.trim() === ctx.t("report-location-cancel"),
    withoutReceiptSecrets: (text) => withoutReceiptSecrets(ctx.deps, text),
  };
}

async function start(ctx: BotContext): Promise<void> {
  const key = keyOf(ctx);
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const stored = await loadConversation(ctx.deps, { key });
    if (stored && isReportState(stored.state)) {
      const state = openReport(ctx.deps.crypto, stored.state);
      return show(ctx, state, { state, notice: { key: "report-resume" } });
    }
    const state = newReport();
    const saved = await saveConversation(ctx.deps, { key, flow: REPORT_FLOW, state: sealReport(ctx.deps.crypto, state), expectedVersion: stored?.version ?? null });
    if (saved.ok) return show(ctx, state, { state, notice: { key: "report-intro" } });
  }
  await ctx.reply(ctx.t("report-busy"));
}

/** This chat's report in progress, its contact decrypted; null when there is none (or another flow's row). */
async function loadReport(ctx: BotContext, key: string): Promise<StoredConversation<ReportState> | null> {
  const conv = await loadConversation(ctx.deps, { key });
  if (!conv || !isReportState(conv.state)) return null;
  return { ...conv, state: openReport(ctx.deps.crypto, conv.state) };
}

async function cancel(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  // Unconditional: /cancel must work whatever another replica wrote meanwhile.
  if (!(await clearConversation(ctx.deps, { key: keyOf(ctx) }))) return next();
  await ctx.reply(ctx.t("report-cancelled"), { reply_markup: { remove_keyboard: true } });
}

async function drive(ctx: BotContext, input: ReportInput, next: () => Promise<void>): Promise<void> {
  const key = keyOf(ctx);
  const env = envFor(ctx);
  for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
    const conv = await loadReport(ctx, key);
    if (!conv) return input.kind === "button" ? replyNone(ctx) : next();
    const outcome = await applyInput(env, conv.state, input);
    if (outcome.submit) return finish(ctx, conv);
    if (outcome.state === conv.state) return show(ctx, conv.state, outcome);
    const saved = await saveConversation(ctx.deps, { key, flow: REPORT_FLOW, state: sealReport(ctx.deps.crypto, outcome.state), expectedVersion: conv.version });
    if (saved.ok) return show(ctx, conv.state, outcome);
  }
  await ctx.reply(ctx.t("report-busy"));
}

async function finish(ctx: BotContext, conversation: StoredConversation<ReportState>): Promise<void> {
  const result = await submitReport(ctx.deps, ctx.api, { conversation, chatId: ctx.chat!.id, locale: ctx.locale });
  if (!result.ok) {
    // Another update finished or changed this report first: show where things stand now.
    const now = await loadReport(ctx, conversation.key);
    if (now) return show(ctx, now.state, { state: now.state, notice: { key: "report-changed" } });
    await ctx.reply(ctx.t("report-already-submitted"));
    return;
  }
  const { routing } = result.tip;
  const unit = ctx.locale === "en" ? routing.unit.nameEn ?? routing.unit.name : routing.unit.name;
  await ctx.reply(ctx.t("report-submitted", { unit, urgent: routing.urgent ? "yes" : "no", dropped: result.droppedFiles }), {
    reply_markup: { remove_keyboard: true },
  });
}

async function show(ctx: BotContext, before: ReportState, outcome: Outcome): Promise<void> {
  if (outcome.askLocation) {
    const p = renderLocationRequest(ctx.t);
    await ctx.reply(p.text, { reply_markup: p.reply_markup });
    return;
  }
  const notice = outcome.notice ? ctx.t(outcome.notice.key, outcome.notice.vars) : undefined;
  const prompt = await renderPrompt(ctx.t, envFor(ctx), outcome.state);
  if (before.replyKeyboard && !outcome.state.replyKeyboard) {
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
