import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { liaisons, obligations, routingRules, staffUsers, tips, type Unit } from "../../db/schema.js";
import { AppError } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { OPEN_STATUSES } from "../triage/tip-action.js";
import { managedUnit } from "./managed-unit.js";

/** retire: the unit's open work moves, its liaisons and unit accounts stop. merge: all of it moves, people too. */
export type RetireMode = "retire" | "merge";

export interface RetirementPlan {
  mode: RetireMode;
  source: Pick<Unit, "id" | "key" | "name" | "nameEn" | "jurisdictionCode">;
  target: Pick<Unit, "id" | "key" | "name" | "nameEn" | "jurisdictionCode">;
  /** What will move to the target (or stop, for people on a plain retirement). */
  openTips: number;
  openObligations: number;
  routingRules: number;
  liaisons: number;
  staff: number;
}

const count = sql<number>`count(*)::int`;

/** Both units checked in the manager's scope, the counts read in the same snapshot the move will use. */
export async function planRetirement(
  db: DbOrTx,
  actor: StaffActor,
  input: { unit: string | number; into: string | number; mode: RetireMode },
): Promise<RetirementPlan> {
  const source = await managedUnit(db, actor, input.unit);
  const target = await managedUnit(db, actor, input.into);
  if (!source.active) throw new AppError("conflict", "the unit is already retired");
  if (!target.active || target.id === source.id)
    throw new AppError("invalid_input", "choose another, active unit to take the work", [{ path: "into", code: "invalid" }]);
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  return {
    mode: input.mode,
    source,
    target,
    openTips: await n(
      db
        .select({ n: count })
        .from(tips)
        .where(and(eq(tips.unitId, source.id), inArray(tips.status, [...OPEN_STATUSES]))),
    ),
    openObligations: await n(
      db
        .select({ n: count })
        .from(obligations)
        .where(and(eq(obligations.unitId, source.id), eq(obligations.status, "open"))),
    ),
    routingRules: await n(db.select({ n: count }).from(routingRules).where(eq(routingRules.unitId, source.id))),
    liaisons: await n(
      db
        .select({ n: count })
        .from(liaisons)
        .where(and(eq(liaisons.unitId, source.id), eq(liaisons.active, true))),
    ),
    staff: await n(
      db
        .select({ n: count })
        .from(staffUsers)
        .where(and(eq(staffUsers.unitId, source.id), eq(staffUsers.disabled, false))),
    ),
  };
}
