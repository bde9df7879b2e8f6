import { and, asc, eq, like, sql } from "drizzle-orm";
import { jurisdictions, units } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";
import { inPrefix, jurisdictionPrefix } from "./manage-scope.js";

export interface UnitlessPlace {
  code: string;
  name: string;
}

/**
 * Township-level places under a jurisdiction that have no active unit: 监狱, 农场 and 开发区 entries of
 * the division list are not governments, so nothing is invented for them; the units page lists them
 * as "no unit" (a unit they really have can be created there). Only inside the person's scope.
 */
export async function listUnitlessPlaces(deps: Deps, actor: StaffActor, jurisdiction: string): Promise<UnitlessPlace[]> {
  if (!/^\d{4}(?!00)\d{2}$/.test(jurisdiction) || actor.role === "unit" || (actor.role === "viewer" && actor.unitId)) return [];
  if (!inPrefix(jurisdiction, await jurisdictionPrefix(deps.db, actor))) return [];
  return deps.db
    .select({ code: jurisdictions.code, name: jurisdictions.name })
    .from(jurisdictions)
    .where(
      and(
        eq(jurisdictions.level, "township"),
        like(jurisdictions.code, `${subtreePrefix(jurisdiction)}%`),
        sql`not exists (select 1 from ${units} u where u.jurisdiction_code = ${jurisdictions.code} and u.active)`,
      ),
    )
    .orderBy(asc(jurisdictions.code))
    .limit(500);
}
