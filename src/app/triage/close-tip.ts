import { z } from "zod";
import type { Deps } from "../deps.js";
import { tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { answerMergeGroup } from "./answer-merge-group.js";
import { actorLabel } from "../staff/actor.js";
import { answerFor, readMergeGroup } from "../tips/tip-answer.js";
import { parseInput, RESULT_STATUSES, runTipAction } from "./tip-action.js";

const item = z.string().trim().min(1).max(2_000);

/** The answer to the reporter carries these four items (安监总财〔2012〕63号 practice). */
export const closeTipInput = tipActionInput.extend({
  conclusion: item, // 核查结论
  summary: item, // 简要核查情况
  decision: item, // 处理决定
  rewardEligibility: item, // 符合奖励条件情况
});

/**
 * 办结 with feedback. Only a tip whose result is recorded, or one not accepted, can be closed; closing
 * an urgent (major-hazard) tip is reserved for the committee.
 */
export async function closeTip(deps: Deps, raw: z.input<typeof closeTipInput>) {
  const input = parseInput(closeTipInput, raw);
  const feedback = { conclusion: input.conclusion, summary: input.summary, decision: input.decision, rewardEligibility: input.rewardEligibility };
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "closed",
    from: [...RESULT_STATUSES, "not_accepted"],
    to: "closed",
    public: true,
    committeeOnly: (tip) => tip.urgent,
    data: { feedback },
    after: async (tx, tip, now) => {
      // Every reporter of the matter is answered, each under their own code and never with another's.
      const group = await answerMergeGroup(tx, deps, {
        root: tip,
        feedback,
        kind: "closed",
        messageKey: "admin-reporter-feedback",
        dedupe: "closed",
        actor: actorLabel(input.actor),
        now,
      });
      const codes = (await readMergeGroup(tx, tip.id)).members.map((m) => m.trackingCode);
      const own = answerFor(feedback, tip.trackingCode, codes);
      return { delivery: await notifyReporter(tx, deps, tip, "admin-reporter-feedback", own, `tip:${tip.id}:closed`), group: group.told };
    },
  });
}
