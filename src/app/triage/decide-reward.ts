import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tipRewards, tips } from "../../db/schema.js";
import { ACCIDENT_GRADES, calculateReward, type RewardBasis } from "../../domain/reward.js";
import { AppError, type Deps } from "../deps.js";
import { claimDeadline, rewardRules } from "../rewards/reward-rules.js";
import { actorLabel } from "../staff/actor.js";
import { noteField, tipActionInput } from "./inputs.js";
import { lockMergeGroup, rewardedTips } from "./merge-group.js";
import { notifyReporter } from "./notify-reporter.js";
import { visibleTips } from "./scope.js";
import { parseInput, runTipAction } from "./tip-action.js";

const optionalNumber = (max: number) => z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(max).optional());
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().min(2).max(2_000).optional());

export const decideRewardInput = tipActionInput.extend({
  /** What the reward is counted from: the fine imposed, the deaths a concealed accident hid, or no reward. */
  basisKind: z.enum(["fine", "concealed", "none"]),
  /** Yuan; defaults to the fine recorded with the verification result. */
  fineYuan: optionalNumber(10_000_000_000),
  deaths: optionalNumber(10_000),
  grade: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ACCIDENT_GRADES).optional()),
  /** The amount decided; absent: the calculator's proposal. A different amount needs deviationReason. */
  amountYuan: optionalNumber(100_000_000),
  /** Why the amount differs from the proposal: stored, audited, shown to staff (never to the reporter). */
  deviationReason: optionalText,
  /** Staff's check: does the reporter work for the enterprise reported? Absent: the reporter's own answer on the tip. */
  reporterEmployee: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["yes", "no"]).optional()),
  /** For "none": the reason told to the reporter (e.g. 同一事项已奖励首位举报人). */
  reason: optionalText,
  note: noteField,
});

/** The result the reward is counted from: the latest verification result of the matter's handled tip. */
export async function matterResult(db: DbOrTx, rootId: number): Promise<{ outcome: string | null; fineYuan: number | null }> {
  const [result] = await db
    .select({ data: tipEvents.data })
    .from(tipEvents)
    .where(and(eq(tipEvents.tipId, rootId), eq(tipEvents.kind, "result")))
    .orderBy(desc(tipEvents.id))
    .limit(1);
  const data = (result?.data ?? {}) as { result?: string; fineYuan?: number | null };
  return { outcome: data.result ?? null, fineYuan: typeof data.fineYuan === "number" ? data.fineYuan : null };
}

function invalid(path: string, code: string): AppError {
  return new AppError("invalid_input", `invalid ${path}`, [{ path, code }]);
}

/**
 * 举报奖励 decision, only for a tip found (partly) true. Staff give the basis (the fine, or concealed
 * deaths and the accident grade); the calculator proposes the amount under the deployment's rules, and
 * a different amount is accepted only with a reason for the deviation. The reporter is told the amount,
 * how to claim (查询码 + 密钥 on /track or the API) and by when — never by revealing who they are.
 * Several tips about one matter are merged; only the first eligible reporter is paid (SPEC), so a
 * merged duplicate may be rewarded (its reporter may have been first, the result lives on the tip it
 * was merged into), but a positive reward is refused once another tip of the matter has one. An
 * employee reporting their own employer is paid only under their real name: the claim must carry it.
 */
export async function decideReward(deps: Deps, raw: z.input<typeof decideRewardInput>) {
  const input = parseInput(decideRewardInput, raw);
  const rules = rewardRules(deps.config);
  const now = deps.clock();
  const claim = claimDeadline(deps.config, now);

  // The proposal needs the fine recorded with the result: read before the action, checked again inside it.
  // Scoped like the action itself, so a tip outside the actor's scope is "not found" here too.
  const [own] = await deps.db
    .select({ id: tips.id })
    .from(tips)
    .where(and(eq(tips.id, input.tipId), await visibleTips(deps.db, input.actor)));
  if (!own) throw new AppError("not_found", "tip not found");
  const recorded = await matterResult(deps.db, await rootOf(deps.db, own.id));
  if (recorded.outcome !== "substantiated" && recorded.outcome !== "partly_substantiated")
    throw new AppError("conflict", "a reward needs a substantiated result");
  let basis: RewardBasis | null = null;
  if (input.basisKind === "fine") {
    const fineYuan = input.fineYuan ?? recorded.fineYuan;
    if (fineYuan === null || fineYuan === undefined) throw invalid("fineYuan", "required");
    basis = { kind: "fine", fineYuan };
  } else if (input.basisKind === "concealed") {
    if (!input.deaths) throw invalid("deaths", "required");
    if (!input.grade) throw invalid("grade", "required");
    basis = { kind: "concealed", deaths: input.deaths, grade: input.grade };
  } else if (!input.reason) {
    throw invalid("reason", "required");
  }
  const proposedYuan = basis ? calculateReward(basis, rules).amountYuan : 0;
  const amountYuan = input.basisKind === "none" ? 0 : (input.amountYuan ?? proposedYuan);
  if (amountYuan > rules.maxYuan) throw invalid("amountYuan", "too_big");
  const deviates = amountYuan !== proposedYuan;
  if (deviates && !input.deviationReason) throw invalid("deviationReason", "required");
  const deviationReason = deviates ? input.deviationReason! : null;
  const basisText = basis?.kind === "fine" ? `fine:${basis.fineYuan}` : basis?.kind === "concealed" ? `concealed:${basis.deaths}:${basis.grade}` : null;

  let realNameRequired = false;
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "reward",
    from: ["substantiated", "partly_substantiated", "closed", "merged"],
    public: true,
    // The reporter reads the amount and the claim period from their reward section; a "none" reason is theirs too.
    message: input.basisKind === "none" ? input.reason : null,
    note: input.note,
    data: {
      amountYuan,
      proposedYuan,
      basis: basis ?? { kind: "none" },
      deviationReason,
      reporterEmployee: input.reporterEmployee ?? null,
      claimBy: amountYuan > 0 ? claim.date : null,
    },
    after: async (tx, tip) => {
      const group = await lockMergeGroup(tx, tip.id);
      const { outcome } = await matterResult(tx, group.rootId);
      if (outcome !== "substantiated" && outcome !== "partly_substantiated") throw new AppError("conflict", "a reward needs a substantiated result");
      const [existing] = await tx.select().from(tipRewards).where(eq(tipRewards.tipId, tip.id)).for("update");
      if (existing && (existing.status === "claimed" || existing.status === "paid"))
        throw new AppError("conflict", `the reward on this tip is already ${existing.status}: a new decision would undo a claim`, { reason: "reward_claimed" });
      if (amountYuan > 0) {
        const paid = await rewardedTips(
          tx,
          group.ids.filter((id) => id !== tip.id),
        );
        if (paid.length) {
          const others = await tx.select({ trackingCode: tips.trackingCode }).from(tips).where(inArray(tips.id, paid));
          const codes = others.map((o) => o.trackingCode).join(", ");
          throw new AppError("conflict", `tip ${codes} about the same matter already has a reward: only the first eligible reporter is paid`, {
            reason: "reward_taken",
            tipIds: paid,
          });
        }
        realNameRequired = (input.reporterEmployee ?? (tip.reporterEmployee ? "yes" : "no")) === "yes";
        const row = {
          status: "awaiting_claim" as const,
          amountYuan,
          proposedYuan,
          basis: basis!,
          deviationReason,
          realNameRequired,
          decidedAt: now,
          decidedBy: actorLabel(input.actor),
          claimDueAt: claim.due,
          claimedAt: null,
          claimIdentityEnc: null,
          lapsedAt: null,
          updatedAt: now,
        };
        await tx
          .insert(tipRewards)
          .values({ tipId: tip.id, ...row })
          .onConflictDoUpdate({ target: tipRewards.tipId, set: row });
        const delivery = await notifyReporter(
          tx,
          deps,
          tip,
          "admin-reporter-reward-claim",
          { amount: String(amountYuan), claimBy: claim.date, where: trackUrl(deps.config.PUBLIC_URL) },
          `tip:${tip.id}:reward:${now.getTime()}`,
        );
        return { delivery, amountYuan, proposedYuan, claimBy: claim.date, realNameRequired, basis: basisText };
      }
      // No reward (or a reward withdrawn before anyone claimed it).
      if (existing) await tx.delete(tipRewards).where(eq(tipRewards.tipId, tip.id));
      const delivery = await notifyReporter(tx, deps, tip, "admin-reporter-no-reward", { basis: input.reason ?? "" }, `tip:${tip.id}:reward:${now.getTime()}`);
      return { delivery, amountYuan: 0, proposedYuan };
    },
  });
}

async function rootOf(db: DbOrTx, tipId: number): Promise<number> {
  let id = tipId;
  for (let i = 0; i < 50; i++) {
    const [row] = await db.select({ mergedInto: tips.mergedInto }).from(tips).where(eq(tips.id, id));
    if (!row?.mergedInto || row.mergedInto === id) return id;
    id = row.mergedInto;
  }
  return id;
}

export function trackUrl(publicUrl: string | undefined): string {
  return publicUrl ? `${publicUrl.replace(/\/+$/, "")}/track` : "/track";
}
