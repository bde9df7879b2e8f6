import type { z } from "zod";
import type { Deps } from "../deps.js";
import { answerData, answerFields, englishComplete, englishIssue, sendAnswer } from "./answer-input.js";
import { noteField, tipActionInput } from "./inputs.js";
import { requireReviewer } from "./scope.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const closeReviewInput = tipActionInput.extend({ ...answerFields, note: noteField }).refine(englishComplete, englishIssue);

/**
 * 复核 ends with its own four-item answer, delivered like the first one; the tip is closed again and no
 * further objection is open (objection_due_at cleared). Only the reviewing committee may write it.
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
    after: async (tx, tip, now) => ({
      delivery: await sendAnswer(tx, deps, tip, data, now, { final: true, dedupeKey: `tip:${tip.id}:reviewed` }),
    }),
  });
}
