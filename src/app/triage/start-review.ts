import type { z } from "zod";
import type { Deps } from "../deps.js";
import { messageField, noteField, tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { requireReviewer } from "./scope.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const startReviewInput = tipActionInput.extend({ note: noteField, message: messageField });

/**
 * 复核 starts: only the committee one tier up (or an admin) may take an objected tip under review, and it
 * must do so by tips.review_start_due_at. The reporter is told on their channel and sees the step.
 */
export async function startReview(deps: Deps, raw: z.input<typeof startReviewInput>) {
  const input = parseInput(startReviewInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "review_started",
    from: ["objected"],
    to: "under_review",
    public: true,
    authorize: (tx, tip) => requireReviewer(tx, input.actor, tip),
    note: input.note || null,
    message: input.message || null,
    set: { reviewStartDueAt: null },
    after: async (tx, tip) => ({
      delivery: await notifyReporter(tx, deps, tip, "tip-review-started-message", {}, `tip:${tip.id}:review_started`, input.message || undefined),
    }),
  });
}
