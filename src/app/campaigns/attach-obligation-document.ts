import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations, liaisons, obligations } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { documentStateKey } from "./complete-obligation.js";

export const attachObligationDocumentInput = z.object({
  chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]),
  document: z.object({
    fileId: z.string().min(1).max(300),
    fileUniqueId: z.string().max(100).optional(),
    fileName: z.string().max(255).optional(),
    mimeType: z.string().max(100).optional(),
    size: z.number().int().nonnegative().optional(),
  }),
});

const pendingState = z.object({ obligationId: z.number().int(), liaisonId: z.number().int(), until: z.string() });

export type AttachDocumentResult = { ok: true; obligationId: number } | { ok: false; reason: "none_pending" | "not_liaison" };

/**
 * Record the document a liaison sent right after marking a duty done. There is no table for obligation
 * documents yet (obligations.document_attachment_id has nothing to point at), so the Telegram file id
 * and name go into the audit entry; the file itself stays on Telegram's servers.
 */
export async function attachObligationDocument(deps: Deps, raw: z.input<typeof attachObligationDocumentInput>): Promise<AttachDocumentResult> {
  const parsed = attachObligationDocumentInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid document");
  const { chatId, document } = parsed.data;
  const now = deps.clock();
  const key = documentStateKey(deps, chatId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.delete(conversations).where(and(eq(conversations.key, key), eq(conversations.flow, "obligation-document"))).returning();
    const state = row ? pendingState.safeParse(row.state) : undefined;
    if (!state?.success || new Date(state.data.until) < now) return { ok: false as const, reason: "none_pending" as const };
    const { obligationId, liaisonId } = state.data;
    const [still] = await tx.select({ id: liaisons.id }).from(liaisons).innerJoin(obligations, eq(obligations.unitId, liaisons.unitId))
      .where(and(eq(liaisons.id, liaisonId), eq(liaisons.active, true), eq(obligations.id, obligationId)));
    if (!still) return { ok: false as const, reason: "not_liaison" as const };
    await appendAudit(tx, {
      actor: `liaison:${liaisonId}`, action: "obligation.document_attached", entity: "obligation", entityId: obligationId,
      after: { telegramFileId: document.fileId, fileUniqueId: document.fileUniqueId ?? null, fileName: document.fileName ?? null, mimeType: document.mimeType ?? null, size: document.size ?? null },
    }, now);
    return { ok: true as const, obligationId };
  });
}

/** The liaison said there is no document: forget the pending state so a later file is not misfiled. */
export async function dismissObligationDocument(deps: Deps, input: { chatId: number | string }): Promise<void> {
  await deps.db.delete(conversations).where(and(eq(conversations.key, documentStateKey(deps, input.chatId)), eq(conversations.flow, "obligation-document")));
}

/** Whether the chat has a duty waiting for its document, so the bot lets other documents pass to other features. */
export async function hasPendingObligationDocument(deps: Deps, input: { chatId: number | string }): Promise<boolean> {
  const [row] = await deps.db.select({ state: conversations.state }).from(conversations)
    .where(and(eq(conversations.key, documentStateKey(deps, input.chatId)), eq(conversations.flow, "obligation-document")));
  const state = row ? pendingState.safeParse(row.state) : undefined;
  return Boolean(state?.success && new Date(state.data.until) >= deps.clock());
}
