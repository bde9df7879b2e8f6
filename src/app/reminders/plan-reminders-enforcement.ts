import { and, eq, isNull, sql } from "drizzle-orm";
import { enforcementPlans, planItems, units } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { localName } from "../../domain/tip-input.js";
import type { Deps } from "../deps.js";
import { itemDone } from "../enforcement/plans.js";
import { notifyUnits } from "../tips/tip-notifications.js";
import { supervisorUnitOf } from "./supervisor-unit.js";

export interface PlanReminderResult {
  weekly: number;
  behind: number;
  messages: number;
}

/** Behind by more than this share of the checks due to date at a month's end: the committee is told. */
export const BEHIND_THRESHOLD_PCT = 20;

/**
 * Enforcement-plan reminders (#15), run daily by the `plan-reminders` job, deduplicated through the outbox:
 * on Mondays (Asia/Shanghai) each unit with an approved plan hears how many of this month's planned checks are
 * still open; on the last day of a month, a plan whose checks done fall short of those due to date by more than
 * 20 % is reported to the 安委办 one tier up (supervisorUnitOf, as deadline escalations are).
 */
export async function sendPlanReminders(deps: Pick<Deps, "db" | "clock" | "crypto" | "i18n">): Promise<PlanReminderResult> {
  const today = shanghaiDate(deps.clock());
  const [year, month, day] = today.split("-").map(Number);
  const monday = new Date(`${today}T12:00:00Z`).getUTCDay() === 1;
  const monthEnd = new Date(Date.UTC(year, month, 0)).getUTCDate() === day;
  const result: PlanReminderResult = { weekly: 0, behind: 0, messages: 0 };
  if (!monday && !monthEnd) return result;
  await deps.db.transaction(async (tx) => {
    const plans = await tx
      .select({
        planId: enforcementPlans.id,
        unitId: units.id,
        unitName: units.name,
        unitNameEn: units.nameEn,
        open: sql<number>`(count(*) filter (where ${planItems.month} = ${month} and not ${itemDone(sql`${enforcementPlans.unitId}`, sql`${enforcementPlans.year}`)}))::int`,
        due: sql<number>`(count(*) filter (where ${planItems.month} <= ${month}))::int`,
        done: sql<number>`(count(*) filter (where ${planItems.month} <= ${month} and ${itemDone(sql`${enforcementPlans.unitId}`, sql`${enforcementPlans.year}`)}))::int`,
      })
      .from(enforcementPlans)
      .innerJoin(units, eq(units.id, enforcementPlans.unitId))
      .innerJoin(planItems, eq(planItems.planId, enforcementPlans.id))
      .where(and(eq(enforcementPlans.year, year), eq(enforcementPlans.status, "approved"), isNull(planItems.removedAt)))
      .groupBy(enforcementPlans.id, units.id, units.name, units.nameEn);
    for (const p of plans) {
      if (monday && p.open > 0) {
        result.weekly++;
        result.messages += await notifyUnits(
          tx,
          deps,
          [p.unitId],
          (l) => ({ text: deps.i18n.t(l, "plan-reminder-week", { count: p.open, month }) }),
          `plan-week:${p.planId}:${today}`,
        );
      }
      const behindPct = p.due > 0 ? Math.round(((p.due - p.done) / p.due) * 100) : 0;
      if (monthEnd && behindPct > BEHIND_THRESHOLD_PCT) {
        const committee = await supervisorUnitOf(tx, p.unitId);
        if (!committee) continue;
        result.behind++;
        result.messages += await notifyUnits(
          tx,
          deps,
          [committee.id],
          (l) => ({
            text: deps.i18n.t(l, "plan-reminder-behind", {
              unit: localName({ name: p.unitName, nameEn: p.unitNameEn }, l),
              done: p.done,
              due: p.due,
              pct: behindPct,
            }),
          }),
          `plan-behind:${p.planId}:${year}-${month}`,
        );
      }
    }
  });
  return result;
}
