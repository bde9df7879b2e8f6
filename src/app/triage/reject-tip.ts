import type { z } from "zod";
import type { Deps } from "../deps.js";
import { noteField, reasonField, tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const rejectTipInput = tipActionInput.extend({ reason: reasonField, note: noteField });

/** 不予受理, with the reason the reporter is told and a note they are not. Reserved for the committee (安委办). */
export async function rejectTip(deps: Deps, raw: z.input<typeof rejectTipInput>) {
  const input = parseInput(rejectTipInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "not_accepted",
    from: ["received"],
    to: "not_accepted",
    reason: input.reason,
    note: input.note,
    public: true,
    committeeOnly: () => true,
    after: async (tx, tip) => ({
      delivery: await notifyReporter(tx, deps, tip, "admin-reporter-not-accepted", { reason: input.reason }, `tip:${tip.id}:not_accepted`),
    }),
  });
}
