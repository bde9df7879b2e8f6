import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { liaisons } from "../../db/schema.js";
import { normalizeMainlandMobile } from "../../domain/mobile-phone.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { withTransaction } from "../with-transaction.js";
import { liaisonPhoneHash } from "./phone-liaison.js";
import { findUnit } from "./unit-ref.js";

export const addPhoneLiaisonInput = z.object({
  unit: z.union([z.string().trim().min(1).max(64), z.number().int().positive()]),
  phone: z.string().max(40),
  actor: z.string().trim().min(1).max(100),
});

export type AddPhoneLiaisonResult =
  | { ok: true; liaisonId: number; unit: { id: number; key: string; name: string }; phone: string }
  | { ok: false; reason: "invalid_phone" | "already_liaison" };

/**
 * Staff add a liaison who has only a phone (no Telegram, as in most 乡镇 offices): reminders reach them
 * by SMS with a one-time desk link, and they file the month by SMS (`月报 …`). The number is encrypted
 * at rest and matched by its keyed hash; the audit entry records that a phone liaison was added, never
 * the number. The same number twice for one unit is refused rather than doubling every reminder.
 */
export async function addPhoneLiaison(deps: Deps, raw: z.input<typeof addPhoneLiaisonInput>): Promise<AddPhoneLiaisonResult> {
  const parsed = addPhoneLiaisonInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a unit, a phone number and an actor are required");
  const input = parsed.data;
  const phone = normalizeMainlandMobile(input.phone);
  if (!phone) return { ok: false, reason: "invalid_phone" };
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const unit = await findUnit(tx.db, input.unit);
    if (!unit.active) throw new AppError("conflict", `unit ${unit.key} is inactive`);
    const phoneHash = liaisonPhoneHash(deps, phone);
    const [existing] = await tx.db
      .select({ id: liaisons.id, active: liaisons.active })
      .from(liaisons)
      .where(and(eq(liaisons.unitId, unit.id), eq(liaisons.phoneHash, phoneHash)))
      .for("update");
    if (existing?.active) return { ok: false as const, reason: "already_liaison" as const };
    let liaisonId: number;
    if (existing) {
      await tx.db.update(liaisons).set({ active: true, removedAt: null, removedReason: null }).where(eq(liaisons.id, existing.id));
      liaisonId = existing.id;
    } else {
      const [row] = await tx.db
        .insert(liaisons)
        .values({ unitId: unit.id, phoneEnc: deps.crypto.encrypt(phone), phoneHash, locale: "zh-CN", createdAt: now })
        .returning({ id: liaisons.id });
      liaisonId = row.id;
    }
    await appendAudit(
      tx.db,
      {
        actor: input.actor,
        action: "liaison.phone_added",
        entity: "liaison",
        entityId: liaisonId,
        after: { unitId: unit.id, channel: "sms", rejoined: !!existing },
      },
      now,
    );
    return { ok: true as const, liaisonId, unit: { id: unit.id, key: unit.key, name: unit.name }, phone };
  });
}
