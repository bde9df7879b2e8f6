import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { tipEvents, tips } from "../../db/schema.js";
import { DEFAULT_TIP_DEADLINE_RULES, deadlineAfter } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import { tipActionInput } from "./inputs.js";
import { lockMergeGroup, rewardedTips } from "./merge-group.js";
import { notifyReporter } from "./notify-reporter.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const decideRewardInput = tipActionInput.extend({
  /** Yuan; 0 records a decision not to reward. The 2018 national rules cap a reward at 300,000, some provinces at 500,000. */
  amountYuan: z.coerce.number().int().min(0).max(500_000),
  /** The rule and the calculation, e.g. "罚款20万元×15%" or "不符合：匿名且无法核实". */
  basis: z.string().trim().min(2).max(2_000),
});

/**
 * 举报奖励 decision, only for a tip found (partly) true. The reporter is told the amount and that they
 * claim it with their 查询码 and 密钥 within the claim period — never by revealing who they are.
 * Several tips about one matter are merged; only the first eligible reporter is paid (SPEC), so a
 * merged duplicate may be rewarded (its reporter may have been first, the result lives on the tip it
 * was merged into), but a positive reward is refused once another tip of the matter has one.
 */
export async function decideReward(deps: Deps, raw: z.input<typeof decideRewardInput>) {
  const input = parseInput(decideRewardInput, raw);
  const claimBy = deadlineAfter(deps.clock(), DEFAULT_TIP_DEADLINE_RULES.rewardClaim).date;
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "reward",
    from: ["substantiated", "partly_substantiated", "closed", "merged"],
    public: true,
    reason: input.basis,
    data: { amountYuan: input.amountYuan, basis: input.basis, claimBy: input.amountYuan > 0 ? claimBy : null },
    after: async (tx, tip) => {
      const group = await lockMergeGroup(tx, tip.id);
      const [result] = await tx
        .select({ data: tipEvents.data })
        .from(tipEvents)
        .where(and(eq(tipEvents.tipId, group.rootId), eq(tipEvents.kind, "result")))
        .orderBy(desc(tipEvents.id))
        .limit(1);
      const outcome = (result?.data as { result?: string } | undefined)?.result;
      if (outcome !== "substantiated" && outcome !== "partly_substantiated") throw new AppError("conflict", "a reward needs a substantiated result");
      if (input.amountYuan > 0) {
        const paid = await rewardedTips(
          tx,
          group.ids.filter((id) => id !== tip.id),
        );
        if (paid.length) {
          const others = await tx.select({ trackingCode: tips.trackingCode }).from(tips).where(inArray(tips.id, paid));
          const codes = others.map((o) => o.trackingCode).join(", ");
          throw new AppError("conflict", `tip ${codes} about the same matter already has a reward: only the first eligible reporter is paid`, {
            reason: "reward_taken",
            tipIds: paid,
          });
        }
      }
      const key = input.amountYuan > 0 ? "admin-reporter-reward" : "admin-reporter-no-reward";
      return { delivery: await notifyReporter(tx, deps, tip, key, { amount: input.amountYuan, basis: input.basis, claimBy }, `tip:${tip.id}:reward`) };
    },
  });
}
