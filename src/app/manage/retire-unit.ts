import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { campaignUnits, liaisons, obligations, routingRules, staffSessions, staffUsers, tipEvents, tips, unitSectors, units } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { invalidateRouting } from "../routing/routing-cache.js";
import { notifyUnits } from "../tips/tip-notifications.js";
import { localName } from "../../domain/tip-input.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { OPEN_STATUSES } from "../triage/tip-action.js";
import { withTransaction } from "../with-transaction.js";
import { planRetirement, type RetirementPlan } from "./unit-retirement.js";

export const retireUnitInput = z.object({
  unit: z.union([z.string(), z.number()]),
  into: z.union([z.string(), z.number()]),
  mode: z.enum(["retire", "merge"]),
  reason: z.string().trim().min(2).max(500),
});

/**
 * Retire a unit, or merge it into another. The unit row, its closed tips, filed figures and audit stay
 * (history); it is marked inactive with its successor. Open tips (each with a "transferred" event),
 * open duties and routing rules move to the successor; a duty the successor already has for the same
 * campaign and period is cancelled rather than doubled. Retire stops the unit's liaisons and unit
 * accounts (sessions revoked); merge moves them to the successor. One transaction, one audit entry.
 */
export async function retireUnit(deps: Deps, actor: StaffActor, raw: z.input<typeof retireUnitInput>): Promise<RetirementPlan> {
  const parsed = retireUnitInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "a unit, a successor, a mode and a reason are required",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  const result = await withTransaction(deps, async (tx) => {
    const db = tx.db;
    const plan = await planRetirement(db, actor, input);
    // The guarded update is the lock: of two confirmations racing, one flips `active` and the other finds nothing.
    const locked = await db
      .update(units)
      .set({ active: false, retiredAt: tx.clock(), successorId: plan.target.id })
      .where(and(eq(units.id, plan.source.id), eq(units.active, true)))
      .returning({ id: units.id });
    if (locked.length === 0) throw new AppError("conflict", "the unit is already retired");
    const now = tx.clock();
    const by = actorLabel(actor);
    const from = plan.source.id;
    const to = plan.target.id;

    const open = await db
      .select({ id: tips.id })
      .from(tips)
      .where(and(eq(tips.unitId, from), inArray(tips.status, [...OPEN_STATUSES])));
    const ids = open.map((t) => t.id);
    if (ids.length) {
      await db.update(tips).set({ unitId: to, updatedAt: now }).where(inArray(tips.id, ids));
      await db.insert(tipEvents).values(
        ids.map((tipId) => ({
          tipId,
          kind: "transferred",
          actor: by,
          reason: input.reason,
          data: { fromUnitId: from, toUnitId: to, toUnit: plan.target.name, unitRetired: true },
          at: now,
        })),
      );
    }
    await db.execute(sql`
      insert into ${campaignUnits} (campaign_id, unit_id, role)
      select campaign_id, ${to}, role from ${campaignUnits} where unit_id = ${from}
      on conflict do nothing`);
    const duties = await db
      .select({ id: obligations.id, campaignId: obligations.campaignId, code: obligations.code, period: obligations.period })
      .from(obligations)
      .where(and(eq(obligations.unitId, from), eq(obligations.status, "open")));
    const dutyKey = (d: { campaignId: number; code: string; period: string }) => `${d.campaignId}|${d.code}|${d.period}`;
    const held = new Set(
      duties.length
        ? (
            await db
              .select({ campaignId: obligations.campaignId, code: obligations.code, period: obligations.period })
              .from(obligations)
              .where(and(eq(obligations.unitId, to), inArray(obligations.campaignId, [...new Set(duties.map((d) => d.campaignId))])))
          ).map(dutyKey)
        : [],
    );
    const movable = duties.filter((d) => !held.has(dutyKey(d))).map((d) => d.id);
    const doubled = duties.filter((d) => held.has(dutyKey(d))).map((d) => d.id);
    if (movable.length) await db.update(obligations).set({ unitId: to }).where(inArray(obligations.id, movable));
    if (doubled.length) await db.update(obligations).set({ status: "cancelled" }).where(inArray(obligations.id, doubled));
    await db.update(routingRules).set({ unitId: to, updatedBy: by, updatedAt: now, note: input.reason }).where(eq(routingRules.unitId, from));
    await db.execute(sql`
      insert into ${unitSectors} (unit_id, sector_code)
      select ${to}, sector_code from ${unitSectors} where unit_id = ${from}
      on conflict do nothing`);

    const people = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.unitId, from));
    const staffIds = people.map((p) => p.id);
    if (input.mode === "merge") {
      await db
        .update(liaisons)
        .set({ unitId: to })
        .where(and(eq(liaisons.unitId, from), eq(liaisons.active, true)));
      if (staffIds.length)
        await db.update(staffUsers).set({ unitId: to, jurisdictionCode: plan.target.jurisdictionCode }).where(inArray(staffUsers.id, staffIds));
    } else {
      await db
        .update(liaisons)
        .set({ active: false, removedAt: now, removedReason: input.reason })
        .where(and(eq(liaisons.unitId, from), eq(liaisons.active, true)));
      if (staffIds.length) {
        await db.update(staffUsers).set({ disabled: true }).where(inArray(staffUsers.id, staffIds));
        await db
          .update(staffSessions)
          .set({ revokedAt: now })
          .where(and(inArray(staffSessions.userId, staffIds), isNull(staffSessions.revokedAt)));
      }
    }
    // The successor's liaisons learn at once what is now theirs (merged-in liaisons included): open tips
    // keep their deadlines, so a quiet hand-over would make them late without anyone knowing.
    await notifyUnits(
      db,
      deps,
      [to],
      (locale) => ({
        text: deps.i18n.t(locale, "unit-handover-notice", {
          mode: input.mode,
          unit: localName(plan.source, locale),
          tips: ids.length,
          duties: movable.length,
          reason: input.reason,
        }),
      }),
      `unit:${from}:handover`,
    );
    await appendAudit(
      db,
      {
        actor: by,
        action: input.mode === "merge" ? "unit.merged" : "unit.retired",
        entity: "unit",
        entityId: from,
        before: { active: true, name: plan.source.name },
        after: {
          active: false,
          successorId: to,
          successor: plan.target.name,
          moved: {
            openTips: plan.openTips,
            openObligations: plan.openObligations,
            routingRules: plan.routingRules,
            liaisons: plan.liaisons,
            staff: plan.staff,
          },
        },
        reason: input.reason,
      },
      now,
    );
    return plan;
  });
  invalidateRouting(deps.database);
  return result;
}
