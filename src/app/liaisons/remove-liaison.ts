import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { liaisons, staffUsers, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { enqueueMessage } from "../outbox/enqueue-message.js";
import { localName } from "../../domain/tip-input.js";

export const removeLiaisonInput = z.object({
  liaisonId: z.number().int().positive(),
  actor: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(2).max(500),
});

/**
 * Staff deactivate a liaison (moved post, lost phone…). The row stays for the record; the person is
 * told through the outbox, in the same transaction, so the notice exists only if the removal committed.
 */
export async function removeLiaison(deps: Deps, raw: z.input<typeof removeLiaisonInput>): Promise<{ liaisonId: number; unitId: number }> {
  const parsed = removeLiaisonInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a liaison id, an actor and a reason are required");
  const { liaisonId, actor, reason } = parsed.data;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(liaisons).where(eq(liaisons.id, liaisonId)).for("update");
    if (!row) throw new AppError("not_found", `no liaison ${liaisonId}`);
    if (!row.active) throw new AppError("conflict", `liaison ${liaisonId} is already inactive`);
    await tx
      .update(liaisons)
      .set({ active: false, removedAt: now, removedReason: reason })
      .where(and(eq(liaisons.id, liaisonId), eq(liaisons.active, true)));
    // A phone liaison's desk account goes with the role: loadSession refuses a disabled user, so its sessions end now.
    if (row.deskUserId !== null) await tx.update(staffUsers).set({ disabled: true }).where(eq(staffUsers.id, row.deskUserId));
    await appendAudit(
      tx,
      {
        actor,
        action: "liaison.removed",
        entity: "liaison",
        entityId: liaisonId,
        before: { active: true },
        after: { active: false, unitId: row.unitId },
        reason,
      },
      now,
    );
    if (row.telegramChatEnc) {
      const [unit] = await tx.select({ name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.id, row.unitId));
      const name = localName(unit, row.locale);
      await enqueueMessage(tx, deps, {
        channel: "telegram",
        to: deps.crypto.decrypt(row.telegramChatEnc),
        dedupeKey: `liaison:${liaisonId}:removed:${now.getTime()}`,
        payload: { text: deps.i18n.t(row.locale, "liaison-removed-notice", { unit: name }) },
      });
    }
    return { liaisonId, unitId: row.unitId };
  });
}
