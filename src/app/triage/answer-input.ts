import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import type { Tip } from "../../db/schema.js";
import { answerIn, type AnswerItems } from "../../domain/tip-answer.js";
import type { Deps } from "../deps.js";
import { notifyReporter, type ReporterDelivery } from "./notify-reporter.js";

const item = z.string().trim().min(1).max(2_000);
const itemEn = z.string().trim().max(2_000).optional();

/** The four items of an answer, and staff's optional English version of each (all four or none). */
export const answerFields = {
  conclusion: item, // 核查结论
  summary: item, // 简要核查情况
  decision: item, // 处理决定
  rewardEligibility: item, // 符合奖励条件情况
  conclusionEn: itemEn,
  summaryEn: itemEn,
  decisionEn: itemEn,
  rewardEligibilityEn: itemEn,
};

type AnswerFieldValues = z.output<z.ZodObject<typeof answerFields>>;

/** Part of an English version would show the reporter a mix of languages: all four items, or none. */
export function englishComplete(v: Partial<AnswerFieldValues>): boolean {
  const given = [v.conclusionEn, v.summaryEn, v.decisionEn, v.rewardEligibilityEn].filter(Boolean).length;
  return given === 0 || given === 4;
}
export const englishIssue = { path: ["conclusionEn"], message: "english_incomplete" };

/** What a closing or review event stores: `feedback` (as before) and `feedbackEn` when written. */
export function answerData(v: AnswerFieldValues): { feedback: AnswerItems; feedbackEn?: AnswerItems } {
  const feedback = { conclusion: v.conclusion, summary: v.summary, decision: v.decision, rewardEligibility: v.rewardEligibility };
  if (!v.conclusionEn || !v.summaryEn || !v.decisionEn || !v.rewardEligibilityEn) return { feedback };
  return { feedback, feedbackEn: { conclusion: v.conclusionEn, summary: v.summaryEn, decision: v.decisionEn, rewardEligibility: v.rewardEligibilityEn } };
}

/**
 * The answer on the reporter's channel, in their language where staff wrote it. The first answer names
 * the last day for an objection and, on Telegram, carries the 提出异议 button; a review's answer is final.
 */
export async function sendAnswer(
  tx: DbOrTx,
  deps: Pick<Deps, "crypto" | "i18n">,
  tip: Tip,
  data: ReturnType<typeof answerData>,
  at: Date,
  objection: { until: string; dedupeKey: string } | { final: true; dedupeKey: string },
): Promise<ReporterDelivery> {
  const items = answerIn({ ...data.feedback, en: data.feedbackEn ?? null, answeredAt: at }, tip.locale);
  const vars = { conclusion: items.conclusion, summary: items.summary, decision: items.decision, rewardEligibility: items.rewardEligibility };
  if ("final" in objection) return notifyReporter(tx, deps, tip, "tip-answer-review-message", vars, objection.dedupeKey);
  return notifyReporter(
    tx,
    deps,
    tip,
    "tip-answer-message",
    { ...vars, until: objection.until, how: howToObject(deps, tip) },
    objection.dedupeKey,
    undefined,
    objectionButton(deps, tip),
  );
}

/** How this reporter objects on their own channel, under their own tracking code. */
export function howToObject(deps: Pick<Deps, "i18n">, tip: Tip): string {
  const channelHint = tip.channel === "sms" ? "tip-answer-object-sms" : tip.channel === "telegram" ? "tip-answer-object-telegram" : "tip-answer-object-web";
  return deps.i18n.t(tip.locale, channelHint, { code: tip.trackingCode });
}

/** The 提出异议 button under an answer on Telegram. */
export function objectionButton(deps: Pick<Deps, "i18n">, tip: Tip): (locale: string) => unknown {
  return (locale) => ({ inline_keyboard: [[{ text: deps.i18n.t(locale, "tip-objection-button"), callback_data: `obj:${tip.trackingCode}` }]] });
}
