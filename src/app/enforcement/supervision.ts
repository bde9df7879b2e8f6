import { and, asc, eq, exists, inArray, like, or, sql } from "drizzle-orm";
import { z } from "zod";
import { checkFrequencies, enterprises, routingRules, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import {
  DEFAULT_FREQUENCIES,
  FULL_COVERAGE_SECTORS,
  KEY_ACTIVITIES,
  KEY_ACTIVITY_CODES,
  RISK_CLASSES,
  RISK_REASONS,
  type Frequencies,
  type KeyActivity,
  type RiskClass,
} from "../../domain/enforcement.js";
import { supervisingUnit } from "../../domain/routing/decide.js";
import type { SectorCode } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { inPrefix, jurisdictionPrefix, requireManager, unitVisible, withinPrefix } from "../manage/manage-scope.js";
import { routingSnapshot } from "../routing/routing-cache.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";
import { withTransaction } from "../with-transaction.js";

export interface SupervisedRow {
  id: number;
  creditCode: string | null;
  name: string;
  sectorCode: string;
  jurisdictionCode: string;
  riskClass: RiskClass;
  riskReasons: string[];
  blacklisted: boolean;
  keyActivity: string | null;
}

/**
 * The enterprises a unit supervises (一企一级): those in the sectors and jurisdiction subtrees its routing rules
 * name (one set-based query), kept where the router's own walk (supervisingUnit) lands on this unit.
 */
export async function supervisedEnterprises(deps: Pick<Deps, "db" | "database">, unitId: number): Promise<SupervisedRow[]> {
  const snapshot = await routingSnapshot(deps);
  const rules = await deps.db
    .select({ sector: routingRules.sectorCode, code: routingRules.jurisdictionCode })
    .from(routingRules)
    .where(eq(routingRules.unitId, unitId));
  if (rules.length === 0) return [];
  const rows = await deps.db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      sectorCode: enterprises.sectorCode,
      jurisdictionCode: enterprises.jurisdictionCode,
      supervisingLevel: enterprises.supervisingLevel,
      riskClass: enterprises.riskClass,
      riskReasons: enterprises.riskReasons,
      blacklisted: enterprises.blacklisted,
      keyActivity: enterprises.keyActivity,
    })
    .from(enterprises)
    .where(or(...rules.map((r) => and(eq(enterprises.sectorCode, r.sector), like(enterprises.jurisdictionCode, `${subtreePrefix(r.code)}%`)))))
    .orderBy(asc(enterprises.id));
  return rows
    .filter((e) => supervisingUnit(snapshot, { ...e, sectorCode: e.sectorCode as SectorCode })?.id === unitId)
    .map(({ supervisingLevel: _, ...e }) => e);
}

/**
 * The enterprises of many units at once: one read of the enterprises in the sectors their rules name, each
 * assigned by the router's walk, kept when it lands on one of the units. Grouped by unit, in id order.
 */
export async function supervisedByUnits(deps: Pick<Deps, "db" | "database">, unitIds: number[]): Promise<Map<number, SupervisedRow[]>> {
  const out = new Map<number, SupervisedRow[]>();
  if (unitIds.length === 0) return out;
  const snapshot = await routingSnapshot(deps);
  const wanted = new Set(unitIds);
  const rules = await deps.db.select({ sector: routingRules.sectorCode, unitId: routingRules.unitId }).from(routingRules);
  const sectors = [...new Set(rules.filter((r) => wanted.has(r.unitId)).map((r) => r.sector))];
  if (sectors.length === 0) return out;
  const rows = await deps.db
    .select({
      id: enterprises.id,
      creditCode: enterprises.creditCode,
      name: enterprises.name,
      sectorCode: enterprises.sectorCode,
      jurisdictionCode: enterprises.jurisdictionCode,
      supervisingLevel: enterprises.supervisingLevel,
      riskClass: enterprises.riskClass,
      riskReasons: enterprises.riskReasons,
      blacklisted: enterprises.blacklisted,
      keyActivity: enterprises.keyActivity,
    })
    .from(enterprises)
    .where(inArray(enterprises.sectorCode, sectors))
    .orderBy(asc(enterprises.id));
  for (const { supervisingLevel, ...e } of rows) {
    const unit = supervisingUnit(snapshot, { sectorCode: e.sectorCode as SectorCode, jurisdictionCode: e.jurisdictionCode, supervisingLevel });
    if (!unit || !wanted.has(unit.id)) continue;
    const list = out.get(unit.id);
    if (list) list.push(e);
    else out.set(unit.id, [e]);
  }
  return out;
}

/** The configured checks per year, over the defaults. */
export async function loadFrequencies(db: DbOrTx): Promise<Frequencies> {
  const rows = await db.select().from(checkFrequencies);
  const f: Frequencies = { byClass: { ...DEFAULT_FREQUENCIES.byClass }, bySector: { ...DEFAULT_FREQUENCIES.bySector } };
  for (const r of rows) {
    if (r.scope === "class" && (RISK_CLASSES as readonly string[]).includes(r.key)) f.byClass[r.key as RiskClass] = r.perYear;
    else if (r.scope === "sector") f.bySector[r.key] = r.perYear;
  }
  return f;
}

export const FREQUENCY_KEYS = { class: [...RISK_CLASSES] as string[], sector: [...FULL_COVERAGE_SECTORS, ...KEY_ACTIVITY_CODES] as string[] };

export const setFrequencyInput = z.object({
  scope: z.enum(["class", "sector"]),
  key: z.string().trim().min(1).max(40),
  perYear: z.coerce.number().int().min(0).max(12),
});

/** Committee and admin staff set one frequency; a full-coverage sector keeps at least 1. Audited. */
export async function setFrequency(deps: Deps, actor: StaffActor, raw: z.input<typeof setFrequencyInput>): Promise<void> {
  requireManager(actor);
  const parsed = setFrequencyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid frequency", ["perYear"]);
  const { scope, key, perYear } = parsed.data;
  if (!FREQUENCY_KEYS[scope].includes(key) && !(scope === "sector" && /^[a-z_]{2,40}$/.test(key))) throw new AppError("invalid_input", "unknown key", ["key"]);
  if (scope === "sector" && FREQUENCY_KEYS.sector.includes(key) && perYear < 1)
    throw new AppError("invalid_input", "a full-coverage sector is checked at least once a year", ["perYear"]);
  const now = deps.clock();
  await withTransaction(deps, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(checkFrequencies)
      .where(and(eq(checkFrequencies.scope, scope), eq(checkFrequencies.key, key)));
    await tx.db
      .insert(checkFrequencies)
      .values({ scope, key, perYear, updatedBy: actorLabel(actor), updatedAt: now })
      .onConflictDoUpdate({ target: [checkFrequencies.scope, checkFrequencies.key], set: { perYear, updatedBy: actorLabel(actor), updatedAt: now } });
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "frequency.set",
        entity: "check_frequency",
        entityId: `${scope}:${key}`,
        before: before?.perYear ?? null,
        after: perYear,
      },
      now,
    );
  });
}

/** A unit the actor may plan and draw for: admins, committee staff over its jurisdiction, the unit's own staff. */
export async function plannableUnit(
  deps: Pick<Deps, "db">,
  actor: StaffActor,
  unitId: number,
): Promise<{ id: number; name: string; nameEn: string | null; jurisdictionCode: string }> {
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const [unit] = await deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, jurisdictionCode: units.jurisdictionCode })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit || !unitVisible(actor, unit, prefix)) throw new AppError("not_found", "no such unit");
  return unit;
}

/** Units the actor may plan and draw for that supervise anything (they have a routing rule), in jurisdiction order. */
export async function plannableUnits(
  deps: Pick<Deps, "db">,
  actor: StaffActor,
): Promise<{ id: number; name: string; nameEn: string | null; jurisdictionCode: string }[]> {
  if (actor.role === "viewer") return [];
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const own = actor.role === "unit" ? eq(units.id, actor.unitId ?? 0) : withinPrefix(units.jurisdictionCode, prefix);
  return deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, jurisdictionCode: units.jurisdictionCode })
    .from(units)
    .where(and(eq(units.active, true), own, exists(deps.db.select({ one: sql`1` }).from(routingRules).where(eq(routingRules.unitId, units.id)))))
    .orderBy(asc(units.jurisdictionCode), asc(units.id))
    .limit(2000);
}

/** The configured frequencies as rows for the admin page. */
export async function frequencyRows(deps: Pick<Deps, "db">): Promise<{ scope: "class" | "sector"; key: string; perYear: number }[]> {
  const f = await loadFrequencies(deps.db);
  return [
    ...RISK_CLASSES.map((k) => ({ scope: "class" as const, key: k, perYear: f.byClass[k] })),
    ...Object.entries(f.bySector).map(([key, perYear]) => ({ scope: "sector" as const, key, perYear })),
  ];
}

/** The configured checks per year (for pages that show an enterprise's frequency). */
export function currentFrequencies(deps: Pick<Deps, "db">): Promise<Frequencies> {
  return loadFrequencies(deps.db);
}

export const setSupervisionInput = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  riskReasons: z.array(z.enum(RISK_REASONS)).max(RISK_REASONS.length),
  keyActivity: z.enum(KEY_ACTIVITY_CODES as [KeyActivity, ...KeyActivity[]]).optional(),
});

/**
 * Committee and admin staff record why an enterprise is in its class (reasons) and its full-coverage activity
 * (one that belongs to its sector: 有限空间/金属冶炼 in 工贸, 两客一危/校车 in 交通). "blacklist" follows the
 * blacklist flag and is not stored. Audited with before and after.
 */
export async function setSupervision(deps: Deps, actor: StaffActor, raw: z.input<typeof setSupervisionInput>): Promise<void> {
  requireManager(actor);
  const parsed = setSupervisionInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid supervision",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const { id, keyActivity } = parsed.data;
  const riskReasons = [...new Set(parsed.data.riskReasons.filter((r) => r !== "blacklist"))];
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  await withTransaction(deps, async (tx) => {
    const [before] = await tx.db.select().from(enterprises).where(eq(enterprises.id, id)).for("update");
    if (!before || !inPrefix(before.jurisdictionCode, prefix)) throw new AppError("not_found", "no such enterprise");
    if (keyActivity && KEY_ACTIVITIES[keyActivity] !== before.sectorCode)
      throw new AppError("invalid_input", "this activity belongs to another sector", ["keyActivity"]);
    await tx.db
      .update(enterprises)
      .set({ riskReasons, keyActivity: keyActivity ?? null, updatedAt: now })
      .where(eq(enterprises.id, id));
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "enterprise.supervision",
        entity: "enterprise",
        entityId: id,
        before: { riskReasons: before.riskReasons, keyActivity: before.keyActivity },
        after: { riskReasons, keyActivity: keyActivity ?? null },
      },
      now,
    );
  });
}
