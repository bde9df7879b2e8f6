import { z } from "zod";
import type { Deps } from "../deps.js";
import { tipActionInput } from "./inputs.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const startInvestigationInput = tipActionInput.extend({ note: z.string().trim().max(2_000).optional() });

/** 核查中: only an accepted tip is investigated. */
export async function startInvestigation(deps: Deps, raw: z.input<typeof startInvestigationInput>) {
  const input = parseInput(startInvestigationInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "investigating", from: ["accepted"], to: "investigating", reason: input.note ?? null, public: true,
  });
}
