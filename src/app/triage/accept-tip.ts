import type { z } from "zod";
import { computeTipDeadlines } from "../../domain/deadlines.js";
import type { Deps } from "../deps.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import { messageField, noteField, tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const acceptTipInput = tipActionInput.extend({ note: noteField, message: messageField });

/**
 * 受理: the verification period (TIP_VERIFICATION_DAYS, 60 by default) now runs from today, and the reporter is told — with staff's
 * message when there is one. The note stays with staff.
 */
export async function acceptTip(deps: Deps, raw: z.input<typeof acceptTipInput>) {
  const input = parseInput(acceptTipInput, raw);
  const now = deps.clock();
  const deadlines = computeTipDeadlines(now, tipDeadlineRules(deps.config), now);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "accepted",
    from: ["received"],
    to: "accepted",
    note: input.note,
    message: input.message,
    public: true,
    data: { verifyBy: deadlines.verification.date },
    set: { handleDueAt: deadlines.verification.due },
    after: async (tx, tip) => ({
      delivery: await notifyReporter(
        tx,
        deps,
        tip,
        "admin-reporter-accepted",
        { verifyBy: deadlines.verification.date },
        `tip:${tip.id}:accepted`,
        input.message,
      ),
    }),
  });
}
