import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import { blacklistEntries, enterprises } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, withinPrefix } from "../manage/manage-scope.js";

export type ListingRow = typeof blacklistEntries.$inferSelect & { enterpriseName: string; creditCode: string | null; jurisdictionCode: string };

/** Listings in the person's scope: those in force first (removal requests at the top), then ended ones; or one enterprise's. */
export async function listListings(deps: Pick<Deps, "db">, actor: StaffActor, opts: { enterpriseId?: number; limit?: number } = {}): Promise<ListingRow[]> {
  const where: SQL[] = [withinPrefix(enterprises.jurisdictionCode, await jurisdictionPrefix(deps.db, actor))];
  if (opts.enterpriseId) where.push(eq(blacklistEntries.enterpriseId, opts.enterpriseId));
  const found = await deps.db
    .select({ b: blacklistEntries, enterpriseName: enterprises.name, creditCode: enterprises.creditCode, jurisdictionCode: enterprises.jurisdictionCode })
    .from(blacklistEntries)
    .innerJoin(enterprises, eq(enterprises.id, blacklistEntries.enterpriseId))
    .where(and(...where))
    .orderBy(desc(blacklistEntries.startsOn), desc(blacklistEntries.id))
    .limit(opts.limit ?? 1000);
  const rank = { removal_requested: 0, listed: 1, removed: 2 } as const;
  return found.map(({ b, ...rest }) => ({ ...b, ...rest })).sort((a, b) => rank[a.status] - rank[b.status]);
}

/** Which of these enterprises are listed now: the tip queue and the tip page flag a tip naming one. */
export async function listedEnterpriseIds(deps: Pick<Deps, "db">, ids: readonly (number | null)[]): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Set();
  const found = await deps.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(inArray(enterprises.id, wanted), eq(enterprises.blacklisted, true)))
    .orderBy(asc(enterprises.id));
  return new Set(found.map((r) => r.id));
}
