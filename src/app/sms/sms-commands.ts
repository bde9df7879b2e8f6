import type { Deps } from "../deps.js";
import { endConversation } from "../conversations/engine.js";
import { checkStatus } from "../tips/check-status.js";
import { addTipInfo } from "../tips/add-tip-info.js";
import { MAX_TIP_TEXT } from "../../domain/tip-input.js";
import { checkReceiptsInText, cutSpans } from "../tips/receipt-in-text.js";
import { MAX_OBJECTION_TEXT, objectToAnswer } from "../tips/object-to-answer.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import type { SmsCommand } from "./parse-command.js";
import { statusReply, type SmsLocale } from "./sms-replies.js";

export type CommandOutcome = { reply: string; outcome: "status" | "info" | "objection" | "refused" | "cancelled" | "help" | "invalid" };

/** 查询/STATUS, 补充/ADD, 异议/OBJECT, 取消/CANCEL, 帮助/HELP. Runs in the caller's transaction. */
export async function runSmsCommand(tx: Deps, input: { command: SmsCommand; key: string }): Promise<CommandOutcome> {
  const { command } = input;
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t(command.locale, key, vars);
  switch (command.kind) {
    case "help":
      return { reply: t("sms-help"), outcome: "help" };
    case "cancel": {
      const cleared = await endConversation(tx, input.key);
      return { reply: t(cleared ? "sms-cancelled" : "sms-nothing-to-cancel"), outcome: "cancelled" };
    }
    case "status": {
      if (!command.receipt) return { reply: t("sms-bad-receipt"), outcome: "refused" };
      const result = await checkStatus(tx, { trackingCode: command.receipt.code, secret: command.receipt.secret });
      if (!result.ok) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
      return { reply: statusReply(tx.i18n, command.locale, result.tip), outcome: "status" };
    }
    case "add": {
      if (!command.receipt || !command.text) return { reply: t("sms-add-format"), outcome: "refused" };
      if (command.text.length > MAX_TIP_TEXT) return { reply: t("sms-too-long", { max: MAX_TIP_TEXT }), outcome: "invalid" };
      const result = await addTipInfo(tx, { trackingCode: command.receipt.code, secret: command.receipt.secret, channel: "sms", text: command.text });
      if (!result.ok) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
      return { reply: t("sms-info-added", { code: result.trackingCode }), outcome: "info" };
    }
    case "object":
      return runObjection(tx, command);
  }
}

/**
 * 异议 <code> <secret> <reason>. Before there is an answer the words are not lost: they are added to the
 * tip (as 补充 would) and the reply says an objection must wait for the answer.
 */
async function runObjection(tx: Deps, command: Extract<SmsCommand, { kind: "object" }>): Promise<CommandOutcome> {
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t(command.locale, key, vars);
  if (!command.receipt || Array.from(command.text).length < 2) return { reply: t("sms-objection-format"), outcome: "refused" };
  if (command.text.length > MAX_OBJECTION_TEXT) return { reply: t("sms-too-long", { max: MAX_OBJECTION_TEXT }), outcome: "invalid" };
  const receipt = { trackingCode: command.receipt.code, secret: command.receipt.secret };
  const result = await objectToAnswer(tx, { proof: { kind: "receipt", ...receipt }, channel: "sms", text: command.text });
  if (result.ok) return { reply: t("tip-objection-done", { code: result.trackingCode, date: shanghaiDate(result.reviewStartDueAt) }), outcome: "objection" };
  if (!("trackingCode" in result)) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
  if (result.reason === "not_answered") {
    const added = await addTipInfo(tx, { ...receipt, channel: "sms", text: `${command.keyword} ${command.text}` });
    if (added.ok) return { reply: t("sms-objection-not-answered", { code: result.trackingCode }), outcome: "info" };
  }
  const closedOn = "closedOn" in result ? result.closedOn : "";
  return { reply: t(`tip-objection-refused-${result.reason}`, { code: result.trackingCode, date: closedOn }), outcome: "refused" };
}

/**
 * An SMS that is no command but carries a receipt — "异议 <code> <secret> 不服处理结果", a copied receipt
 * with a few words — is the reporter's message on that tip: added to it without the code and secret,
 * never stored as a new tip (whose text staff read and liaisons are sent). Null when it carries none.
 */
export async function runCarriedReceipt(tx: Deps, input: { text: string; locale: SmsLocale }): Promise<CommandOutcome | null> {
  const [found] = await checkReceiptsInText(tx, input.text);
  if (!found) return null;
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t(input.locale, key, vars);
  if (found.kind === "locked") return { reply: t("sms-rate-limited"), outcome: "refused" };
  const receipt = { trackingCode: found.trackingCode, secret: found.secret };
  const message = cutSpans(input.text, found.spans);
  if (!message) {
    const status = await checkStatus(tx, receipt);
    if (!status.ok) return { reply: t(status.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
    return { reply: statusReply(tx.i18n, input.locale, status.tip), outcome: "status" };
  }
  if (message.length > MAX_TIP_TEXT) return { reply: t("sms-too-long", { max: MAX_TIP_TEXT }), outcome: "invalid" };
  const result = await addTipInfo(tx, { ...receipt, channel: "sms", text: message });
  if (!result.ok) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
  return { reply: t("sms-info-added", { code: result.trackingCode }), outcome: "info" };
}
