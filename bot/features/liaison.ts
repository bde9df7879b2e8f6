import { Composer, InlineKeyboard } from "grammy";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { INVITE_PREFIX } from "../../src/app/liaisons/create-invite.js";
import { leaveUnit } from "../../src/app/liaisons/leave-unit.js";
import { listChatLiaisons } from "../../src/app/liaisons/list-liaisons.js";
import { listObligations } from "../../src/app/campaigns/list-obligations.js";
import { completeObligation } from "../../src/app/campaigns/complete-obligation.js";
import { attachObligationDocument, dismissObligationDocument, hasPendingObligationDocument } from "../../src/app/campaigns/attach-obligation-document.js";
import { setLiaisonPhone } from "../../src/app/liaisons/set-liaison-phone.js";
import { maskMobile } from "../../src/domain/mobile-phone.js";
import { downloadTelegramFile, MAX_DOWNLOAD_BYTES } from "./report/files.js";
import type { BotContext } from "../context.js";
import { localName } from "../../src/domain/tip-input.js";

const DUTIES_SHOWN = 10;

/** Liaisons: bind by invite deep link, /leave, /duties, and marking a duty done (with an optional document). */
export function liaisonFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const chatOf = (ctx: BotContext) => ctx.chat?.id ?? ctx.from!.id;
  const unitName = (ctx: BotContext, u: { name: string; nameEn: string | null }) => localName(u, ctx.locale);

  composer.command("start", async (ctx, next) => {
    if (!ctx.match.startsWith(INVITE_PREFIX)) return next();
    const result = await acceptInvite(ctx.deps, { token: ctx.match, chatId: ctx.chat.id, locale: ctx.locale });
    if (!result.ok) return void (await ctx.reply(ctx.t(`liaison-invite-${result.reason}`)));
    await ctx.reply(ctx.t(result.alreadyBound ? "liaison-already-bound" : "liaison-bound", { unit: unitName(ctx, result.unit) }));
  });

  composer.command("leave", async (ctx) => {
    const mine = await listChatLiaisons(ctx.deps, { chatId: ctx.chat.id });
    if (mine.length === 0) return void (await ctx.reply(ctx.t("liaison-not-liaison")));
    if (mine.length === 1) return void (await askLeave(ctx, mine[0].liaisonId, unitName(ctx, mine[0].unit)));
    const keyboard = new InlineKeyboard();
    for (const l of mine) keyboard.text(ctx.t("liaison-leave-button", { unit: unitName(ctx, l.unit) }), `lia:leave:${l.liaisonId}`).row();
    keyboard.text(ctx.t("liaison-leave-cancel"), "lia:leave:cancel");
    await ctx.reply(ctx.t("liaison-leave-choose"), { reply_markup: keyboard });
  });
  composer.callbackQuery("lia:leave:cancel", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("liaison-leave-cancelled"));
  });
  composer.callbackQuery(/^lia:leave:(\d{1,10})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const mine = await listChatLiaisons(ctx.deps, { chatId: chatOf(ctx) });
    const chosen = mine.find((l) => l.liaisonId === Number(ctx.match[1]));
    if (!chosen) return void (await ctx.reply(ctx.t("liaison-leave-failed")));
    await askLeave(ctx, chosen.liaisonId, unitName(ctx, chosen.unit));
  });
  composer.callbackQuery(/^lia:leave:(\d{1,10}):yes$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const result = await leaveUnit(ctx.deps, { chatId: chatOf(ctx), liaisonId: Number(ctx.match[1]) });
    await ctx.reply(result.ok ? ctx.t("liaison-left", { unit: unitName(ctx, result.unit) }) : ctx.t("liaison-leave-failed"));
  });

  composer.command("duties", async (ctx) => {
    const mine = await listChatLiaisons(ctx.deps, { chatId: ctx.chat.id });
    if (mine.length === 0) return void (await ctx.reply(ctx.t("liaison-not-liaison")));
    const { items, total } = await listObligations(ctx.deps, { chatId: ctx.chat.id, status: "open", limit: DUTIES_SHOWN });
    if (total === 0) return void (await ctx.reply(ctx.t("liaison-duties-none")));
    const lines = [ctx.t("liaison-duties-header", { total })];
    const keyboard = new InlineKeyboard();
    for (const o of items) {
      const title = ctx.locale === "en" ? o.titleEn : o.titleZh;
      lines.push(ctx.t("liaison-duty-line", { due: o.dueOn, title, period: o.period ? ` (${o.period})` : "", unit: unitName(ctx, o.unit) }));
      if (o.kind !== "figures")
        keyboard.text(ctx.t("liaison-duty-done-button", { title: `${short(title)}${o.period ? ` ${o.period}` : ""}` }), `obl:done:${o.id}`).row();
    }
    if (total > items.length) lines.push(ctx.t("liaison-duties-more", { more: total - items.length }));
    await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  });

  composer.callbackQuery(/^obl:done:(\d{1,10})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const result = await completeObligation(ctx.deps, { obligationId: Number(ctx.match[1]), chatId: chatOf(ctx) });
    if (!result.ok) return void (await ctx.reply(ctx.t(`liaison-duty-${result.reason.replace("_", "-")}`)));
    const o = result.obligation;
    await ctx.reply(
      ctx.t("liaison-duty-done", {
        title: o.title,
        period: o.period ? ` (${o.period})` : "",
        unit: unitName(ctx, { name: o.unitName, nameEn: o.unitNameEn }),
        late: result.late ? "yes" : "no",
        due: o.dueOn,
      }),
      { reply_markup: new InlineKeyboard().text(ctx.t("liaison-duty-no-document"), "obl:nodoc") },
    );
  });
  composer.callbackQuery("obl:nodoc", async (ctx) => {
    await ctx.answerCallbackQuery();
    await dismissObligationDocument(ctx.deps, { chatId: chatOf(ctx) });
    await ctx.reply(ctx.t("liaison-duty-no-document-ok"));
  });

  // Only a document sent while a duty waits for one is taken here; any other document goes on to other features.
  composer.on("message:document", async (ctx, next) => {
    if (!(await hasPendingObligationDocument(ctx.deps, { chatId: ctx.chat.id }))) return next();
    const d = ctx.message.document;
    // Downloaded before the verb runs, so a failed download leaves the duty waiting for a second try.
    const body = (d.file_size ?? 0) > MAX_DOWNLOAD_BYTES ? null : await downloadTelegramFile(ctx.deps, ctx.api, d.file_id).catch(() => null);
    if (!body) return void (await ctx.reply(ctx.t("liaison-duty-document-failed")));
    const result = await attachObligationDocument(ctx.deps, {
      chatId: ctx.chat.id,
      document: { fileId: d.file_id, fileName: d.file_name?.slice(0, 255), mimeType: d.mime_type?.slice(0, 100), body },
    });
    const reply = result.ok ? "liaison-duty-document-saved" : result.reason === "rejected" ? "liaison-duty-document-failed" : "liaison-duty-document-too-late";
    await ctx.reply(ctx.t(reply));
  });

  // "/phone 13800138000": the liaison's own number for SMS reminders when Telegram cannot reach them.
  composer.command("phone", async (ctx) => {
    const phone = ctx.match.trim();
    if (!phone) return void (await ctx.reply(ctx.t("liaison-phone-usage")));
    const result = await setLiaisonPhone(ctx.deps, { chatId: ctx.chat.id, phone: phone.slice(0, 40) });
    if (!result.ok) return void (await ctx.reply(ctx.t(result.reason === "invalid_phone" ? "liaison-phone-invalid" : "liaison-not-liaison")));
    await ctx.reply(ctx.t("liaison-phone-saved", { phone: maskMobile(result.phone) }));
  });
  return composer;
}

async function askLeave(ctx: BotContext, liaisonId: number, unit: string): Promise<void> {
  await ctx.reply(ctx.t("liaison-leave-confirm", { unit }), {
    reply_markup: new InlineKeyboard().text(ctx.t("liaison-leave-yes"), `lia:leave:${liaisonId}:yes`).text(ctx.t("liaison-leave-cancel"), "lia:leave:cancel"),
  });
}

/** Button labels stay short: Telegram truncates long ones and the full title is in the message above. */
function short(title: string): string {
  return title.length > 16 ? `${title.slice(0, 15)}…` : title;
}
