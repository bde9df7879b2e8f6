import type { z } from "zod";
import type { Deps } from "../deps.js";
import { actorLabel } from "../staff/actor.js";
import { answerFor, readMergeGroup } from "../tips/tip-answer.js";
import { answerData, answerFields, englishComplete, englishIssue, sendAnswer } from "./answer-input.js";
import { answerMergeGroup } from "./answer-merge-group.js";
import { noteField, tipActionInput } from "./inputs.js";
import { requireReviewer } from "./scope.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const closeReviewInput = tipActionInput.extend({ ...answerFields, note: noteField }).refine(englishComplete, englishIssue);

/**
 * 复核 ends with its own four-item answer, delivered like the first one; the tip is closed again and no
 * further objection is open (objection_due_at cleared). Only the reviewing committee may write it.
 * Every reporter of the tip's merge group gets the review's answer too, under their own tracking code.
 */
export async function closeReview(deps: Deps, raw: z.input<typeof closeReviewInput>) {
  const input = parseInput(closeReviewInput, raw);
  const data = answerData(input);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "reviewed",
    from: ["under_review"],
    to: "closed",
    public: true,
    authorize: (tx, tip) => requireReviewer(tx, input.actor, tip),
    note: input.note || null,
    data,
    set: { objectionDueAt: null },
    after: async (tx, tip, now) => {
      const group = await answerMergeGroup(tx, deps, {
        root: tip,
        feedback: data.feedback,
        feedbackEn: data.feedbackEn,
        kind: "reviewed",
        messageKey: "tip-answer-review-message",
        dedupe: "reviewed",
        actor: actorLabel(input.actor),
        now,
      });
      const codes = (await readMergeGroup(tx, tip.id)).members.map((m) => m.trackingCode);
      const own = {
        feedback: answerFor(data.feedback, tip.trackingCode, codes),
        ...(data.feedbackEn ? { feedbackEn: answerFor(data.feedbackEn, tip.trackingCode, codes) } : {}),
      };
      return { delivery: await sendAnswer(tx, deps, tip, own, now, { final: true, dedupeKey: `tip:${tip.id}:reviewed` }), group: group.told };
    },
  });
}
