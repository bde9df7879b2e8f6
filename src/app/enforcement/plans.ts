import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { bytesToHex, randomBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { enforcementPlans, enterprises, jurisdictions, planItems, units } from "../../db/schema.js";
import { generatePlanItems } from "../../domain/enforcement.js";
import type { DbOrTx } from "../../db/client.js";
import { resolveEnterpriseRef } from "../enterprises/enterprise-ref.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit, appendAuditMany, type AuditEntry } from "../audit/append-audit.js";
import { jurisdictionPrefix, unitVisible, withinPrefix } from "../manage/manage-scope.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { loadFrequencies, plannableUnit, plannableUnits, supervisedByUnits, supervisedEnterprises } from "./supervision.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const reason = z.string().trim().min(2).max(500);

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.output<T> {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new AppError(
      "invalid_input",
      "invalid plan input",
      r.error.issues.map((i) => i.path.join(".")),
    );
  return r.data;
}

export const generatePlanInput = z.object({
  unitId: id,
  year: z.coerce.number().int().min(2000).max(2100),
  randomRatePct: z.coerce.number().int().min(0).max(100),
  /** Required to regenerate a draft. */
  reason: reason.optional().or(z.literal("").transform(() => undefined)),
});

export interface GeneratedPlan {
  planId: number;
  items: number;
  byBasis: Record<string, number>;
  candidates: number;
  regenerated: boolean;
}

/**
 * Generate (or, for a draft and with a reason, regenerate) the unit's plan for a year from the enterprises it
 * supervises: items in one set-based insert, seed and counts in the audit entry. An approved plan is refused.
 */
export async function generatePlan(deps: Deps, actor: StaffActor, raw: z.input<typeof generatePlanInput>): Promise<GeneratedPlan> {
  const input = parse(generatePlanInput, raw);
  const unit = await plannableUnit(deps, actor, input.unitId);
  const candidates = await supervisedEnterprises(deps, unit.id);
  const seed = bytesToHex(randomBytes(32));
  const frequencies = await loadFrequencies(deps.db);
  const items = generatePlanItems(candidates, frequencies, input.randomRatePct, seed);
  const byBasis: Record<string, number> = {};
  for (const it of items) byBasis[it.basis] = (byBasis[it.basis] ?? 0) + 1;
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const [existing] = await tx.db
      .select()
      .from(enforcementPlans)
      .where(and(eq(enforcementPlans.unitId, unit.id), eq(enforcementPlans.year, input.year)))
      .for("update");
    if (existing?.status === "approved") throw new AppError("conflict", "an approved plan is not regenerated");
    if (existing && !input.reason) throw new AppError("invalid_input", "regenerating a draft needs a reason", ["reason"]);
    let planId: number;
    if (existing) {
      planId = existing.id;
      await tx.db.delete(planItems).where(eq(planItems.planId, planId));
      await tx.db
        .update(enforcementPlans)
        .set({ randomRatePct: input.randomRatePct, randomSeed: seed, generatedBy: actorLabel(actor), generatedAt: now, generation: existing.generation + 1 })
        .where(eq(enforcementPlans.id, planId));
    } else {
      const [row] = await tx.db
        .insert(enforcementPlans)
        .values({ unitId: unit.id, year: input.year, randomRatePct: input.randomRatePct, randomSeed: seed, generatedBy: actorLabel(actor), generatedAt: now })
        .returning({ id: enforcementPlans.id });
      planId = row.id;
    }
    await insertItems(
      tx.db,
      items.map((it) => ({ planId, ...it })),
    );
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: existing ? "plan.regenerated" : "plan.generated",
        entity: "enforcement_plan",
        entityId: planId,
        after: { unitId: unit.id, year: input.year, randomRatePct: input.randomRatePct, seed, candidates: candidates.length, byBasis, frequencies },
        reason: input.reason ?? null,
      },
      now,
    );
    return { planId, items: items.length, byBasis, candidates: candidates.length, regenerated: !!existing };
  });
}

type PlanRow = typeof enforcementPlans.$inferSelect;

async function planInScope(deps: Pick<Deps, "db">, actor: StaffActor, planId: number, lock = false): Promise<PlanRow> {
  const q = deps.db.select().from(enforcementPlans).where(eq(enforcementPlans.id, planId));
  const [plan] = lock ? await q.for("update") : await q;
  if (!plan) throw new AppError("not_found", "no such plan");
  // Read access follows the unit's visibility for every role (viewers included); writers are checked by their verbs.
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const [unit] = await deps.db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, plan.unitId));
  if (!unit || !unitVisible(actor, unit, prefix)) throw new AppError("not_found", "no such plan");
  return plan;
}

/**
 * Approval by a second person: committee or admin staff over the unit, or the unit's own staff, but never the
 * person who generated (or last regenerated) the plan. Audited.
 */
export async function approvePlan(deps: Deps, actor: StaffActor, rawId: unknown): Promise<void> {
  const planId = parse(id, rawId);
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const now = deps.clock();
  await withTransaction(deps, async (tx) => {
    const plan = await planInScope(tx, actor, planId, true);
    if (plan.status === "approved") throw new AppError("conflict", "already approved");
    if (plan.generatedBy === actorLabel(actor)) throw new AppError("forbidden", "the generator does not approve their own plan");
    await tx.db
      .update(enforcementPlans)
      .set({ status: "approved", approvedBy: actorLabel(actor), approvedAt: now })
      .where(eq(enforcementPlans.id, planId));
    await appendAudit(
      tx.db,
      { actor: actorLabel(actor), action: "plan.approved", entity: "enforcement_plan", entityId: planId, before: "draft", after: "approved" },
      now,
    );
  });
}

export const editItemInput = z.discriminatedUnion("op", [
  z.object({ op: z.literal("move"), planId: id, itemId: id, month: z.coerce.number().int().min(1).max(12), reason: reason.optional() }),
  z.object({ op: z.literal("remove"), planId: id, itemId: id, reason }),
  z.object({
    op: z.literal("add"),
    planId: id,
    /** Credit code, name or number (resolveEnterpriseRef). */
    enterpriseId: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).transform(String),
    month: z.coerce.number().int().min(1).max(12),
    reason,
  }),
]);

/** Move an item to another month, remove it (kept, with the reason) or add a manual one; each audited. */
export async function editPlanItem(deps: Deps, actor: StaffActor, raw: z.input<typeof editItemInput>): Promise<void> {
  const input = parse(editItemInput, raw);
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const now = deps.clock();
  await withTransaction(deps, async (tx) => {
    const plan = await planInScope(tx, actor, input.planId, true);
    const audit = (action: string, entityId: number, before: unknown, after: unknown, why?: string) =>
      appendAudit(
        tx.db,
        { actor: actorLabel(actor), action, entity: "plan_item", entityId, before, after: { planId: plan.id, ...(after as object) }, reason: why ?? null },
        now,
      );
    if (input.op === "add") {
      const prefix = await jurisdictionPrefix(tx.db, actor);
      const e = await resolveEnterpriseRef(tx.db, prefix, input.enterpriseId);
      const [row] = await tx.db
        .insert(planItems)
        .values({ planId: plan.id, enterpriseId: e.id, month: input.month, basis: "manual", note: input.reason })
        .returning({ id: planItems.id });
      await audit("plan_item.added", row.id, null, { enterpriseId: e.id, month: input.month }, input.reason);
      return;
    }
    const [item] = await tx.db
      .select()
      .from(planItems)
      .where(and(eq(planItems.id, input.itemId), eq(planItems.planId, plan.id)));
    if (!item || item.removedAt) throw new AppError("not_found", "no such item");
    if (input.op === "move") {
      await tx.db.update(planItems).set({ month: input.month }).where(eq(planItems.id, item.id));
      await audit("plan_item.moved", item.id, { month: item.month }, { month: input.month }, input.reason);
    } else {
      await tx.db.update(planItems).set({ removedAt: now, removedReason: input.reason }).where(eq(planItems.id, item.id));
      await audit("plan_item.removed", item.id, { month: item.month }, { removed: true }, input.reason);
    }
  });
}

export interface PlanSummary {
  id: number;
  unitId: number;
  unitName: string;
  unitNameEn: string | null;
  year: number;
  status: "draft" | "approved";
  randomRatePct: number;
  generatedBy: string;
  approvedBy: string | null;
  items: number;
}

/** Plans in the actor's scope for a year, with their live item counts. */
export async function listPlans(deps: Pick<Deps, "db">, actor: StaffActor, year: number): Promise<PlanSummary[]> {
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const own =
    actor.role === "unit" || (actor.role === "viewer" && actor.unitId) ? eq(units.id, actor.unitId ?? 0) : withinPrefix(units.jurisdictionCode, prefix);
  return deps.db
    .select({
      id: enforcementPlans.id,
      unitId: units.id,
      unitName: units.name,
      unitNameEn: units.nameEn,
      year: enforcementPlans.year,
      status: enforcementPlans.status,
      randomRatePct: enforcementPlans.randomRatePct,
      generatedBy: enforcementPlans.generatedBy,
      approvedBy: enforcementPlans.approvedBy,
      items: sql<number>`(select count(*)::int from ${planItems} where ${planItems.planId} = ${enforcementPlans.id} and ${planItems.removedAt} is null)`,
    })
    .from(enforcementPlans)
    .innerJoin(units, eq(units.id, enforcementPlans.unitId))
    .where(and(eq(enforcementPlans.year, year), own))
    .orderBy(asc(units.jurisdictionCode), asc(units.id));
}

export interface PlanItemView {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string | null;
  jurisdictionCode: string;
  riskClass: string;
  month: number;
  basis: string;
  note: string | null;
  removedReason: string | null;
  done: boolean;
}

export interface PlanDetail extends PlanSummary {
  randomSeed: string;
  generation: number;
  itemsList: PlanItemView[];
}

/** One plan with its items (removed ones last, with their reasons) and whether each is done. */
export async function getPlan(deps: Pick<Deps, "db">, actor: StaffActor, rawId: unknown): Promise<PlanDetail> {
  const planId = parse(id, rawId);
  const plan = await planInScope(deps, actor, planId);
  const [summary] = (await listPlans(deps, actor, plan.year)).filter((p) => p.id === planId);
  if (!summary) throw new AppError("not_found", "no such plan");
  const rows = await deps.db
    .select({
      id: planItems.id,
      enterpriseId: planItems.enterpriseId,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      jurisdictionCode: enterprises.jurisdictionCode,
      riskClass: sql<string>`case when ${enterprises.blacklisted} then 'poor' else ${enterprises.riskClass} end`,
      month: planItems.month,
      basis: planItems.basis,
      note: planItems.note,
      removedReason: planItems.removedReason,
      done: sql<boolean>`${itemDone(plan.unitId, plan.year)}`,
    })
    .from(planItems)
    .innerJoin(enterprises, eq(enterprises.id, planItems.enterpriseId))
    .where(eq(planItems.planId, planId))
    .orderBy(sql`${planItems.removedAt} is not null`, asc(planItems.month), asc(planItems.id));
  return { ...summary, randomSeed: plan.randomSeed, generation: plan.generation, itemsList: rows };
}

/**
 * An item counts done when an inspection names it (plan_item_id), or when the unit recorded a planned or
 * random inspection of the enterprise in the item's month of the plan's year.
 */
export function itemDone(unitId: number | ReturnType<typeof sql>, year: number | ReturnType<typeof sql>) {
  return sql`exists (select 1 from inspections ins where ins.plan_item_id = ${planItems.id}
    or (ins.unit_id = ${unitId} and ins.enterprise_id = ${planItems.enterpriseId} and ins.kind in ('planned', 'random')
        and extract(year from ins.inspected_on) = ${year} and extract(month from ins.inspected_on) = ${planItems.month}))`;
}

export interface ProgressRow {
  key: string;
  name: string;
  planned: number;
  plannedToDate: number;
  done: number;
  /** (plannedToDate − done) / plannedToDate, 0 when nothing was due yet. */
  behindPct: number;
}

export interface PlanProgress {
  year: number;
  month: number;
  units: ProgressRow[];
  townships: ProgressRow[];
  counties: ProgressRow[];
}

/** Planned to date (items due by `month`) against done, per unit, per township and per county of the enterprises. */
export async function planProgress(deps: Pick<Deps, "db">, actor: StaffActor, input: { year: number; month: number }): Promise<PlanProgress> {
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const own =
    actor.role === "unit" || (actor.role === "viewer" && actor.unitId) ? eq(units.id, actor.unitId ?? 0) : withinPrefix(units.jurisdictionCode, prefix);
  const rows = await deps.db
    .select({
      unitId: units.id,
      unitName: units.name,
      code: enterprises.jurisdictionCode,
      planned: sql<number>`count(*)::int`,
      plannedToDate: sql<number>`(count(*) filter (where ${planItems.month} <= ${input.month}))::int`,
      done: sql<number>`(count(*) filter (where ${itemDone(sql`${enforcementPlans.unitId}`, sql`${enforcementPlans.year}`)}))::int`,
    })
    .from(planItems)
    .innerJoin(enforcementPlans, eq(enforcementPlans.id, planItems.planId))
    .innerJoin(units, eq(units.id, enforcementPlans.unitId))
    .innerJoin(enterprises, eq(enterprises.id, planItems.enterpriseId))
    .where(and(eq(enforcementPlans.year, input.year), isNull(planItems.removedAt), own))
    .groupBy(units.id, units.name, enterprises.jurisdictionCode)
    .orderBy(asc(units.id), asc(enterprises.jurisdictionCode));
  const codes = [...new Set(rows.flatMap((r) => [r.code, r.code.slice(0, 6)]))];
  const names = new Map<string, string>();
  if (codes.length) {
    for (const j of await deps.db.select({ code: jurisdictions.code, name: jurisdictions.name }).from(jurisdictions).where(inArray(jurisdictions.code, codes)))
      names.set(j.code, j.name);
  }
  const add = (m: Map<string, ProgressRow>, key: string, name: string, r: (typeof rows)[number]) => {
    const p = m.get(key) ?? { key, name, planned: 0, plannedToDate: 0, done: 0, behindPct: 0 };
    p.planned += r.planned;
    p.plannedToDate += r.plannedToDate;
    p.done += r.done;
    m.set(key, p);
  };
  const byUnit = new Map<string, ProgressRow>();
  const byTownship = new Map<string, ProgressRow>();
  const byCounty = new Map<string, ProgressRow>();
  for (const r of rows) {
    add(byUnit, String(r.unitId), r.unitName, r);
    if (r.code.length > 6) add(byTownship, r.code, names.get(r.code) ?? r.code, r);
    add(byCounty, r.code.slice(0, 6), names.get(r.code.slice(0, 6)) ?? r.code.slice(0, 6), r);
  }
  const done = (m: Map<string, ProgressRow>) =>
    [...m.values()].map((p) => ({ ...p, behindPct: p.plannedToDate > 0 ? Math.max(0, Math.round(((p.plannedToDate - p.done) / p.plannedToDate) * 100)) : 0 }));
  return { year: input.year, month: input.month, units: done(byUnit), townships: done(byTownship), counties: done(byCounty) };
}

/** The newest plan year in scope, for the page's default. */
export async function latestPlanYear(deps: Pick<Deps, "db">): Promise<number | null> {
  const [row] = await deps.db.select({ year: enforcementPlans.year }).from(enforcementPlans).orderBy(desc(enforcementPlans.year)).limit(1);
  return row?.year ?? null;
}

export const generatePlansInput = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  randomRatePct: z.coerce.number().int().min(0).max(100),
  /** Units to plan for; absent: every unit in the actor's scope that supervises anything. */
  unitIds: z.array(id).max(5000).optional(),
});

/**
 * The year's plans of many units at once (a county or a city starting its year): one read of the enterprises in
 * the units' sectors, the router's walk in memory, one insert of the plans and bulk inserts of their items, one
 * audit entry per plan, all in one transaction. Units that already have a plan for the year are left alone.
 */
export async function generatePlans(
  deps: Deps,
  actor: StaffActor,
  raw: z.input<typeof generatePlansInput>,
): Promise<{ plans: number; items: number; skipped: number[] }> {
  const input = parse(generatePlansInput, raw);
  const inScope = await plannableUnits(deps, actor);
  const wanted = input.unitIds ? new Set(input.unitIds) : null;
  const targets = inScope.filter((u) => !wanted || wanted.has(u.id));
  if (wanted && targets.length !== wanted.size) throw new AppError("not_found", "no such unit");
  const byUnit = await supervisedByUnits(
    deps,
    targets.map((u) => u.id),
  );
  const frequencies = await loadFrequencies(deps.db);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const existing = new Set(
      (await tx.db.select({ unitId: enforcementPlans.unitId }).from(enforcementPlans).where(eq(enforcementPlans.year, input.year))).map((p) => p.unitId),
    );
    const fresh = targets.filter((u) => !existing.has(u.id));
    if (fresh.length === 0) return { plans: 0, items: 0, skipped: targets.map((u) => u.id) };
    const seeds = new Map(fresh.map((u) => [u.id, bytesToHex(randomBytes(32))]));
    const created = await tx.db
      .insert(enforcementPlans)
      .values(
        fresh.map((u) => ({
          unitId: u.id,
          year: input.year,
          randomRatePct: input.randomRatePct,
          randomSeed: seeds.get(u.id)!,
          generatedBy: actorLabel(actor),
          generatedAt: now,
        })),
      )
      .returning({ id: enforcementPlans.id, unitId: enforcementPlans.unitId });
    const rows: ItemRow[] = [];
    const audits: AuditEntry[] = [];
    for (const p of created) {
      const candidates = byUnit.get(p.unitId) ?? [];
      const items = generatePlanItems(candidates, frequencies, input.randomRatePct, seeds.get(p.unitId)!);
      for (const it of items) rows.push({ planId: p.id, enterpriseId: it.enterpriseId, month: it.month, basis: it.basis });
      audits.push({
        actor: actorLabel(actor),
        action: "plan.generated",
        entity: "enforcement_plan",
        entityId: p.id,
        after: {
          unitId: p.unitId,
          year: input.year,
          randomRatePct: input.randomRatePct,
          seed: seeds.get(p.unitId),
          candidates: candidates.length,
          items: items.length,
        },
      });
    }
    await insertItems(tx.db, rows);
    await appendAuditMany(tx.db, audits, now);
    return { plans: created.length, items: rows.length, skipped: targets.filter((u) => existing.has(u.id)).map((u) => u.id) };
  });
}

type ItemRow = { planId: number; enterpriseId: number; month: number; basis: string };

/** All items in one statement: four arrays unnested by the database instead of four parameters a row. */
async function insertItems(db: DbOrTx, rows: ItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  const ints = (xs: number[]) => `{${xs.join(",")}}`;
  await db.execute(sql`insert into plan_items (plan_id, enterprise_id, month, basis)
    select * from unnest(${ints(rows.map((r) => r.planId))}::int[], ${ints(rows.map((r) => r.enterpriseId))}::int[],
      ${ints(rows.map((r) => r.month))}::int[], ${`{${rows.map((r) => r.basis).join(",")}}`}::text[])`);
}
