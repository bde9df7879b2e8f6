import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tips } from "../../db/schema.js";

/** Merges form a small tree; a bound keeps a corrupt cycle from looping forever. */
const MAX_DEPTH = 50;

export interface MergeGroup {
  /** The tip that is handled: the one every other tip of the matter was (transitively) merged into. */
  rootId: number;
  /** Every tip of the matter, the root included. */
  ids: number[];
}

/**
 * All tips about one matter: follow merged_into up to the handled tip, then collect everything merged
 * into it (directly or through an intermediate duplicate). The root row is locked, so two reward
 * decisions on tips of one matter are serialised (each locks its own tip first, then the root).
 */
export async function lockMergeGroup(tx: DbOrTx, tipId: number): Promise<MergeGroup> {
  let rootId = tipId;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const [row] = await tx.select({ mergedInto: tips.mergedInto }).from(tips).where(eq(tips.id, rootId));
    if (!row?.mergedInto || row.mergedInto === rootId) break;
    rootId = row.mergedInto;
  }
  await tx.select({ id: tips.id }).from(tips).where(eq(tips.id, rootId)).for("update");
  const ids = new Set([rootId]);
  let frontier = [rootId];
  for (let i = 0; i < MAX_DEPTH && frontier.length; i++) {
    const children = await tx.select({ id: tips.id }).from(tips).where(inArray(tips.mergedInto, frontier));
    frontier = children.map((c) => c.id).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  return { rootId, ids: [...ids] };
}

/** Tips among `ids` whose latest reward decision pays something (a later 0 decision withdraws it). */
export async function rewardedTips(tx: DbOrTx, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const events = await tx
    .select({ tipId: tipEvents.tipId, data: tipEvents.data })
    .from(tipEvents)
    .where(and(inArray(tipEvents.tipId, ids), eq(tipEvents.kind, "reward")))
    .orderBy(tipEvents.id);
  const latest = new Map<number, number>();
  for (const e of events) latest.set(e.tipId, Number((e.data as { amountYuan?: number } | null)?.amountYuan ?? 0));
  return [...latest].filter(([, amount]) => amount > 0).map(([id]) => id);
}
