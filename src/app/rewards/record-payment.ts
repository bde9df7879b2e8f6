import { eq } from "drizzle-orm";
import { z } from "zod";
import { tipRewards } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel } from "../staff/actor.js";
import { tipActionInput } from "../triage/inputs.js";
import { notifyReporter } from "../triage/notify-reporter.js";
import { parseInput, runTipAction } from "../triage/tip-action.js";

export const PAYMENT_WAYS = ["bank_transfer", "cash", "alipay", "wechat", "other"] as const;

export const recordPaymentInput = tipActionInput.extend({
  /** The day it was paid, Asia/Shanghai calendar date. */
  paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  way: z.enum(PAYMENT_WAYS),
  /** Voucher or transfer number. */
  reference: z.string().trim().min(1).max(200),
});

/**
 * Staff record that a claimed reward was paid: date, way, reference and who recorded it. Once only:
 * a second record is a conflict. The reporter is told on their channel and sees 已发放 on /track.
 */
export async function recordRewardPayment(deps: Deps, raw: z.input<typeof recordPaymentInput>) {
  const input = parseInput(recordPaymentInput, raw);
  const now = deps.clock();
  if (Number.isNaN(Date.parse(`${input.paidOn}T00:00:00+08:00`)) || new Date(`${input.paidOn}T00:00:00+08:00`) > now)
    throw new AppError("invalid_input", "paidOn is not a past date", [{ path: "paidOn", code: "invalid" }]);
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "reward_paid",
    from: ["substantiated", "partly_substantiated", "closed", "merged"],
    public: true,
    data: { paidOn: input.paidOn, way: input.way, reference: input.reference },
    after: async (tx, tip) => {
      const [row] = await tx.select().from(tipRewards).where(eq(tipRewards.tipId, tip.id)).for("update");
      if (!row) throw new AppError("conflict", "this tip has no reward", { reason: "no_reward" });
      if (row.status === "paid") throw new AppError("conflict", "the payment is already recorded", { reason: "reward_paid" });
      if (row.status !== "claimed")
        throw new AppError("conflict", `a reward that is ${row.status} cannot be paid: the reporter has not claimed it`, { reason: "reward_unclaimed" });
      await tx
        .update(tipRewards)
        .set({
          status: "paid",
          paidOn: input.paidOn,
          paymentWay: input.way,
          paymentReference: input.reference,
          paymentRecordedBy: actorLabel(input.actor),
          paymentRecordedAt: now,
          updatedAt: now,
        })
        .where(eq(tipRewards.tipId, tip.id));
      const delivery = await notifyReporter(
        tx,
        deps,
        tip,
        "admin-reporter-reward-paid",
        { amount: String(row.amountYuan), paidOn: input.paidOn },
        `tip:${tip.id}:reward-paid`,
      );
      return { delivery };
    },
  });
}
