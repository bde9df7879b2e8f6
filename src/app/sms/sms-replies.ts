import type { I18n } from "../../adapters/i18n.js";
import { chooseReply, fitWithin } from "../../domain/sms-text.js";
import type { ReporterTipView } from "../tips/check-status.js";

export type SmsLocale = "zh-CN" | "en";

/**
 * The receipt must carry the whole code and secret (40 characters with their dashes); the rest is
 * dropped from the most to the least useful until it fits one segment: the unit's name, then the hint.
 */
export function receiptReply(i18n: I18n, locale: SmsLocale, vars: { unit: string; code: string; secret: string }, question?: string): string {
  const keys = ["sms-receipt-full", "sms-receipt-unit", "sms-receipt-save", "sms-receipt-bare"];
  // A question (a possibly urgent tip's) is never dropped: it rides on the shortest receipt that fits with it.
  return chooseReply(keys.map((key) => (question ? `${i18n.t(locale, key, vars)}\n${question}` : i18n.t(locale, key, vars))));
}

/** Status, then the latest thing staff said to the reporter, cut to what one segment still holds. */
export function statusReply(i18n: I18n, locale: SmsLocale, tip: ReporterTipView): string {
  const status = i18n.t(locale, `sms-status-${tip.status}`);
  const said = [...tip.history].reverse().find((e) => e.text && !e.kind.startsWith("reporter") && e.kind !== "received");
  if (!said?.text) return i18n.t(locale, "sms-status", { code: tip.trackingCode, status });
  const prefix = i18n.t(locale, "sms-status-reply", { code: tip.trackingCode, status });
  return fitWithin(prefix, said.text.replace(/\s+/g, " ").trim());
}
