import { inspectionAttachments } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { storableDocument } from "../campaigns/attach-obligation-document.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { getInspection } from "./list-inspections.js";

/** A site photo or 文书 scan: the same limit as a duty's document. */
export const MAX_INSPECTION_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Attach a file to a record the actor may edit. Images go through the media sanitiser (EXIF/GPS
 * stripped, type sniffed from the bytes) exactly like tip photos; one it cannot clean is refused, never
 * stored raw. Audited with the file's hash.
 */
export async function attachInspectionFile(
  deps: Deps,
  actor: StaffActor,
  input: { inspectionId: number; body: Uint8Array; mimeType?: string; fileName?: string },
): Promise<{ id: number }> {
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  await getInspection(deps, actor, input.inspectionId);
  if (input.body.byteLength === 0) throw new AppError("invalid_input", "empty file");
  if (input.body.byteLength > MAX_INSPECTION_FILE_BYTES) throw new AppError("invalid_input", "file too large");
  const clean = await storableDocument(deps, input);
  if (!clean) throw new AppError("invalid_input", "the image could not be cleaned");
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const [row] = await tx.db
      .insert(inspectionAttachments)
      .values({
        inspectionId: input.inspectionId,
        fileName: input.fileName?.slice(0, 255) || null,
        mimeType: clean.mimeType,
        sha256: clean.sha256,
        body: clean.body,
        createdBy: actorLabel(actor),
        createdAt: now,
      })
      .returning({ id: inspectionAttachments.id });
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "inspection.attach",
        entity: "inspection",
        entityId: input.inspectionId,
        after: { attachmentId: row.id, mimeType: clean.mimeType, sha256: clean.sha256, bytes: clean.body.byteLength },
      },
      now,
    );
    return row;
  });
}
