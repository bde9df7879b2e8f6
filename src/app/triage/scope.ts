import { and, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { jurisdictions, tips, units, type Tip } from "../../db/schema.js";
import { AppError } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";

/**
 * GB/T 2260 codes are hierarchical by prefix: 45 (province) → 4501 (city) → 450102 (county) →
 * 450102001 (township). The subtree of a jurisdiction is every code starting with its significant part.
 */
export function subtreePrefix(code: string): string {
  if (code.length > 6) return code;
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/** The jurisdiction codes in a subtree (at most ~1,500 rows for a province): an IN list the tips index can use. */
export async function subtreeCodes(db: DbOrTx, code: string): Promise<string[]> {
  const rows = await db
    .select({ code: jurisdictions.code })
    .from(jurisdictions)
    .where(like(jurisdictions.code, `${subtreePrefix(code)}%`));
  return rows.map((r) => r.code);
}

/**
 * Which tips this person may see: committee staff their jurisdiction's subtree, unit staff the tips
 * routed to their unit, viewers whichever scope they were given, admins everything. A record outside
 * the scope is "not found", never "forbidden", so ids reveal nothing.
 */
export async function visibleTips(db: DbOrTx, actor: StaffActor): Promise<SQL> {
  if (actor.role === "admin") return sql`true`;
  if (actor.role === "unit" || (actor.role === "viewer" && actor.unitId)) {
    return actor.unitId ? eq(tips.unitId, actor.unitId) : sql`false`;
  }
  if (!actor.jurisdictionCode) return sql`false`;
  const codes = await subtreeCodes(db, actor.jurisdictionCode);
  return codes.length ? inArray(tips.jurisdictionCode, codes) : sql`false`;
}

export function isCommittee(actor: StaffActor): boolean {
  return actor.role === "committee" || actor.role === "admin";
}

export function requireWriter(actor: StaffActor): void {
  if (actor.role === "viewer") throw new AppError("forbidden", "viewers are read-only");
}

/** Lock one visible tip for update inside the caller's transaction, or 404. */
export async function lockVisibleTip(tx: DbOrTx, actor: StaffActor, tipId: number) {
  const scope = await visibleTips(tx, actor);
  const [tip] = await tx
    .select()
    .from(tips)
    .where(and(eq(tips.id, tipId), scope))
    .for("update");
  if (!tip) throw new AppError("not_found", "tip not found");
  return tip;
}

/**
 * The review (复核) of an objection belongs to the committee one tier up: the parent of the tip's
 * jurisdiction (the handling unit's, for a tip without a place). A province-level tip has no tier above
 * in our data; its own committee reviews it.
 */
export async function reviewJurisdiction(tx: DbOrTx, tip: Pick<Tip, "jurisdictionCode" | "unitId">): Promise<string | null> {
  let code = tip.jurisdictionCode;
  if (!code) {
    const [unit] = await tx.select({ code: units.jurisdictionCode }).from(units).where(eq(units.id, tip.unitId));
    code = unit?.code ?? null;
  }
  if (!code) return null;
  const [row] = await tx.select({ parent: jurisdictions.parentCode }).from(jurisdictions).where(eq(jurisdictions.code, code));
  return row?.parent ?? code;
}

/** Admins, and committee staff whose jurisdiction covers the reviewing tier: anyone else is refused. */
export function coversJurisdiction(actor: StaffActor, code: string | null): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "committee" || !actor.jurisdictionCode || !code) return false;
  return code.startsWith(subtreePrefix(actor.jurisdictionCode));
}

export async function requireReviewer(tx: DbOrTx, actor: StaffActor, tip: Pick<Tip, "jurisdictionCode" | "unitId">): Promise<void> {
  if (!coversJurisdiction(actor, await reviewJurisdiction(tx, tip))) throw new AppError("forbidden", "the review belongs to the committee one tier up");
}
