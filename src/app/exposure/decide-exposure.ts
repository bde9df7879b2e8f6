import { eq } from "drizzle-orm";
import { z } from "zod";
import { exposures } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";

export const decideExposureInput = z.discriminatedUnion("action", [
  z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), action: z.literal("approve") }),
  z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), action: z.literal("withdraw"), reason: z.string().trim().min(2).max(500) }),
]);

/**
 * The committee's two steps on a 曝光台 entry. approve: a draft is published by a committee or admin
 * account other than the one that prepared it (the second person). withdraw: a published entry leaves the
 * public lists with a reason; the public page then shows only "withdrawn on DATE". Both fenced on status
 * under a row lock, so two clicks cannot publish twice or withdraw a draft; both audited in the same
 * transaction.
 */
export async function decideExposure(deps: Deps, actor: StaffActor, raw: z.input<typeof decideExposureInput>): Promise<void> {
  requireManager(actor);
  const parsed = decideExposureInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid decision",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const input = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  await withTransaction(deps, async (tx) => {
    const [entry] = await tx.db.select().from(exposures).where(eq(exposures.id, input.id)).for("update");
    if (!entry || !inPrefix(entry.jurisdictionCode, prefix)) throw new AppError("not_found", "no such entry");
    const label = actorLabel(actor);
    if (input.action === "approve") {
      if (entry.status !== "draft") throw new AppError("conflict", "only a draft can be published");
      if (entry.preparedById === actor.id) throw new AppError("forbidden", "a second person must approve what you prepared");
      await tx.db.update(exposures).set({ status: "published", approvedById: actor.id, approvedBy: label, publishedAt: now }).where(eq(exposures.id, entry.id));
      await appendAudit(
        tx.db,
        { actor: label, action: "exposure.published", entity: "exposure", entityId: entry.id, before: { status: "draft" }, after: { status: "published" } },
        now,
      );
    } else {
      if (entry.status !== "published") throw new AppError("conflict", "only a published entry can be withdrawn");
      await tx.db
        .update(exposures)
        .set({ status: "withdrawn", withdrawnBy: label, withdrawnAt: now, withdrawnReason: input.reason })
        .where(eq(exposures.id, entry.id));
      await appendAudit(
        tx.db,
        {
          actor: label,
          action: "exposure.withdrawn",
          entity: "exposure",
          entityId: entry.id,
          before: { status: "published" },
          after: { status: "withdrawn" },
          reason: input.reason,
        },
        now,
      );
    }
  });
}
