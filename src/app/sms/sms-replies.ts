import type { I18n } from "../../adapters/i18n.js";
import { chooseReply, fitWithin } from "../../domain/sms-text.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { answerIn } from "../../domain/tip-answer.js";
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

/**
 * The four-item answer does not fit one segment: a 查询 after 办结 gets it in up to this many (4 × 67
 * Chinese characters), cut at the end if staff wrote at length; the full text is on /track and in the API.
 */
export const ANSWER_SEGMENTS = 4;

/**
 * Status, then the answer (the review's once there is one) or else the latest thing staff said to the
 * reporter, cut to what one segment still holds — the answer to ANSWER_SEGMENTS, with the last day
 * to object while the window is open, and the tip's own reward once decided.
 */
export function statusReply(i18n: I18n, locale: SmsLocale, tip: ReporterTipView): string {
  const status = i18n.t(locale, `sms-status-${tip.status}`);
  const reward = rewardLine(i18n, locale, tip.reward);
  const answer = tip.review?.answer ?? tip.answer;
  if (answer) {
    const a = answerIn(answer, locale);
    const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
    const text = i18n.t(locale, "sms-answer", {
      code: tip.trackingCode,
      status,
      conclusion: oneLine(a.conclusion),
      summary: oneLine(a.summary),
      decision: oneLine(a.decision),
      rewardEligibility: oneLine(a.rewardEligibility),
    });
    const until =
      tip.objection?.open && tip.objection.allowedUntil ? i18n.t(locale, "sms-answer-object", { until: shanghaiDate(tip.objection.allowedUntil) }) : "";
    return fitWithin("", text, until + reward, ANSWER_SEGMENTS);
  }
  const said = [...tip.history].reverse().find((e) => e.text && !e.kind.startsWith("reporter") && e.kind !== "received");
  if (!said?.text) return i18n.t(locale, "sms-status", { code: tip.trackingCode, status }) + reward;
  const prefix = i18n.t(locale, "sms-status-reply", { code: tip.trackingCode, status });
  return fitWithin(prefix, said.text.replace(/\s+/g, " ").trim(), reward);
}

/**
 * The tip's own reward (amount, state and the day that matters to it), as /track and the API show it. It
 * is never cut: the answer or staff's words before it give way.
 */
export function rewardLine(i18n: I18n, locale: SmsLocale, reward: ReporterTipView["reward"]): string {
  if (!reward) return "";
  return i18n.t(locale, `sms-reward-${reward.status}`, { amount: reward.amountYuan, claimBy: reward.claimBy, paidOn: reward.paidOn ?? "" });
}
