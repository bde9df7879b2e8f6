import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { liaisons } from "../../db/schema.js";
import { normalizeMainlandMobile } from "../../domain/mobile-phone.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { chatKey } from "../chat/chat-locale.js";
import { liaisonPhoneHash } from "./phone-liaison.js";

/** Staff name a liaison by id (CLI, admin); a liaison names themself by their chat (bot /phone). */
export const setLiaisonPhoneInput = z.union([
  z.object({ liaisonId: z.number().int().positive(), phone: z.string().max(40), actor: z.string().trim().min(1).max(100) }),
  z.object({ chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]), phone: z.string().max(40) }),
]);

export type SetPhoneResult = { ok: true; liaisonIds: number[]; phone: string } | { ok: false; reason: "invalid_phone" | "not_liaison" };

/**
 * Store a liaison's mobile number for the SMS fallback (reminders go by SMS when no Telegram chat is
 * bound). Encrypted at rest; the audit entry records that it changed, never the number itself.
 * A chat that is liaison of several units sets the number on each of its liaison rows.
 */
export async function setLiaisonPhone(deps: Deps, raw: z.input<typeof setLiaisonPhoneInput>): Promise<SetPhoneResult> {
  const parsed = setLiaisonPhoneInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a liaison id or chat and a phone number are required");
  const input = parsed.data;
  const phone = normalizeMainlandMobile(input.phone);
  if (!phone) return { ok: false, reason: "invalid_phone" };
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const where =
      "liaisonId" in input
        ? and(eq(liaisons.id, input.liaisonId), eq(liaisons.active, true))
        : and(eq(liaisons.telegramChatHash, chatKey(deps, input.chatId)), eq(liaisons.active, true));
    const found = await tx.select({ id: liaisons.id, hadPhone: liaisons.phoneEnc }).from(liaisons).where(where).for("update");
    if (found.length === 0) return { ok: false as const, reason: "not_liaison" as const };
    const ids = found.map((f) => f.id);
    await tx
      .update(liaisons)
      .set({ phoneEnc: deps.crypto.encrypt(phone), phoneHash: liaisonPhoneHash(deps, phone) })
      .where(inArray(liaisons.id, ids));
    for (const f of found) {
      await appendAudit(
        tx,
        {
          actor: "liaisonId" in input ? input.actor : `liaison:${f.id}`,
          action: "liaison.phone_set",
          entity: "liaison",
          entityId: f.id,
          before: { phone: f.hadPhone !== null },
          after: { phone: true },
        },
        now,
      );
    }
    return { ok: true as const, liaisonIds: ids, phone };
  });
}
