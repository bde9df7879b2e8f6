import type { z } from "zod";
import type { Deps } from "../deps.js";
import { messageField, noteField, tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const startInvestigationInput = tipActionInput.extend({ note: noteField, message: messageField });

/**
 * 核查中: only an accepted tip is investigated. The reporter reads "正在核查" with their receipt; a
 * message, when staff write one, is also sent on their channel. The note stays with staff.
 */
export async function startInvestigation(deps: Deps, raw: z.input<typeof startInvestigationInput>) {
  const input = parseInput(startInvestigationInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "investigating",
    from: ["accepted"],
    to: "investigating",
    note: input.note,
    message: input.message,
    public: true,
    after: async (tx, tip) =>
      input.message ? { delivery: await notifyReporter(tx, deps, tip, "admin-reporter-investigating", {}, `tip:${tip.id}:investigating`, input.message) } : {},
  });
}
