import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { inspectors, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, unitVisible } from "../manage/manage-scope.js";
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
