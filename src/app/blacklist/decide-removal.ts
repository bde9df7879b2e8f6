import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { blacklistEntries, enterprises } from "../../db/schema.js";
import { shanghaiDay } from "../../domain/quarters.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";
import { unmarkIfLast } from "./enterprise-flag.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const decideRemovalInput = z.discriminatedUnion("action", [
  z.object({ id, action: z.literal("request"), reason: z.string().trim().min(2).max(2000) }),
  z.object({ id, action: z.literal("approve") }),
  z.object({ id, action: z.literal("refuse"), reason: z.string().trim().min(2).max(2000) }),
]);

/**
 * 信用修复: one committee or admin account requests the removal of a listing with a reason; ANOTHER one
 * approves it (the listing ends today, and the enterprise leaves the list and 重点 unless another listing
 * holds — see unmarkIfLast) or refuses it (the listing stays in force). Fenced on status under a row lock;
 * each step audited in the same transaction.
 */
export async function decideRemoval(deps: Deps, actor: StaffActor, raw: z.input<typeof decideRemovalInput>): Promise<void> {
  requireManager(actor);
  const parsed = decideRemovalInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid removal",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const input = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  const label = actorLabel(actor);
  await withTransaction(deps, async (tx) => {
    const [row] = await tx.db
      .select({ b: blacklistEntries, code: enterprises.jurisdictionCode })
      .from(blacklistEntries)
      .innerJoin(enterprises, eq(enterprises.id, blacklistEntries.enterpriseId))
      .where(eq(blacklistEntries.id, input.id))
      .for("update");
    if (!row || !inPrefix(row.code, prefix)) throw new AppError("not_found", "no such listing");
    const { b } = row;
    const audit = (action: string, after: unknown, reason?: string) =>
      appendAudit(
        tx.db,
        { actor: label, action, entity: "enterprise", entityId: b.enterpriseId, before: { listingId: b.id, status: b.status }, after, reason },
        now,
      );
    if (input.action === "request") {
      if (b.status !== "listed") throw new AppError("conflict", "removal already requested or done");
      await tx.db
        .update(blacklistEntries)
        .set({ status: "removal_requested", removalReason: input.reason, removalRequestedById: actor.id, removalRequestedBy: label, removalRequestedAt: now })
        .where(and(eq(blacklistEntries.id, b.id), eq(blacklistEntries.status, "listed")));
      await audit("blacklist.removal_requested", { listingId: b.id, status: "removal_requested" }, input.reason);
      return;
    }
    if (b.status !== "removal_requested") throw new AppError("conflict", "no removal requested");
    if (b.removalRequestedById === actor.id) throw new AppError("forbidden", "a second person must decide the removal you requested");
    if (input.action === "refuse") {
      await tx.db
        .update(blacklistEntries)
        .set({ status: "listed", removalReason: null, removalRequestedById: null, removalRequestedBy: null, removalRequestedAt: null })
        .where(eq(blacklistEntries.id, b.id));
      await audit("blacklist.removal_refused", { listingId: b.id, status: "listed" }, input.reason);
      return;
    }
    await tx.db
      .update(blacklistEntries)
      .set({ status: "removed", removedBy: label, removedOn: shanghaiDay(now) })
      .where(eq(blacklistEntries.id, b.id));
    const effect = await unmarkIfLast(tx.db, b.enterpriseId, b.priorRiskClass, now);
    await audit("blacklist.removed", { listingId: b.id, status: "removed", ...effect }, b.removalReason ?? undefined);
  });
}
