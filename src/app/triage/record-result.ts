import { z } from "zod";
import { answerDeadline } from "../../domain/tip-clock.js";
import type { Deps } from "../deps.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import { tipActionInput } from "./inputs.js";
import { parseInput, RESULT_STATUSES, runTipAction } from "./tip-action.js";

export const recordResultInput = tipActionInput.extend({
  result: z.enum(RESULT_STATUSES),
  /** 简要核查情况: what was found. */
  findings: z.string().trim().min(2).max(5_000),
  /** Enforcement measures taken (责令整改, 罚款 …); empty when nothing was found. */
  measures: z.string().trim().max(5_000).default(""),
  /** Fine imposed in yuan, the base of a 15% reward. */
  fineYuan: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
});

/**
 * 查实 / 部分属实 / 不属实, with the findings and the enforcement measures taken. Verification is over:
 * the answer to the reporter is now due within TIP_FEEDBACK_DAYS (答复).
 */
export async function recordResult(deps: Deps, raw: z.input<typeof recordResultInput>) {
  const input = parseInput(recordResultInput, raw);
  const answer = answerDeadline(deps.clock(), tipDeadlineRules(deps.config));
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "result",
    from: ["investigating"],
    to: input.result,
    set: { answerDueAt: answer.due },
    data: { result: input.result, findings: input.findings, measures: input.measures, fineYuan: input.fineYuan ?? null, answerBy: answer.date },
  });
}
