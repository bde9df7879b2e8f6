import type { z } from "zod";
import { deadlineAfter } from "../../domain/deadlines.js";
import type { Deps } from "../deps.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import { answerData, answerFields, englishComplete, englishIssue, howToObject, objectionButton, sendAnswer } from "./answer-input.js";
import { tipActionInput } from "./inputs.js";
import { answerMergeGroup } from "./answer-merge-group.js";
import { actorLabel } from "../staff/actor.js";
import { answerFor, readMergeGroup } from "../tips/tip-answer.js";
import { parseInput, RESULT_STATUSES, runTipAction } from "./tip-action.js";

/** The answer to the reporter carries these four items (安监总财〔2012〕63号 practice), optionally in English too. */
export const closeTipInput = tipActionInput.extend(answerFields).refine(englishComplete, englishIssue);

/**
 * 办结 with the answer. Only a tip whose result is recorded, or one not accepted, can be closed; closing
 * an urgent (major-hazard) tip is reserved for the committee. The answer deadline stops running (the
 * status has none) and the event records whether it was met; the objection window (TIP_OBJECTION_DAYS
 * calendar days, rolled off rest days) starts from the day the answer goes out.
 */
export async function closeTip(deps: Deps, raw: z.input<typeof closeTipInput>) {
  const input = parseInput(closeTipInput, raw);
  const data = answerData(input);
  const now = deps.clock();
  const window = deadlineAfter(now, tipDeadlineRules(deps.config).objection);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "closed",
    from: [...RESULT_STATUSES, "not_accepted"],
    to: "closed",
    public: true,
    committeeOnly: (tip) => tip.urgent,
    data,
    set: { answeredAt: now, objectionDueAt: window.due },
    prepare: (tip) => (tip.answerDueAt ? { data: { answerDueAt: tip.answerDueAt.toISOString(), answeredInTime: deps.clock() <= tip.answerDueAt } } : {}),
    after: async (tx, tip) => {
      // Every reporter of the matter is answered, each under their own code and never with another's.
      const group = await answerMergeGroup(tx, deps, {
        root: tip,
        feedback: data.feedback,
        feedbackEn: data.feedbackEn,
        kind: "closed",
        messageKey: "admin-reporter-feedback",
        dedupe: "closed",
        actor: actorLabel(input.actor),
        now,
        // A merged reporter objects under their own code, by the same day (objectToAnswer takes it to the matter's tip).
        vars: (member) => ({ until: window.date, how: howToObject(deps, member) }),
        markup: (member) => objectionButton(deps, member),
      });
      const codes = (await readMergeGroup(tx, tip.id)).members.map((m) => m.trackingCode);
      const own = {
        feedback: answerFor(data.feedback, tip.trackingCode, codes),
        ...(data.feedbackEn ? { feedbackEn: answerFor(data.feedbackEn, tip.trackingCode, codes) } : {}),
      };
      return { delivery: await sendAnswer(tx, deps, tip, own, now, { until: window.date, dedupeKey: `tip:${tip.id}:closed` }), group: group.told };
    },
  });
}
