/**
 * 举报奖励 per 《安全生产领域举报奖励办法》(安监总财〔2018〕19号), 第十一条 and 第十二条:
 * - a verified major hidden hazard or illegal operation: 15% of the fine imposed (罚没款), at least
 *   3,000 and at most 300,000 yuan;
 * - a verified concealed accident (瞒报、谎报): per concealed death 30,000 / 40,000 / 50,000 / 60,000
 *   yuan for a 一般 / 较大 / 重大 / 特别重大 accident, at most 300,000 yuan.
 * Provinces set their own numbers (Shandong caps at 500,000): every number is a rule, never a constant.
 */

export const ACCIDENT_GRADES = ["general", "larger", "major", "especially_major"] as const;
export type AccidentGrade = (typeof ACCIDENT_GRADES)[number];

export interface RewardRules {
  /** Percent of the fine, 15 by default. */
  ratePct: number;
  minYuan: number;
  maxYuan: number;
  /** Yuan per concealed death, by grade (一般, 较大, 重大, 特别重大). */
  concealedDeathYuan: Record<AccidentGrade, number>;
}

export const DEFAULT_REWARD_RULES: RewardRules = {
  ratePct: 15,
  minYuan: 3_000,
  maxYuan: 300_000,
  concealedDeathYuan: { general: 30_000, larger: 40_000, major: 50_000, especially_major: 60_000 },
};

/** What the reward is counted from: the fine imposed, or the deaths an accident report concealed. */
export type RewardBasis = { kind: "fine"; fineYuan: number } | { kind: "concealed"; deaths: number; grade: AccidentGrade };

export interface RewardProposal {
  amountYuan: number;
  /** The uncapped figure (15% of the fine, or deaths × rate), before the floor and the cap. */
  rawYuan: number;
  /** Which bound applied, if any. */
  bound: "min" | "max" | null;
}

/**
 * The proposed reward in whole yuan. A fine of 0 (nothing was fined) proposes 0: the floor applies to
 * a reward that is due, not to a matter with nothing to count from. 15% is rounded half up to the yuan.
 */
export function calculateReward(basis: RewardBasis, rules: RewardRules = DEFAULT_REWARD_RULES): RewardProposal {
  if (basis.kind === "fine") {
    const fine = Math.max(0, Math.floor(basis.fineYuan));
    if (fine === 0) return { amountYuan: 0, rawYuan: 0, bound: null };
    const rawYuan = Math.round((fine * rules.ratePct) / 100);
    return bounded(rawYuan, rules.minYuan, rules.maxYuan);
  }
  const deaths = Math.max(0, Math.floor(basis.deaths));
  if (deaths === 0) return { amountYuan: 0, rawYuan: 0, bound: null };
  const rawYuan = deaths * rules.concealedDeathYuan[basis.grade];
  // The death rates are at least the floor, so only the cap can bind here.
  return bounded(rawYuan, 0, rules.maxYuan);
}

function bounded(rawYuan: number, minYuan: number, maxYuan: number): RewardProposal {
  if (rawYuan < minYuan) return { amountYuan: minYuan, rawYuan, bound: "min" };
  if (rawYuan > maxYuan) return { amountYuan: maxYuan, rawYuan, bound: "max" };
  return { amountYuan: rawYuan, rawYuan, bound: null };
}

/** "30000,40000,50000,60000" → rates by grade; null when it is not four whole numbers. */
export function parseDeathRates(value: string): Record<AccidentGrade, number> | null {
  const parts = value.split(/[,，\s]+/).filter(Boolean);
  if (parts.length !== ACCIDENT_GRADES.length || !parts.every((p) => /^\d{1,9}$/.test(p))) return null;
  const n = parts.map(Number);
  return { general: n[0], larger: n[1], major: n[2], especially_major: n[3] };
}

export function isAccidentGrade(v: unknown): v is AccidentGrade {
  return typeof v === "string" && (ACCIDENT_GRADES as readonly string[]).includes(v);
}
