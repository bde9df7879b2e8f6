import { Composer, InlineKeyboard } from "grammy";
import { checkStatus, type TipStatus } from "../../src/app/tips/check-status.js";
import { addTipInfo } from "../../src/app/tips/add-tip-info.js";
import { listReporterTips } from "../../src/app/tips/list-reporter-tips.js";
import { conversationKey, loadConversation } from "../../src/app/conversations/load-conversation.js";
import { saveConversation } from "../../src/app/conversations/save-conversation.js";
import { clearConversation } from "../../src/app/conversations/clear-conversation.js";
import { TRACKING_CODE_LENGTH } from "../../src/domain/receipts.js";
import type { BotContext } from "../context.js";
import { fetchCleanFile } from "./report/files.js";
import { cleanText } from "../../src/domain/tip-input.js";

const FOLLOW_UP_FLOW = "followup";
/** How long a checked receipt may be used to add information without typing it again. */
const FOLLOW_UP_MS = 30 * 60_000;

/** After a successful check: which tip the next messages are added to. The secret is kept encrypted, never in clear. */
interface FollowUp {
  v: 1;
  trackingCode: string;
  secretEnc: string;
  adding: boolean;
  expiresAt: string;
}

/**
 * /status lists this chat's own tips (linked by the keyed hash of the chat id); `/status CODE SECRET`
 * shows one tip's status and public history on any tip, and offers to add information or photos to it.
 */
export function statusFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const pm = composer.chatType("private");
  pm.command("status", async (ctx) => {
    // Codes and secrets are typed with spaces and dashes in every way: only the 33 symbols count.
    const compact = ctx.match.normalize("NFKC").toUpperCase().replace(/[\s\-_.·—–]/g, "");
    if (!compact) return listOwn(ctx);
    if (compact.length <= TRACKING_CODE_LENGTH) return ctx.reply(ctx.t("report-status-usage"));
    await checkOne(ctx, compact.slice(0, TRACKING_CODE_LENGTH), compact.slice(TRACKING_CODE_LENGTH));
  });
  pm.callbackQuery("st:add", async (ctx) => {
    await ctx.answerCallbackQuery();
    const found = await loadFollowUp(ctx);
    if (!found) return ctx.reply(ctx.t("report-followup-expired"));
    await saveConversation(ctx.deps, { key: keyOf(ctx), flow: FOLLOW_UP_FLOW, state: { ...found.state, adding: true }, expectedVersion: found.version });
    await ctx.reply(ctx.t("report-followup-ask", { code: found.state.trackingCode }), { reply_markup: doneKeyboard(ctx) });
  });
  pm.callbackQuery("st:done", async (ctx) => {
    await ctx.answerCallbackQuery();
    await clearConversation(ctx.deps, { key: keyOf(ctx) });
    await ctx.reply(ctx.t("report-followup-done"));
  });
  pm.command("cancel", async (ctx, next) => {
    if (!(await clearConversation(ctx.deps, { key: keyOf(ctx) }))) return next();
    await ctx.reply(ctx.t("report-followup-done"));
  });
  pm.on("message:text", (ctx, next) => (ctx.message.text.startsWith("/") ? next() : addInfo(ctx, next, { text: cleanText(ctx.message.text) })));
  pm.on("message:photo", (ctx, next) => {
    const p = ctx.message.photo.at(-1)!;
    return addInfo(ctx, next, { text: cleanText(ctx.message.caption ?? ""), file: { fileId: p.file_id, kind: "photo", mimeType: "image/jpeg", size: p.file_size } });
  });
  pm.on("message:document", (ctx, next) => {
    const d = ctx.message.document;
    return addInfo(ctx, next, { text: cleanText(ctx.message.caption ?? ""), file: { fileId: d.file_id, kind: "document", mimeType: d.mime_type ?? "application/octet-stream", fileName: d.file_name?.slice(0, 200), size: d.file_size } });
  });
  return composer;
}

const keyOf = (ctx: BotContext) => conversationKey(ctx.deps, FOLLOW_UP_FLOW, "telegram", String(ctx.chat!.id));
const doneKeyboard = (ctx: BotContext) => new InlineKeyboard().text(ctx.t("report-followup-finish"), "st:done");

function formatDate(ctx: BotContext, at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: ctx.deps.config.TZ_CAMPAIGN, dateStyle: "short", timeStyle: "short" }).format(at);
}

async function listOwn(ctx: BotContext): Promise<void> {
  const own = await listReporterTips(ctx.deps, { channel: "telegram", address: String(ctx.chat!.id) });
  if (own.length === 0) {
    await ctx.reply(ctx.t("report-status-none"));
    return;
  }
  const lines = own.map((tip) => ctx.t("report-status-line", {
    code: tip.trackingCode, status: ctx.t(`report-status-${tip.status}`), date: formatDate(ctx, tip.receivedAt),
    unit: ctx.locale === "en" ? tip.unit.nameEn ?? tip.unit.name : tip.unit.name,
  }));
  await ctx.reply(`${ctx.t("report-status-list")}\n${lines.join("\n")}\n\n${ctx.t("report-status-usage")}`);
}

async function checkOne(ctx: BotContext, trackingCode: string, secret: string): Promise<void> {
  const result = await checkStatus(ctx.deps, { trackingCode, secret });
  if (!result.ok) {
    await ctx.reply(result.reason === "rate_limited"
      ? ctx.t("report-status-rate-limited", { minutes: Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60)) })
      : ctx.t("report-status-not-found"));
    return;
  }
  const state: FollowUp = {
    v: 1, trackingCode: result.tip.trackingCode, adding: false,
    secretEnc: Buffer.from(ctx.deps.crypto.encrypt(secret)).toString("base64"),
    expiresAt: new Date(ctx.deps.clock().getTime() + FOLLOW_UP_MS).toISOString(),
  };
  const existing = await loadConversation(ctx.deps, { key: keyOf(ctx) });
  await saveConversation(ctx.deps, { key: keyOf(ctx), flow: FOLLOW_UP_FLOW, state, expectedVersion: existing?.version ?? null });
  await ctx.reply(renderStatus(ctx, result.tip), { reply_markup: new InlineKeyboard().text(ctx.t("report-followup-button"), "st:add") });
}

function renderStatus(ctx: BotContext, tip: TipStatus): string {
  const history = tip.history.slice(-10).map((e) => {
    const what = e.status ? ctx.t(`report-status-${e.status}`) : ctx.t(`report-event-${e.kind === "received" || e.kind === "reporter_info" ? e.kind : "update"}`);
    return `· ${formatDate(ctx, e.at)} ${what}${e.text ? `：${e.text.slice(0, 500)}` : ""}`;
  });
  return ctx.t("report-status-one", {
    code: tip.trackingCode, status: ctx.t(`report-status-${tip.status}`), date: formatDate(ctx, tip.receivedAt),
    unit: ctx.locale === "en" ? tip.unit.nameEn ?? tip.unit.name : tip.unit.name,
  }) + (history.length ? `\n${ctx.t("report-status-history")}\n${history.join("\n")}` : "");
}

async function loadFollowUp(ctx: BotContext) {
  const found = await loadConversation<FollowUp>(ctx.deps, { key: keyOf(ctx) });
  if (!found || found.flow !== FOLLOW_UP_FLOW || found.state?.v !== 1) return null;
  if (new Date(found.state.expiresAt).getTime() < ctx.deps.clock().getTime()) {
    await clearConversation(ctx.deps, { key: found.key });
    return null;
  }
  return found;
}

async function addInfo(ctx: BotContext, next: () => Promise<void>, input: { text: string; file?: Parameters<typeof fetchCleanFile>[2] }): Promise<void> {
  const found = await loadFollowUp(ctx);
  if (!found?.state.adding) return next();
  const attachment = input.file ? await fetchCleanFile(ctx.deps, ctx.api, input.file) : null;
  if (input.file && !attachment) {
    await ctx.reply(ctx.t("report-file-unsupported"), { reply_markup: doneKeyboard(ctx) });
    return;
  }
  if (!input.text && !attachment) return next();
  const secret = ctx.deps.crypto.decrypt(new Uint8Array(Buffer.from(found.state.secretEnc, "base64")));
  const result = await addTipInfo(ctx.deps, {
    trackingCode: found.state.trackingCode, secret, channel: "telegram",
    text: input.text || undefined, attachments: attachment ? [attachment] : [],
  });
  if (!result.ok) {
    await clearConversation(ctx.deps, { key: found.key });
    await ctx.reply(ctx.t("report-followup-expired"));
    return;
  }
  await ctx.reply(ctx.t("report-followup-added", { code: result.trackingCode }), { reply_markup: doneKeyboard(ctx) });
}
