import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { notifyUnits } from "../tips/tip-notifications.js";
import { reasonField, tipActionInput, tipIdField } from "./inputs.js";
import { OPEN_STATUSES, parseInput, runTipAction } from "./tip-action.js";

export const transferTipInput = tipActionInput.extend({ unitId: tipIdField, reason: reasonField });

/**
 * 移交: re-route an open tip to another unit, with a reason. The event records who, when, why, the old
 * and the new unit; the new unit's liaisons are alerted in the same transaction.
 */
export async function transferTip(deps: Deps, raw: z.input<typeof transferTipInput>) {
  const input = parseInput(transferTipInput, raw);
  const [target] = await deps.db
    .select()
    .from(units)
    .where(and(eq(units.id, input.unitId), eq(units.active, true)));
  if (!target) throw new AppError("invalid_input", "no such active unit", [{ path: "unitId", code: "not_found" }]);
  let fromUnitId = 0;
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "transferred",
    from: OPEN_STATUSES,
    reason: input.reason,
    data: { toUnitId: target.id, toUnit: target.name },
    set: { unitId: target.id },
    after: async (tx, tip) => {
      fromUnitId = tip.unitId;
      if (tip.unitId === target.id) throw new AppError("invalid_input", "the tip is already with that unit", [{ path: "unitId", code: "same_unit" }]);
      const text = (l: string) => deps.i18n.t(l, "admin-unit-transferred", { code: tip.trackingCode, reason: input.reason, text: tip.text.slice(0, 500) });
      await notifyUnits(tx, deps, [target.id], (l) => ({ text: text(l) }), `tip:${tip.id}:transfer:${target.id}:${deps.clock().getTime()}`);
      return { fromUnitId };
    },
  });
}
