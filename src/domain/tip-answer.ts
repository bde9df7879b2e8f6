/**
 * The answer to a reporter (安监总财〔2012〕63号): four items, written by staff at 办结 and again at the end
 * of a review (复核). Staff may add an English version; the reporter reads the one in their language
 * where both exist, else what was written.
 */
export interface AnswerItems {
  conclusion: string; // 核查结论
  summary: string; // 简要核查情况
  decision: string; // 处理决定
  rewardEligibility: string; // 符合奖励条件情况
}

export const ANSWER_ITEMS = ["conclusion", "summary", "decision", "rewardEligibility"] as const satisfies readonly (keyof AnswerItems)[];

export interface TipAnswer extends AnswerItems {
  answeredAt: Date;
  /** Staff's English version, when they wrote all four items in English too. */
  en?: AnswerItems | null;
}

/** The four items in the reader's locale: English only when staff wrote it, else as written. */
export function answerIn(answer: TipAnswer, locale: string): AnswerItems & { answeredAt: Date } {
  const items = locale === "en" && answer.en ? answer.en : answer;
  return {
    conclusion: items.conclusion,
    summary: items.summary,
    decision: items.decision,
    rewardEligibility: items.rewardEligibility,
    answeredAt: answer.answeredAt,
  };
}

/** An answer stored in an event's data (`feedback`, optional `feedbackEn`), or null when it holds none. */
export function answerFromEventData(data: unknown, at: Date): TipAnswer | null {
  const d = (data ?? {}) as Record<string, unknown>;
  const items = asItems(d.feedback);
  if (!items) return null;
  return { ...items, answeredAt: at, en: asItems(d.feedbackEn) };
}

function asItems(v: unknown): AnswerItems | null {
  if (!v || typeof v !== "object") return null;
  const o = v as Record<string, unknown>;
  if (!ANSWER_ITEMS.every((k) => typeof o[k] === "string" && o[k])) return null;
  return { conclusion: o.conclusion as string, summary: o.summary as string, decision: o.decision as string, rewardEligibility: o.rewardEligibility as string };
}
