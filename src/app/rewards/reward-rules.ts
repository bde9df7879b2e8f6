import type { Config } from "../../config.js";
import { deadlineAfter } from "../../domain/deadlines.js";
import type { RewardRules } from "../../domain/reward.js";

type RewardConfig = Pick<Config, "REWARD_RATE_PCT" | "REWARD_MIN_YUAN" | "REWARD_MAX_YUAN" | "REWARD_CONCEALED_DEATH_YUAN">;

/** The deployment's (the province's) reward numbers. */
export function rewardRules(config: RewardConfig): RewardRules {
  return {
    ratePct: config.REWARD_RATE_PCT,
    minYuan: config.REWARD_MIN_YUAN,
    maxYuan: config.REWARD_MAX_YUAN,
    concealedDeathYuan: config.REWARD_CONCEALED_DEATH_YUAN,
  };
}

/** The claim deadline for a notice given at `noticeAt`: TIP_REWARD_CLAIM_DAYS calendar days, the last day ending 24:00 Asia/Shanghai. */
export function claimDeadline(config: Pick<Config, "TIP_REWARD_CLAIM_DAYS">, noticeAt: Date): { date: string; due: Date } {
  const d = deadlineAfter(noticeAt, { amount: config.TIP_REWARD_CLAIM_DAYS, unit: "calendar_days" });
  return { date: d.date, due: d.due };
}
