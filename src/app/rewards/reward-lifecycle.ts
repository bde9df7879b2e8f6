import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tipRewards } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";

export type RewardRow = typeof tipRewards.$inferSelect;
export type RewardStatus = RewardRow["status"];

/** The identity a reporter chose to show when claiming: every field optional except where the rules need a real name. */
export interface ClaimIdentity {
  name: string | null;
  idNumber: string | null;
  account: string | null;
}

/**
 * Mark one reward lapsed: its claim period ended with no claim. A public event tells the reporter,
 * an audit row records it. `actor` is "system" for the job, "reporter" when a late claim found it.
 */
export async function lapseReward(tx: DbOrTx, row: RewardRow, now: Date, actor: string): Promise<void> {
  await tx
    .update(tipRewards)
    .set({ status: "lapsed", lapsedAt: now, updatedAt: now })
    .where(and(eq(tipRewards.tipId, row.tipId), eq(tipRewards.status, "awaiting_claim")));
  await tx
    .insert(tipEvents)
    .values({ tipId: row.tipId, kind: "reward_lapsed", actor, data: { claimDueAt: row.claimDueAt.toISOString() }, public: true, at: now });
  await appendAudit(
    tx,
    {
      actor,
      action: "tip.reward_lapsed",
      entity: "tip",
      entityId: row.tipId,
      before: { reward: "awaiting_claim" },
      after: { reward: "lapsed", claimDueAt: row.claimDueAt.toISOString() },
    },
    now,
  );
}

/**
 * The job: every reward whose claim period has ended unclaimed is marked lapsed (each in its own
 * transaction, the row locked and re-checked, so replicas running the job at once lapse it once).
 */
export async function lapseOverdueRewards(deps: Pick<Deps, "db" | "clock">): Promise<{ lapsed: number }> {
  const now = deps.clock();
  const due = await deps.db
    .select({ tipId: tipRewards.tipId })
    .from(tipRewards)
    .where(and(eq(tipRewards.status, "awaiting_claim"), lt(tipRewards.claimDueAt, now)));
  let lapsed = 0;
  for (const { tipId } of due) {
    const done = await deps.db.transaction(async (tx) => {
      const [row] = await tx.select().from(tipRewards).where(eq(tipRewards.tipId, tipId)).for("update");
      if (row?.status !== "awaiting_claim" || row.claimDueAt >= now) return false;
      await lapseReward(tx, row, now, "system");
      return true;
    });
    if (done) lapsed++;
  }
  return { lapsed };
}
