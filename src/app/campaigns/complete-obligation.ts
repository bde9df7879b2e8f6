import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations, liaisons, obligations, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { chatKey } from "../chat/chat-locale.js";

const chatIdSchema = z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]);
export const completeObligationInput = z.object({ obligationId: z.number().int().positive().max(2_147_483_647), chatId: chatIdSchema });

/** How long after "done" the chat's next document is taken as that duty's document. */
export const DOCUMENT_WINDOW_MS = 30 * 60_000;
export const documentStateKey = (deps: Pick<Deps, "crypto">, chatId: number | string) => `obligation-doc:${chatKey(deps, chatId)}`;

export type CompleteObligationResult =
  | { ok: true; obligation: { id: number; title: string; period: string; dueOn: string; unitName: string; unitNameEn: string | null }; late: boolean }
  | { ok: false; reason: "not_found" | "not_liaison" | "already_done" | "not_completable" };

/**
 * A liaison marks one of their unit's deliverables or recurring duties done. Only an active liaison of
 * the obligation's unit may; figures obligations are done by filing the form, not by a button.
 * The chat's next document within DOCUMENT_WINDOW_MS is then taken as the duty's document.
 */
export async function completeObligation(deps: Deps, raw: z.input<typeof completeObligationInput>): Promise<CompleteObligationResult> {
  const parsed = completeObligationInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid obligation");
  const { obligationId, chatId } = parsed.data;
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [o] = await tx.select().from(obligations).where(eq(obligations.id, obligationId)).for("update");
    if (!o) return { ok: false as const, reason: "not_found" as const };
    const [liaison] = await tx
      .select({ id: liaisons.id })
      .from(liaisons)
      .where(and(eq(liaisons.unitId, o.unitId), eq(liaisons.telegramChatHash, chatKey(deps, chatId)), eq(liaisons.active, true)));
    if (!liaison) return { ok: false as const, reason: "not_liaison" as const };
    if (o.status === "done") return { ok: false as const, reason: "already_done" as const };
    if (o.kind === "figures" || o.status !== "open") return { ok: false as const, reason: "not_completable" as const };

    const doneBy = `liaison:${liaison.id}`;
    await tx.update(obligations).set({ status: "done", doneAt: now, doneBy }).where(eq(obligations.id, o.id));
    const late = localDate(now, deps.config.TZ_CAMPAIGN) > o.dueOn;
    await appendAudit(
      tx,
      {
        actor: doneBy,
        action: "obligation.done",
        entity: "obligation",
        entityId: o.id,
        before: { status: o.status },
        after: { status: "done", late, via: "telegram" },
      },
      now,
    );
    const state = { obligationId: o.id, liaisonId: liaison.id, until: new Date(now.getTime() + DOCUMENT_WINDOW_MS).toISOString() };
    await tx
      .insert(conversations)
      .values({ key: documentStateKey(deps, chatId), flow: "obligation-document", state, updatedAt: now })
      .onConflictDoUpdate({ target: conversations.key, set: { flow: "obligation-document", state, updatedAt: now } });
    const [unit] = await tx.select({ name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.id, o.unitId));
    return {
      ok: true as const,
      late,
      obligation: { id: o.id, title: o.title, period: o.period, dueOn: o.dueOn, unitName: unit.name, unitNameEn: unit.nameEn },
    };
  });
}

/** YYYY-MM-DD of an instant in the campaign's time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
