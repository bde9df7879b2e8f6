import { z } from "zod";
import { tipEvents } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel } from "../staff/actor.js";
import { tipActionInput, tipIdField } from "./inputs.js";
import { lockVisibleTip } from "./scope.js";
import { OPEN_STATUSES, parseInput, runTipAction } from "./tip-action.js";

export const mergeTipsInput = tipActionInput.extend({ intoTipId: tipIdField, reason: z.string().trim().max(2_000).optional() });

/**
 * Merge a duplicate into the tip that will be handled. Both must be visible to the actor; the
 * duplicate stops being worked on (status merged) but keeps its events and its reporter's receipt.
 */
export async function mergeTips(deps: Deps, raw: z.input<typeof mergeTipsInput>) {
  const input = parseInput(mergeTipsInput, raw);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "merged", from: OPEN_STATUSES, to: "merged", reason: input.reason ?? null, public: true,
    data: { intoTipId: input.intoTipId },
    set: { mergedInto: input.intoTipId },
    after: async (tx, tip, now) => {
      // Checked after the visibility lock, so an id outside the actor's scope is always a plain 404.
      if (input.intoTipId === tip.id) throw new AppError("invalid_input", "a tip cannot be merged into itself", [{ path: "intoTipId", code: "same_tip" }]);
      const target = await lockVisibleTip(tx, input.actor, input.intoTipId);
      if (target.status === "merged") throw new AppError("conflict", "the target was itself merged", { status: target.status });
      await tx.insert(tipEvents).values({
        tipId: target.id, kind: "merged_from", actor: actorLabel(input.actor), reason: input.reason ?? null,
        data: { fromTipId: tip.id, fromTrackingCode: tip.trackingCode, fromReceivedAt: tip.receivedAt.toISOString() }, at: now,
      });
      return { intoTrackingCode: target.trackingCode };
    },
  });
}
