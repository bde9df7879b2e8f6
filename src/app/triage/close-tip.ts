import { z } from "zod";
import type { Deps } from "../deps.js";
import { tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
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
 * an urgent (major-hazard) tip is reserved for the committee. The answer deadline stops running (the
 * status has none); the event records whether it was met.
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
    prepare: (tip) => (tip.answerDueAt ? { data: { answerDueAt: tip.answerDueAt.toISOString(), answeredInTime: deps.clock() <= tip.answerDueAt } } : {}),
    after: async (tx, tip) => ({
      delivery: await notifyReporter(tx, deps, tip, "admin-reporter-feedback", feedback, `tip:${tip.id}:closed`),
    }),
  });
}
