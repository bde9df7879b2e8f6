import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { liaisons, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";
import { findUnit } from "../liaisons/unit-ref.js";
import { jurisdictionPrefix, unitVisible, withinPrefix } from "./manage-scope.js";

export const listUnitsInput = z.object({
  jurisdiction: z
    .string()
    .regex(/^\d{2,9}$/)
    .optional(),
});

export interface UnitRow {
  id: number;
  key: string;
  name: string;
  nameEn: string | null;
  kind: string;
  jurisdictionCode: string;
  active: boolean;
  liaisons: number;
}

/** Units in the person's scope with their active liaison counts, optionally narrowed to one jurisdiction subtree. */
export async function listUnits(deps: Deps, actor: StaffActor, raw: z.input<typeof listUnitsInput>): Promise<UnitRow[]> {
  const parsed = listUnitsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "jurisdiction must be a division code");
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const own =
    actor.role === "unit" || (actor.role === "viewer" && actor.unitId) ? eq(units.id, actor.unitId ?? -1) : withinPrefix(units.jurisdictionCode, prefix);
  const filter = parsed.data.jurisdiction ? withinPrefix(units.jurisdictionCode, subtreePrefix(parsed.data.jurisdiction)) : sql`true`;
  const found = await deps.db
    .select({
      id: units.id,
      key: units.key,
      name: units.name,
      nameEn: units.nameEn,
      kind: units.kind,
      jurisdictionCode: units.jurisdictionCode,
      active: units.active,
      // Written out with an alias: in a one-table select drizzle leaves columns unqualified, and
      // "unit_id" = "id" inside the subquery would compare the liaison's own columns.
      liaisons: sql<number>`(select count(*)::int from ${liaisons} l where l.unit_id = ${sql.raw('"units"."id"')} and l.active)`,
    })
    .from(units)
    .where(and(own, filter))
    .orderBy(asc(units.jurisdictionCode), asc(units.id))
    .limit(500);
  return found.map((u) => ({ ...u, liaisons: Number(u.liaisons) }));
}

/** One unit the person may see, or not_found (never forbidden: ids reveal nothing). */
export async function getVisibleUnit(deps: Deps, actor: StaffActor, ref: string) {
  if (!/^\d{1,9}$/.test(ref)) throw new AppError("not_found", "no such unit");
  const unit = await findUnit(deps.db, ref);
  if (!unitVisible(actor, unit, await jurisdictionPrefix(deps.db, actor))) throw new AppError("not_found", "no such unit");
  return unit;
}
