import { eq } from "drizzle-orm";
import { z } from "zod";
import { obligationDocuments, obligations } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { MAX_OBLIGATION_DOCUMENT_BYTES, storableDocument } from "../campaigns/attach-obligation-document.js";
import { localDate } from "../campaigns/complete-obligation.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { deskUnitId } from "./desk-unit.js";

export const completeDeskDutyInput = z.object({
  obligationId: z.number().int().positive().max(2_147_483_647),
  document: z
    .object({
      fileName: z.string().max(255).optional(),
      mimeType: z.string().max(100).optional(),
      body: z
        .custom<Uint8Array>((v) => v instanceof Uint8Array)
        .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_OBLIGATION_DOCUMENT_BYTES, "empty or larger than 20 MB"),
    })
    .optional(),
});

export type CompleteDeskDutyResult =
  | { ok: true; late: boolean; documentId: number | null }
  | { ok: false; reason: "already_done" | "not_completable" | "rejected" };

/**
 * Unit staff mark one of their unit's deliverables or recurring duties done on the desk, with its
 * document if they have one: the bot's rules (figures are done by filing the form; a cancelled duty
 * cannot be done) and the bot's storage (storableDocument: images sanitised, the rest kept as sent).
 * Another unit's duty reads as missing (not_found), so ids cannot be probed.
 */
export async function completeDeskDuty(deps: Deps, actor: StaffActor, raw: z.input<typeof completeDeskDutyInput>): Promise<CompleteDeskDutyResult> {
  const unitId = deskUnitId(actor);
  const parsed = completeDeskDutyInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid duty or document");
  const { obligationId, document } = parsed.data;
  // Sanitising is slow and needs no lock: done before the transaction, refused before anything is stored.
  const stored = document ? await storableDocument(deps, document) : null;
  if (document && !stored) return { ok: false, reason: "rejected" };
  const now = deps.clock();
  const by = actorLabel(actor);
  return deps.db.transaction(async (tx) => {
    const [o] = await tx.select().from(obligations).where(eq(obligations.id, obligationId)).for("update");
    if (!o || o.unitId !== unitId) throw new AppError("not_found", "no such duty for this unit");
    if (o.status === "done") return { ok: false as const, reason: "already_done" as const };
    if (o.kind === "figures" || o.status !== "open") return { ok: false as const, reason: "not_completable" as const };
    await tx.update(obligations).set({ status: "done", doneAt: now, doneBy: by }).where(eq(obligations.id, o.id));
    const late = localDate(now, deps.config.TZ_CAMPAIGN) > o.dueOn;
    await appendAudit(
      tx,
      {
        actor: by,
        action: "obligation.done",
        entity: "obligation",
        entityId: o.id,
        before: { status: o.status },
        after: { status: "done", late, via: "desk" },
      },
      now,
    );
    let documentId: number | null = null;
    if (document && stored) {
      const [doc] = await tx
        .insert(obligationDocuments)
        .values({
          obligationId: o.id,
          liaisonId: null,
          telegramFileId: null,
          fileName: document.fileName ?? null,
          mimeType: stored.mimeType,
          size: stored.body.byteLength,
          sha256: stored.sha256,
          body: stored.body,
          createdAt: now,
        })
        .returning({ id: obligationDocuments.id });
      documentId = doc.id;
      await tx.update(obligations).set({ documentAttachmentId: doc.id }).where(eq(obligations.id, o.id));
      await appendAudit(
        tx,
        {
          actor: by,
          action: "obligation.document_attached",
          entity: "obligation",
          entityId: o.id,
          after: { documentId: doc.id, fileName: document.fileName ?? null, mimeType: stored.mimeType, size: stored.body.byteLength, sha256: stored.sha256 },
        },
        now,
      );
    }
    return { ok: true as const, late, documentId };
  });
}
