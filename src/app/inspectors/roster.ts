import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { enterprises, inspectorConflicts, inspectors, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { resolveEnterpriseRef } from "../enterprises/enterprise-ref.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, unitVisible, withinPrefix } from "../manage/manage-scope.js";
import { isUniqueViolation } from "../../db/errors.js";

export type InspectorRow = typeof inspectors.$inferSelect;

export const addInspectorInput = z.object({
  unitId: z.coerce.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(1).max(60),
  certificateNo: z.string().trim().min(1).max(40),
  certifiedUntil: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** A certificate counts on `day` (YYYY-MM-DD) when the officer is active and the certificate has not lapsed. */
export function certifiedOn(row: Pick<InspectorRow, "active" | "certifiedUntil">, day: string): boolean {
  return row.active && (row.certifiedUntil === null || row.certifiedUntil >= day);
}

/** The unit's roster, in name order; `certifiedOnDay` keeps only officers whose certificate counts that day. */
export async function listInspectors(db: DbOrTx, unitId: number, opts: { certifiedOnDay?: string } = {}): Promise<InspectorRow[]> {
  const rows = await db.select().from(inspectors).where(eq(inspectors.unitId, unitId)).orderBy(asc(inspectors.name), asc(inspectors.id));
  return opts.certifiedOnDay ? rows.filter((r) => certifiedOn(r, opts.certifiedOnDay as string)) : rows;
}

/** Officers by id, for checking the names on an inspection record or a draw. */
export async function inspectorsByIds(db: DbOrTx, ids: readonly number[]): Promise<InspectorRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(inspectors)
    .where(inArray(inspectors.id, [...ids]));
}

/**
 * Committee staff (their subtree), admins, and a unit's own staff add an officer to that unit's roster.
 * The certificate number is unique within the unit; the addition is audited in the same transaction.
 */
export async function addInspector(deps: Deps, actor: StaffActor, raw: z.input<typeof addInspectorInput>): Promise<InspectorRow> {
  const parsed = addInspectorInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid inspector",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const input = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  try {
    return await withTransaction(deps, async (tx) => {
      const [unit] = await tx.db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, input.unitId));
      if (!unit || !unitVisible(actor, unit, prefix)) throw new AppError("not_found", "no such unit");
      const [row] = await tx.db
        .insert(inspectors)
        .values({ unitId: unit.id, name: input.name, certificateNo: input.certificateNo, certifiedUntil: input.certifiedUntil ?? null })
        .returning();
      await appendAudit(tx.db, {
        actor: actorLabel(actor),
        action: "inspector.add",
        entity: "inspector",
        entityId: row.id,
        after: { unitId: row.unitId, name: row.name, certificateNo: row.certificateNo, certifiedUntil: row.certifiedUntil },
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "this certificate number is already on the unit's roster");
    throw err;
  }
}

/** Active officers of a unit whose ids are all given; used to check that a record names the unit's own people. */
export async function unitInspectors(db: DbOrTx, unitId: number, ids: readonly number[]): Promise<InspectorRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(inspectors)
    .where(and(eq(inspectors.unitId, unitId), inArray(inspectors.id, [...ids])));
}

/** Units whose roster the person may read: unit staff and unit viewers their own, committee its subtree, admins all. */
export async function rosterUnits(
  deps: Pick<Deps, "db">,
  actor: StaffActor,
): Promise<{ id: number; name: string; nameEn: string | null; jurisdictionCode: string }[]> {
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const own =
    actor.role === "unit" || (actor.role === "viewer" && actor.unitId) ? eq(units.id, actor.unitId ?? 0) : withinPrefix(units.jurisdictionCode, prefix);
  return deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, jurisdictionCode: units.jurisdictionCode })
    .from(units)
    .where(and(eq(units.active, true), own))
    .orderBy(asc(units.jurisdictionCode), asc(units.id))
    .limit(2000);
}

export interface ConflictRow {
  inspectorId: number;
  enterpriseId: number;
  enterpriseName: string;
  reason: string;
}

/** A unit's roster and its recorded conflicts (回避), if the unit is within the reader's scope; otherwise not_found. */
export async function readRoster(
  deps: Pick<Deps, "db">,
  actor: StaffActor,
  unitIdRaw: unknown,
): Promise<{ inspectors: InspectorRow[]; conflicts: ConflictRow[] }> {
  const unitId = z.coerce.number().int().positive().max(2_147_483_647).safeParse(unitIdRaw);
  if (!unitId.success) throw new AppError("not_found", "no such unit");
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const [unit] = await deps.db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, unitId.data));
  if (!unit || !unitVisible(actor, unit, prefix)) throw new AppError("not_found", "no such unit");
  const rows = await listInspectors(deps.db, unit.id);
  const conflicts =
    rows.length === 0
      ? []
      : await deps.db
          .select({
            inspectorId: inspectorConflicts.inspectorId,
            enterpriseId: inspectorConflicts.enterpriseId,
            enterpriseName: enterprises.name,
            reason: inspectorConflicts.reason,
          })
          .from(inspectorConflicts)
          .innerJoin(enterprises, eq(enterprises.id, inspectorConflicts.enterpriseId))
          .where(
            inArray(
              inspectorConflicts.inspectorId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(inspectorConflicts.inspectorId), asc(inspectorConflicts.enterpriseId));
  return { inspectors: rows, conflicts };
}

/** The officer, locked, if the actor may change that unit's roster; not_found otherwise (no hint it exists). */
async function writableInspector(db: DbOrTx, actor: StaffActor, idRaw: unknown): Promise<InspectorRow> {
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const id = z.coerce.number().int().positive().max(2_147_483_647).safeParse(idRaw);
  if (!id.success) throw new AppError("not_found", "no such inspector");
  const [row] = await db.select().from(inspectors).where(eq(inspectors.id, id.data)).for("update");
  if (!row) throw new AppError("not_found", "no such inspector");
  const prefix = await jurisdictionPrefix(db, actor);
  const [unit] = await db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, row.unitId));
  if (!unit || !unitVisible(actor, unit, prefix)) throw new AppError("not_found", "no such inspector");
  return row;
}

export const deactivateInspectorInput = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), reason: z.string().trim().min(1).max(500) });

/** Takes an officer off the active roster (kept for history: records and draws still name them). Audited. */
export async function deactivateInspector(deps: Deps, actor: StaffActor, raw: z.input<typeof deactivateInspectorInput>): Promise<InspectorRow> {
  const parsed = deactivateInspectorInput.safeParse(raw);
  return withTransaction(deps, async (tx) => {
    const before = await writableInspector(tx.db, actor, raw.id);
    if (!parsed.success) throw new AppError("invalid_input", "a reason is required", ["reason"]);
    if (!before.active) throw new AppError("conflict", "the officer is already inactive");
    const [row] = await tx.db.update(inspectors).set({ active: false }).where(eq(inspectors.id, before.id)).returning();
    await appendAudit(tx.db, {
      actor: actorLabel(actor),
      action: "inspector.deactivate",
      entity: "inspector",
      entityId: row.id,
      before: { active: true },
      after: { active: false },
      reason: parsed.data.reason,
    });
    return row;
  });
}

export const recordConflictInput = z.object({
  inspectorId: z.coerce.number().int().positive().max(2_147_483_647),
  /** The enterprise's credit code, name (exact, or a part only one has) or number: see resolveEnterpriseRef. */
  enterpriseId: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).transform(String),
  reason: z.string().trim().min(1).max(500),
});

/**
 * Records that an officer must not inspect an enterprise (回避: kin, former employer …); draws then skip the pair.
 * The enterprise must be within the actor's scope. Audited; recording the same pair twice is a conflict.
 */
export async function recordConflict(deps: Deps, actor: StaffActor, raw: z.input<typeof recordConflictInput>): Promise<ConflictRow> {
  const parsed = recordConflictInput.safeParse(raw);
  try {
    return await withTransaction(deps, async (tx) => {
      const officer = await writableInspector(tx.db, actor, raw.inspectorId);
      if (!parsed.success)
        throw new AppError(
          "invalid_input",
          "invalid conflict",
          parsed.error.issues.map((i) => i.path.join(".")),
        );
      const prefix = await jurisdictionPrefix(tx.db, actor);
      const ent = await resolveEnterpriseRef(tx.db, prefix, parsed.data.enterpriseId);
      await tx.db.insert(inspectorConflicts).values({ inspectorId: officer.id, enterpriseId: ent.id, reason: parsed.data.reason });
      await appendAudit(tx.db, {
        actor: actorLabel(actor),
        action: "inspector.conflict",
        entity: "inspector",
        entityId: officer.id,
        after: { enterpriseId: ent.id, reason: parsed.data.reason },
      });
      return { inspectorId: officer.id, enterpriseId: ent.id, enterpriseName: ent.name, reason: parsed.data.reason };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "this conflict is already recorded");
    throw err;
  }
}
