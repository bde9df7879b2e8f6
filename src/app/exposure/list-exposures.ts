import { desc, eq } from "drizzle-orm";
import { exposures, jurisdictions } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { jurisdictionPrefix, withinPrefix } from "../manage/manage-scope.js";

export type ExposureRow = typeof exposures.$inferSelect & { placeName: string };

/** The 曝光台 entries in the person's scope (drafts first to catch the approver's eye), newest first, 200 at most. */
export async function listExposures(deps: Pick<Deps, "db">, actor: StaffActor): Promise<ExposureRow[]> {
  const scope = withinPrefix(exposures.jurisdictionCode, await jurisdictionPrefix(deps.db, actor));
  const found = await deps.db
    .select({ e: exposures, placeName: jurisdictions.fullName })
    .from(exposures)
    .innerJoin(jurisdictions, eq(jurisdictions.code, exposures.jurisdictionCode))
    .where(scope)
    .orderBy(desc(exposures.id))
    .limit(200);
  const rank = { draft: 0, published: 1, withdrawn: 2 } as const;
  return found.map(({ e, placeName }) => ({ ...e, placeName })).sort((a, b) => rank[a.status] - rank[b.status] || b.id - a.id);
}
