import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tipEvents, tips } from "../../db/schema.js";
import { normalizeTrackingCode } from "../../domain/receipts.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel } from "../staff/actor.js";
import { tipActionInput, tipIdField } from "./inputs.js";
import { lockVisibleTip, visibleTips } from "./scope.js";
import { OPEN_STATUSES, parseInput, runTipAction } from "./tip-action.js";

/** The tip to merge into: its id, or its tracking code — what staff see on every page. */
const intoField = z.union([
  tipIdField,
  z.string().transform((s, ctx) => {
    const code = normalizeTrackingCode(s);
    if (code) return code;
    ctx.addIssue({ code: "custom", message: "not a tracking code" });
    return z.NEVER;
  }),
]);

export const mergeTipsInput = tipActionInput.extend({ intoTipId: intoField, reason: z.string().trim().max(2_000).optional() });

/**
 * Merge a duplicate into the tip that will be handled. Both must be visible to the actor; the
 * duplicate stops being worked on (status merged) but keeps its events and its reporter's receipt.
 */
export async function mergeTips(deps: Deps, raw: z.input<typeof mergeTipsInput>) {
  const input = parseInput(mergeTipsInput, raw);
  const intoTipId = typeof input.intoTipId === "number" ? input.intoTipId : await visibleTipByCode(deps, input.actor, input.intoTipId);
  return runTipAction(deps, input.actor, input.tipId, {
    // The reason is staff's (it often names the other tip): the reporter reads only "已并案办理".
    kind: "merged",
    from: OPEN_STATUSES,
    to: "merged",
    note: input.reason ?? null,
    public: true,
    data: { intoTipId },
    set: { mergedInto: intoTipId },
    after: async (tx, tip, now) => {
      // Checked after the visibility lock, so an id outside the actor's scope is always a plain 404.
      if (intoTipId === tip.id) throw new AppError("invalid_input", "a tip cannot be merged into itself", [{ path: "intoTipId", code: "same_tip" }]);
      const target = await lockVisibleTip(tx, input.actor, intoTipId);
      if (target.status === "merged") throw new AppError("conflict", "the target was itself merged", { status: target.status });
      await tx.insert(tipEvents).values({
        tipId: target.id,
        kind: "merged_from",
        actor: actorLabel(input.actor),
        reason: input.reason ?? null,
        data: { fromTipId: tip.id, fromTrackingCode: tip.trackingCode, fromReceivedAt: tip.receivedAt.toISOString() },
        at: now,
      });
      return { intoTrackingCode: target.trackingCode };
    },
  });
}

/** A code the actor cannot see is refused like a mistyped one: it reveals nothing about other scopes. */
async function visibleTipByCode(deps: Deps, actor: Parameters<typeof visibleTips>[1], code: string): Promise<number> {
  const [found] = await deps.db
    .select({ id: tips.id })
    .from(tips)
    .where(and(eq(tips.trackingCode, code), await visibleTips(deps.db, actor)));
  if (!found) throw new AppError("invalid_input", "no tip with that tracking code", [{ path: "intoTipId", code: "not_found" }]);
  return found.id;
}
