import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { liaisonInvites, liaisons, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { asLocale } from "../../domain/locale.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { chatKey } from "../chat/chat-locale.js";
import { INVITE_HASH_PURPOSE, INVITE_PAYLOAD } from "./create-invite.js";

export const acceptInviteInput = z.object({
  token: z.string().max(64),
  chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]),
  locale: z.string().max(10).optional(),
});
export type AcceptInviteInput = z.input<typeof acceptInviteInput>;

export type AcceptInviteResult =
  | { ok: true; liaisonId: number; unit: { id: number; name: string; nameEn: string | null }; alreadyBound: boolean }
  | { ok: false; reason: "invalid" | "expired" | "used" };

/**
 * Bind a chat to the invite's unit. The invite is claimed by one conditional UPDATE, so two chats
 * opening the same link at once cannot both win. One liaison row per (chat, unit): a chat that left
 * or was removed and is invited again gets its row back.
 */
export async function acceptInvite(deps: Deps, raw: AcceptInviteInput): Promise<AcceptInviteResult> {
  const parsed = acceptInviteInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid invite acceptance");
  const { token, chatId, locale } = parsed.data;
  if (!INVITE_PAYLOAD.test(token)) return { ok: false, reason: "invalid" };
  const tokenHash = deps.crypto.hash(INVITE_HASH_PURPOSE, token);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(liaisonInvites)
      .set({ usedAt: now })
      .where(and(eq(liaisonInvites.tokenHash, tokenHash), isNull(liaisonInvites.usedAt), gt(liaisonInvites.expiresAt, now)))
      .returning({ unitId: liaisonInvites.unitId });
    if (!claimed) {
      const [invite] = await tx.select().from(liaisonInvites).where(eq(liaisonInvites.tokenHash, tokenHash));
      return { ok: false as const, reason: !invite ? ("invalid" as const) : invite.usedAt ? ("used" as const) : ("expired" as const) };
    }
    const [unit] = await tx.select({ id: units.id, name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.id, claimed.unitId));
    const { liaisonId, alreadyBound } = await bindChat(tx, deps, unit.id, String(chatId), asLocale(locale), now);
    await tx.update(liaisonInvites).set({ liaisonId }).where(eq(liaisonInvites.tokenHash, tokenHash));
    await appendAudit(
      tx,
      {
        actor: `liaison:${liaisonId}`,
        action: "liaison.bound",
        entity: "liaison",
        entityId: liaisonId,
        after: { unitId: unit.id, via: "invite", alreadyBound },
      },
      now,
    );
    return { ok: true as const, liaisonId, unit, alreadyBound };
  });
}

async function bindChat(
  tx: DbOrTx,
  deps: Deps,
  unitId: number,
  chatId: string,
  locale: string,
  now: Date,
): Promise<{ liaisonId: number; alreadyBound: boolean }> {
  const chatHash = chatKey(deps, chatId);
  const [existing] = await tx
    .select()
    .from(liaisons)
    .where(and(eq(liaisons.unitId, unitId), eq(liaisons.telegramChatHash, chatHash)));
  if (existing?.active) return { liaisonId: existing.id, alreadyBound: true };
  if (existing) {
    await tx
      .update(liaisons)
      .set({ active: true, removedAt: null, removedReason: null, locale, telegramChatEnc: deps.crypto.encrypt(chatId) })
      .where(eq(liaisons.id, existing.id));
    return { liaisonId: existing.id, alreadyBound: false };
  }
  const [row] = await tx
    .insert(liaisons)
    .values({
      unitId,
      telegramChatEnc: deps.crypto.encrypt(chatId),
      telegramChatHash: chatHash,
      locale,
      createdAt: now,
    })
    .returning({ id: liaisons.id });
  return { liaisonId: row.id, alreadyBound: false };
}
