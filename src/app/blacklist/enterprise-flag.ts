import { and, eq, inArray } from "drizzle-orm";
import { blacklistEntries, enterprises } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";

export const ACTIVE_LISTING = ["listed", "removal_requested"] as const;

/** The enterprise's listings still in force (a removal only requested is still in force). */
export async function activeListings(tx: DbOrTx, enterpriseId: number) {
  return tx
    .select()
    .from(blacklistEntries)
    .where(and(eq(blacklistEntries.enterpriseId, enterpriseId), inArray(blacklistEntries.status, [...ACTIVE_LISTING])));
}

/**
 * Listed: blacklisted, since the first listing in force, and 重点 (risk class poor) so plans check it more.
 * Called inside the caller's transaction after a listing starts.
 */
export async function markListed(tx: DbOrTx, enterpriseId: number, now: Date): Promise<void> {
  const [e] = await tx.select({ blacklisted: enterprises.blacklisted }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  await tx
    .update(enterprises)
    .set({ blacklisted: true, riskClass: "poor", updatedAt: now, ...(e?.blacklisted ? {} : { blacklistedAt: now }) })
    .where(eq(enterprises.id, enterpriseId));
}

/**
 * After a removal: while another listing is in force nothing changes. Otherwise the flag is cleared and the
 * risk class goes back to what it was before the listing — but only if it is still the poor the listing set:
 * someone who changed it by hand since had another reason, and that reason holds. Returns what was done, for
 * the audit row.
 */
export async function unmarkIfLast(
  tx: DbOrTx,
  enterpriseId: number,
  priorRiskClass: "good" | "average" | "poor",
  now: Date,
): Promise<{ stillListed: boolean; riskClass: "restored" | "kept"; to: string }> {
  const [e] = await tx.select({ riskClass: enterprises.riskClass }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  if ((await activeListings(tx, enterpriseId)).length) return { stillListed: true, riskClass: "kept", to: e.riskClass };
  const restore = e.riskClass === "poor";
  await tx
    .update(enterprises)
    .set({ blacklisted: false, blacklistedAt: null, updatedAt: now, ...(restore ? { riskClass: priorRiskClass } : {}) })
    .where(eq(enterprises.id, enterpriseId));
  return { stillListed: false, riskClass: restore ? "restored" : "kept", to: restore ? priorRiskClass : e.riskClass };
}
