import { and, eq } from "drizzle-orm";
import { jurisdictions, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";

/**
 * Who is told when a unit lets a deadline slip: the 安委办 (committee) one tier up — of the parent
 * jurisdiction of the unit's own, walking further up where a level has no active committee. A township
 * government escalates to its county's 安委办, a county department or committee to the city's.
 */
export async function supervisorUnitOf(tx: DbOrTx, unitId: number): Promise<{ id: number; name: string; nameEn: string | null } | null> {
  const [unit] = await tx.select({ jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, unitId));
  if (!unit) return null;
  return committeeFrom(tx, await parentOf(tx, unit.jurisdictionCode));
}

/**
 * The active 安委办 (committee) of this jurisdiction, or of the nearest one above that has one — e.g.
 * the committee reviewing an objection, at the tier given by reviewJurisdiction.
 */
export async function committeeFrom(tx: DbOrTx, start: string | null): Promise<{ id: number; name: string; nameEn: string | null } | null> {
  let code = start;
  for (let hops = 0; code && hops < 6; hops++) {
    const [committee] = await tx
      .select({ id: units.id, name: units.name, nameEn: units.nameEn })
      .from(units)
      .where(and(eq(units.jurisdictionCode, code), eq(units.kind, "committee"), eq(units.active, true)))
      .limit(1);
    if (committee) return committee;
    code = await parentOf(tx, code);
  }
  return null;
}

async function parentOf(tx: DbOrTx, code: string): Promise<string | null> {
  const [j] = await tx.select({ parentCode: jurisdictions.parentCode }).from(jurisdictions).where(eq(jurisdictions.code, code));
  return j?.parentCode ?? null;
}
