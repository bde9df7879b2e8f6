import { like, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { eq } from "drizzle-orm";
import { units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { AppError } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";

/**
 * The jurisdiction subtree a person manages or reads: admins everything, committee staff their
 * jurisdiction's subtree, unit staff (and unit-bound viewers) their own unit's jurisdiction. Null
 * means "no limit"; an empty string matches nothing.
 */
export async function jurisdictionPrefix(db: DbOrTx, actor: StaffActor): Promise<string | null> {
  if (actor.role === "admin") return null;
  if (actor.unitId && (actor.role === "unit" || actor.role === "viewer")) {
    const [u] = await db.select({ code: units.jurisdictionCode }).from(units).where(eq(units.id, actor.unitId));
    return u ? subtreePrefix(u.code) : "";
  }
  return actor.jurisdictionCode ? subtreePrefix(actor.jurisdictionCode) : "";
}

export function withinPrefix(column: AnyPgColumn, prefix: string | null): SQL {
  if (prefix === null) return sql`true`;
  if (prefix === "") return sql`false`;
  return like(column, `${prefix}%`);
}

export function inPrefix(code: string, prefix: string | null): boolean {
  return prefix === null || (prefix !== "" && code.startsWith(prefix));
}

/** Committee staff (for their subtree) and admins change management data; everyone else reads at most. */
export function requireManager(actor: StaffActor): void {
  if (actor.role !== "admin" && actor.role !== "committee") throw new AppError("forbidden", "committee or admin role required");
}

/** Units a person may see: unit staff only their own unit, committee its subtree, admins all. */
export function unitVisible(actor: StaffActor, unit: { id: number; jurisdictionCode: string }, prefix: string | null): boolean {
  if (actor.role === "unit" || (actor.role === "viewer" && actor.unitId)) return unit.id === actor.unitId;
  return inPrefix(unit.jurisdictionCode, prefix);
}
