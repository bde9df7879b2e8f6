import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations, liaisons, obligationDocuments, obligations } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { documentStateKey } from "./complete-obligation.js";

/** Telegram lets bots download files of at most 20 MB; the bot refuses larger ones before downloading. */
export const MAX_OBLIGATION_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const attachObligationDocumentInput = z.object({
  chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]),
  document: z.object({
    fileId: z.string().min(1).max(300),
    fileName: z.string().max(255).optional(),
    mimeType: z.string().max(100).optional(),
    body: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array)
      .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_OBLIGATION_DOCUMENT_BYTES, "empty or larger than 20 MB"),
  }),
});

const pendingState = z.object({ obligationId: z.number().int(), liaisonId: z.number().int(), until: z.string() });

export type AttachDocumentResult = { ok: true; obligationId: number; documentId: number } | { ok: false; reason: "none_pending" | "not_liaison" | "rejected" };

/**
 * Store the document a liaison sent right after marking a duty done: the bytes as sent (a report or
 * plan is a record; altering it would spoil it), its sha256 and metadata, linked from the obligation.
 * Photos are the exception: they carry GPS and camera metadata, so they go through the media sanitiser
 * first, and one it cannot clean is refused rather than stored with its metadata.
 */
export async function attachObligationDocument(deps: Deps, raw: z.input<typeof attachObligationDocumentInput>): Promise<AttachDocumentResult> {
  const parsed = attachObligationDocumentInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid document");
  const { chatId, document } = parsed.data;
  const stored = await storableDocument(deps, document);
  if (!stored) return { ok: false, reason: "rejected" };
  const { body, mimeType, sha256 } = stored;
  const now = deps.clock();
  const key = documentStateKey(deps, chatId);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(conversations)
      .where(and(eq(conversations.key, key), eq(conversations.flow, "obligation-document")))
      .returning();
    const state = row ? pendingState.safeParse(row.state) : undefined;
    if (!state?.success || new Date(state.data.until) < now) return { ok: false as const, reason: "none_pending" as const };
    const { obligationId, liaisonId } = state.data;
    const [still] = await tx
      .select({ id: liaisons.id })
      .from(liaisons)
      .innerJoin(obligations, eq(obligations.unitId, liaisons.unitId))
      .where(and(eq(liaisons.id, liaisonId), eq(liaisons.active, true), eq(obligations.id, obligationId)));
    if (!still) return { ok: false as const, reason: "not_liaison" as const };
    const [doc] = await tx
      .insert(obligationDocuments)
      .values({
        obligationId,
        liaisonId,
        telegramFileId: document.fileId,
        fileName: document.fileName ?? null,
        mimeType,
        size: body.byteLength,
        sha256,
        body,
        createdAt: now,
      })
      .returning({ id: obligationDocuments.id });
    await tx.update(obligations).set({ documentAttachmentId: doc.id }).where(eq(obligations.id, obligationId));
    await appendAudit(
      tx,
      {
        actor: `liaison:${liaisonId}`,
        action: "obligation.document_attached",
        entity: "obligation",
        entityId: obligationId,
        after: { documentId: doc.id, fileName: document.fileName ?? null, mimeType, size: body.byteLength, sha256 },
      },
      now,
    );
    return { ok: true as const, obligationId, documentId: doc.id };
  });
}

/**
 * A duty's document as it is stored, whichever way it came (the bot or the desk): the bytes as sent,
 * except images, which go through the media sanitiser (null when it cannot clean one).
 */
export async function storableDocument(
  deps: Pick<Deps, "media">,
  document: { body: Uint8Array; mimeType?: string; fileName?: string },
): Promise<{ body: Uint8Array; mimeType: string; sha256: string } | null> {
  let body: Uint8Array = document.body;
  let mimeType = document.mimeType ?? "application/octet-stream";
  if (looksLikeImage(body, mimeType)) {
    const clean = await deps.media.sanitize({ body, mimeType, fileName: document.fileName });
    if (!clean.ok) return null;
    ({ body, mimeType } = clean);
  }
  const sha256 = Buffer.from(await globalThis.crypto.subtle.digest("SHA-256", body as Uint8Array<ArrayBuffer>)).toString("hex");
  return { body, mimeType, sha256 };
}

/** Declared as an image, or starts like a JPEG/PNG/WebP/GIF whatever it claims: those carry camera metadata. */
function looksLikeImage(b: Uint8Array, mimeType: string): boolean {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  return (
    mimeType.startsWith("image/") ||
    at(0, 0xff, 0xd8, 0xff) ||
    at(0, 0x89, 0x50, 0x4e, 0x47) ||
    (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) ||
    at(0, 0x47, 0x49, 0x46, 0x38)
  );
}

/** The liaison said there is no document: forget the pending state so a later file is not misfiled. */
export async function dismissObligationDocument(deps: Deps, input: { chatId: number | string }): Promise<void> {
  await deps.db.delete(conversations).where(and(eq(conversations.key, documentStateKey(deps, input.chatId)), eq(conversations.flow, "obligation-document")));
}

/** Whether the chat has a duty waiting for its document, so the bot lets other documents pass to other features. */
export async function hasPendingObligationDocument(deps: Deps, input: { chatId: number | string }): Promise<boolean> {
  const [row] = await deps.db
    .select({ state: conversations.state })
    .from(conversations)
    .where(and(eq(conversations.key, documentStateKey(deps, input.chatId)), eq(conversations.flow, "obligation-document")));
  const state = row ? pendingState.safeParse(row.state) : undefined;
  return Boolean(state?.success && new Date(state.data.until) >= deps.clock());
}
