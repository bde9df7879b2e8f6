import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { tipRewards, tips } from "../../db/schema.js";
import { calculateReward, type RewardBasis } from "../../domain/reward.js";
import type { Deps } from "../deps.js";
import { actorField, tipIdField } from "../triage/inputs.js";
import { matterResult } from "../triage/decide-reward.js";
import { visibleTips } from "../triage/scope.js";
import { parseInput } from "../triage/tip-action.js";
import { rewardRules } from "./reward-rules.js";
import type { ClaimIdentity, RewardRow } from "./reward-lifecycle.js";

export const getTipRewardInput = z.object({ actor: actorField, tipId: tipIdField });

export interface TipRewardView {
  /** The fine recorded with the matter's result, the calculator's default input. */
  recordedFineYuan: number | null;
  /** The proposal for the recorded fine under this deployment's rules (null without a fine). */
  proposalForRecordedFine: number | null;
  rules: ReturnType<typeof rewardRules>;
  /** The reporter's own answer on the tip to "do you work for the enterprise?" */
  reporterEmployee: boolean | null;
  reward: (Omit<RewardRow, "claimIdentityEnc" | "basis"> & { basis: RewardBasis; overdue: boolean }) | null;
  /** Shown only once the reporter claimed (they consented by claiming), and only here. */
  claimIdentity: ClaimIdentity | null;
}

/** The reward section of a tip page: calculator inputs, the decision, the claim and the payment. */
export async function getTipReward(deps: Deps, raw: z.input<typeof getTipRewardInput>): Promise<TipRewardView> {
  const input = parseInput(getTipRewardInput, raw);
  const scope = await visibleTips(deps.db, input.actor);
  const [tip] = await deps.db
    .select({ id: tips.id, mergedInto: tips.mergedInto, reporterEmployee: tips.reporterEmployee })
    .from(tips)
    .where(and(eq(tips.id, input.tipId), scope));
  const rules = rewardRules(deps.config);
  if (!tip) return { recordedFineYuan: null, proposalForRecordedFine: null, rules, reporterEmployee: null, reward: null, claimIdentity: null };
  let rootId = tip.id;
  for (let i = 0, next = tip.mergedInto; i < 50 && next && next !== rootId; i++) {
    rootId = next;
    const [row] = await deps.db.select({ mergedInto: tips.mergedInto }).from(tips).where(eq(tips.id, rootId));
    next = row?.mergedInto ?? null;
  }
  const { fineYuan } = await matterResult(deps.db, rootId);
  const [row] = await deps.db.select().from(tipRewards).where(eq(tipRewards.tipId, tip.id));
  let reward: TipRewardView["reward"] = null;
  let claimIdentity: ClaimIdentity | null = null;
  if (row) {
    const { claimIdentityEnc, basis, ...rest } = row;
    reward = { ...rest, basis: basis as RewardBasis, overdue: row.status === "awaiting_claim" && row.claimDueAt < deps.clock() };
    if (claimIdentityEnc && (row.status === "claimed" || row.status === "paid") && input.actor.role !== "viewer")
      claimIdentity = JSON.parse(deps.crypto.decrypt(claimIdentityEnc));
  }
  return {
    recordedFineYuan: fineYuan,
    proposalForRecordedFine: fineYuan !== null ? calculateReward({ kind: "fine", fineYuan }, rules).amountYuan : null,
    rules,
    reporterEmployee: tip.reporterEmployee,
    reward,
    claimIdentity,
  };
}

export const listRewardsInput = z.object({
  actor: actorField,
  status: z.enum(["open", "awaiting_claim", "claimed", "paid", "lapsed", "all"]).catch("open").default("open"),
});

/**
 * Rewards in the actor's scope (the queue's scope), by claim deadline: "open" = awaiting claim or
 * payment. No identity here: a claimant's details are shown only on the tip's own reward section.
 */
export async function listRewards(deps: Deps, raw: z.input<typeof listRewardsInput>) {
  const input = parseInput(listRewardsInput, raw);
  const scope = await visibleTips(deps.db, input.actor);
  const statuses: RewardRow["status"][] =
    input.status === "open" ? ["awaiting_claim", "claimed"] : input.status === "all" ? ["awaiting_claim", "claimed", "paid", "lapsed"] : [input.status];
  const now = deps.clock();
  const rows = await deps.db
    .select({
      tipId: tipRewards.tipId,
      trackingCode: tips.trackingCode,
      status: tipRewards.status,
      amountYuan: tipRewards.amountYuan,
      proposedYuan: tipRewards.proposedYuan,
      decidedAt: tipRewards.decidedAt,
      claimDueAt: tipRewards.claimDueAt,
      claimedAt: tipRewards.claimedAt,
      paidOn: tipRewards.paidOn,
    })
    .from(tipRewards)
    .innerJoin(tips, eq(tips.id, tipRewards.tipId))
    .where(and(scope, inArray(tipRewards.status, statuses)))
    .orderBy(sql`case ${tipRewards.status} when 'claimed' then 0 when 'awaiting_claim' then 1 else 2 end`, asc(tipRewards.claimDueAt))
    .limit(500);
  return { status: input.status, rows: rows.map((r) => ({ ...r, overdue: r.status === "awaiting_claim" && r.claimDueAt < now })) };
}
