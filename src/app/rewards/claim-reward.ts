import { eq } from "drizzle-orm";
import { z } from "zod";
import { tipEvents, tipRewards } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { cleanText } from "../../domain/tip-input.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { receiptInput, verifyReceipt, type ReceiptRefusal } from "../tips/check-status.js";
import { parseInput } from "../triage/tip-action.js";
import { lapseReward, type ClaimIdentity } from "./reward-lifecycle.js";

const optional = (max: number, pattern?: RegExp) =>
  z.preprocess(
    (v) => (typeof v === "string" ? cleanText(v) || undefined : v),
    (pattern ? z.string().max(max).regex(pattern) : z.string().min(2).max(max)).optional(),
  );

export const claimRewardInput = receiptInput.extend({
  channel: z.enum(["web", "api"]),
  /** What the reporter chooses to show; each optional, but a claim shows at least one. */
  name: optional(50),
  /** 居民身份证号码 (18) or another identity document number. */
  idNumber: optional(30, /^[0-9A-Za-z-]{6,30}$/),
  /** Where to pay: a bank account, Alipay or WeChat id, or "现场领取". */
  account: optional(100),
});

export type ClaimRewardResult =
  | { ok: true; trackingCode: string; amountYuan: number }
  | ReceiptRefusal
  | { ok: false; reason: "no_reward" }
  | { ok: false; reason: "claim_closed"; claimBy: string }
  | { ok: false; reason: "already_claimed" };

/**
 * The reporter claims their reward with the receipt (code + secret) and the identity they choose to
 * show. The identity is encrypted before it is stored and never logged or audited (the audit says
 * which fields were given, not their values); staff see it only in the tip's reward section. A claim
 * after the period is refused with the date it closed (and the reward is marked lapsed then and there).
 */
export async function claimReward(deps: Deps, raw: z.input<typeof claimRewardInput>): Promise<ClaimRewardResult> {
  const input = parseInput(claimRewardInput, raw);
  const identity: ClaimIdentity = { name: input.name ?? null, idNumber: input.idNumber ?? null, account: input.account ?? null };
  if (!identity.name && !identity.idNumber && !identity.account)
    throw new AppError("invalid_input", "a claim shows at least one of name, ID number, account", [{ path: "account", code: "custom" }]);
  const verified = await verifyReceipt(deps, input);
  if (!verified.ok) return verified;
  const tip = verified.tip;
  const now = deps.clock();
  return deps.db.transaction(async (tx): Promise<ClaimRewardResult> => {
    const [row] = await tx.select().from(tipRewards).where(eq(tipRewards.tipId, tip.id)).for("update");
    if (!row) return { ok: false, reason: "no_reward" };
    if (row.status === "lapsed") return { ok: false, reason: "claim_closed", claimBy: shanghaiDate(row.claimDueAt) };
    if (row.status !== "awaiting_claim") return { ok: false, reason: "already_claimed" };
    if (now > row.claimDueAt) {
      await lapseReward(tx, row, now, "reporter");
      return { ok: false, reason: "claim_closed", claimBy: shanghaiDate(row.claimDueAt) };
    }
    if (row.realNameRequired && (!identity.name || !identity.idNumber)) {
      throw new AppError("invalid_input", "an employee reporting their employer claims under their real name", [
        { path: identity.name ? "idNumber" : "name", code: "custom" },
      ]);
    }
    await tx
      .update(tipRewards)
      .set({ status: "claimed", claimedAt: now, claimIdentityEnc: deps.crypto.encrypt(JSON.stringify(identity)), updatedAt: now })
      .where(eq(tipRewards.tipId, tip.id));
    await tx.insert(tipEvents).values({ tipId: tip.id, kind: "reward_claimed", actor: "reporter", data: { channel: input.channel }, public: true, at: now });
    const shown = (Object.keys(identity) as (keyof ClaimIdentity)[]).filter((k) => identity[k]);
    await appendAudit(
      tx,
      {
        actor: "reporter",
        action: "tip.reward_claimed",
        entity: "tip",
        entityId: tip.id,
        before: { reward: "awaiting_claim" },
        after: { reward: "claimed", shown, channel: input.channel },
      },
      now,
    );
    return { ok: true, trackingCode: tip.trackingCode, amountYuan: row.amountYuan };
  });
}
