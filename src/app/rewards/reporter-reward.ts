import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipRewards } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import type { RewardStatus } from "./reward-lifecycle.js";

/** A tip's reward as its own reporter sees it (and nobody else: it is read by the tip's id after the receipt is proven). */
export interface ReporterReward {
  /** awaiting_claim past its deadline reads lapsed even before the job has run. */
  status: RewardStatus;
  amountYuan: number;
  /** Last day to claim, Asia/Shanghai. */
  claimBy: string;
  /** An employee reporting their employer: the claim must carry name and ID number. */
  realNameRequired: boolean;
  paidOn: string | null;
}

export async function reporterReward(db: DbOrTx, tipId: number, now: Date): Promise<ReporterReward | null> {
  const [row] = await db.select().from(tipRewards).where(eq(tipRewards.tipId, tipId));
  if (!row) return null;
  const status = row.status === "awaiting_claim" && row.claimDueAt < now ? "lapsed" : row.status;
  return { status, amountYuan: row.amountYuan, claimBy: shanghaiDate(row.claimDueAt), realNameRequired: row.realNameRequired, paidOn: row.paidOn };
}
