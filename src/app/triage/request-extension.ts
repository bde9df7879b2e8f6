import { z } from "zod";
import type { TipExtension } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { noteField, reasonField, tipActionInput } from "./inputs.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const requestExtensionInput = tipActionInput.extend({
  /** Calendar days added to verification; at most TIP_EXTENSION_DAYS (checked against the configuration). */
  days: z.coerce.number().int().min(1).max(365),
  /** Why more time is needed: told to the reporter once the committee approves. */
  reason: reasonField,
  note: noteField,
});

/**
 * 延期申请: the handling unit (or a committee clerk) asks once for more time to verify, with a reason.
 * Nothing moves until a committee member approves (decide-extension.ts). A tip has at most one
 * extension: asking again while a request is pending or after one was approved is a conflict; after a
 * refusal the unit may ask again with a better reason.
 */
export async function requestExtension(deps: Deps, raw: z.input<typeof requestExtensionInput>) {
  const input = parseInput(requestExtensionInput, raw);
  const max = deps.config.TIP_EXTENSION_DAYS;
  if (input.days > max) throw new AppError("invalid_input", `an extension is at most ${max} days`, [{ path: "days", code: "too_big" }]);
  const now = deps.clock();
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "extension_requested",
    from: ["accepted", "investigating"],
    note: input.note,
    data: { days: input.days, extensionReason: input.reason },
    prepare: (tip) => {
      const state = tip.extension?.state;
      if (state === "requested" || state === "approved")
        throw new AppError("conflict", `the extension is already ${state}`, { reason: state === "approved" ? "extension_used" : "extension_pending" });
      const extension: TipExtension = {
        state: "requested",
        days: input.days,
        reason: input.reason,
        requestedBy: input.actor.id,
        requestedAt: now.toISOString(),
      };
      return { set: { extension } };
    },
  });
}
