import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { liaisons, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { chatKey } from "../chat/chat-locale.js";
import { findUnit } from "./unit-ref.js";

export const listLiaisonsInput = z.object({
  unit: z.union([z.string().trim().min(1).max(64), z.number().int().positive()]),
  includeInactive: z.boolean().default(true),
});

/** What staff see of a liaison: never the chat id or phone, only whether each channel exists. */
export interface LiaisonView {
  id: number;
  unitId: number;
  active: boolean;
  telegram: boolean;
  phone: boolean;
  locale: string;
  createdAt: Date;
  removedAt: Date | null;
  removedReason: string | null;
}

export async function listLiaisons(
  deps: Deps,
  raw: z.input<typeof listLiaisonsInput>,
): Promise<{ unit: { id: number; key: string; name: string }; liaisons: LiaisonView[] }> {
  const parsed = listLiaisonsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid unit");
  const unit = await findUnit(deps.db, parsed.data.unit);
  const found = await deps.db
    .select()
    .from(liaisons)
    .where(parsed.data.includeInactive ? eq(liaisons.unitId, unit.id) : and(eq(liaisons.unitId, unit.id), eq(liaisons.active, true)))
    .orderBy(asc(liaisons.id));
  return {
    unit: { id: unit.id, key: unit.key, name: unit.name },
    liaisons: found.map((l) => ({
      id: l.id,
      unitId: l.unitId,
      active: l.active,
      telegram: l.telegramChatEnc !== null,
      phone: l.phoneEnc !== null,
      locale: l.locale,
      createdAt: l.createdAt,
      removedAt: l.removedAt,
      removedReason: l.removedReason,
    })),
  };
}

export interface ChatLiaison {
  liaisonId: number;
  unit: { id: number; key: string; name: string; nameEn: string | null };
}

/** The units a Telegram chat currently answers for (a chat may be liaison of several units). */
export async function listChatLiaisons(deps: Pick<Deps, "db" | "crypto">, input: { chatId: number | string }): Promise<ChatLiaison[]> {
  const found = await deps.db
    .select({ liaisonId: liaisons.id, id: units.id, key: units.key, name: units.name, nameEn: units.nameEn })
    .from(liaisons)
    .innerJoin(units, eq(units.id, liaisons.unitId))
    .where(and(eq(liaisons.telegramChatHash, chatKey(deps, input.chatId)), eq(liaisons.active, true)))
    .orderBy(asc(units.id));
  return found.map((r) => ({ liaisonId: r.liaisonId, unit: { id: r.id, key: r.key, name: r.name, nameEn: r.nameEn } }));
}
