import type { tips } from "../../db/schema.js";
import { nextDeadline, type TipClockFields } from "../../domain/tip-clock.js";

/**
 * The stored copy of the running deadline (next_due_at, next_due_kind) for a tip in this state. Every
 * write that changes a tip's status or one of its due columns sets these too — runTipAction and
 * submitTip do — so the queue's index never disagrees with `nextDeadline`.
 */
export function nextDueColumns(tip: TipClockFields): Pick<typeof tips.$inferInsert, "nextDueAt" | "nextDueKind"> {
  const next = nextDeadline(tip);
  return { nextDueAt: next?.due ?? null, nextDueKind: next?.kind ?? null };
}
