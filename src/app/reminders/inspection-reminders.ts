import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { enterprises, inspections, reinspectionsDue } from "../../db/schema.js";
import { addCalendarDays, shanghaiDate } from "../../domain/deadlines.js";
import { mayDeliverAt } from "../../domain/reminder-policy.js";
import type { Deps } from "../deps.js";
import { notifyUnits } from "../tips/tip-notifications.js";

/** Days before a 回头看 is due that the unit hears of it first. */
export const REINSPECTION_NOTICE_DAYS = 3;

/**
 * Open 回头看 re-inspections → the unit that recorded the inspection: once when due within three days
 * ("due"), once when the date has passed without a re-inspection ("overdue" — an overdue correction when
 * the inspection set a correction deadline). Each phase goes out once (reminded_phase); in the delivery
 * window of the reminder job only; the outbox message and the phase are written in one transaction.
 */
export async function sendInspectionReminders(deps: Deps): Promise<{ sent: number; messages: number }> {
  const now = deps.clock();
  const today = shanghaiDate(now);
  const result = { sent: 0, messages: 0 };
  if (!mayDeliverAt(now, today)) return result;
  const soon = addCalendarDays(today, REINSPECTION_NOTICE_DAYS);
  await deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ d: reinspectionsDue, enterpriseName: enterprises.name, inspectedOn: inspections.inspectedOn })
      .from(reinspectionsDue)
      .innerJoin(enterprises, eq(enterprises.id, reinspectionsDue.enterpriseId))
      .innerJoin(inspections, eq(inspections.id, reinspectionsDue.inspectionId))
      .where(
        and(
          isNull(reinspectionsDue.closedAt),
          lte(reinspectionsDue.dueOn, soon),
          or(isNull(reinspectionsDue.remindedPhase), and(eq(reinspectionsDue.remindedPhase, "due"), sql`${reinspectionsDue.dueOn} < ${today}`)),
        ),
      )
      .limit(500)
      .for("update", { of: reinspectionsDue, skipLocked: true });
    for (const { d, enterpriseName, inspectedOn } of due) {
      const phase = d.dueOn < today ? "overdue" : "due";
      const vars = { enterprise: enterpriseName, inspected: inspectedOn, due: d.dueOn, id: d.inspectionId, reason: d.reason };
      const queued = await notifyUnits(
        tx,
        deps,
        [d.unitId],
        (l) => ({ text: deps.i18n.t(l, `reminder-reinspection-${phase}`, vars) }),
        `reinspection:${d.id}:${phase}`,
      );
      await tx.update(reinspectionsDue).set({ remindedPhase: phase }).where(eq(reinspectionsDue.id, d.id));
      result.sent++;
      result.messages += queued;
    }
  });
  return result;
}
