import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { liaisons, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { chatKey } from "../chat/chat-locale.js";

export const leaveUnitInput = z.object({
  chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]),
  liaisonId: z.number().int().positive(),
});

export type LeaveUnitResult = { ok: true; unit: { id: number; name: string; nameEn: string | null } } | { ok: false; reason: "not_liaison" };

/**
 * A liaison ends their own role for one unit. The row must belong to the asking chat (matched by the
 * keyed hash), so a forged callback cannot remove someone else.
 */
export async function leaveUnit(deps: Deps, raw: z.input<typeof leaveUnitInput>): Promise<LeaveUnitResult> {
  const parsed = leaveUnitInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid leave request");
  const { chatId, liaisonId } = parsed.data;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [left] = await tx
      .update(liaisons)
      .set({ active: false, removedAt: now, removedReason: "left" })
      .where(and(eq(liaisons.id, liaisonId), eq(liaisons.telegramChatHash, chatKey(deps, chatId)), eq(liaisons.active, true)))
      .returning({ unitId: liaisons.unitId });
    if (!left) return { ok: false as const, reason: "not_liaison" as const };
    await appendAudit(
      tx,
      {
        actor: `liaison:${liaisonId}`,
        action: "liaison.left",
        entity: "liaison",
        entityId: liaisonId,
        before: { active: true },
        after: { active: false, unitId: left.unitId },
      },
      now,
    );
    const [unit] = await tx.select({ id: units.id, name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.id, left.unitId));
    return { ok: true as const, unit };
  });
}
