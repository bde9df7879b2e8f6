import { eq } from "drizzle-orm";
import { z } from "zod";
import { tipAttachments, tipEvents, tips } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { appendAudit } from "../audit/append-audit.js";
import { MAX_TIP_TEXT } from "../../domain/tip-input.js";
import { attachmentInput } from "./submit-tip.js";
import { receiptInput, verifyReceipt, type ReceiptRefusal } from "./check-status.js";
import { notifyUnits } from "./tip-notifications.js";
import { withoutReceiptSecrets } from "./receipt-in-text.js";

export const addTipInfoInput = receiptInput
  .extend({
    channel: z.enum(["telegram", "web", "api", "sms"]),
    text: z.string().trim().max(MAX_TIP_TEXT).optional(),
    /** Already sanitised (metadata stripped) by deps.media. */
    attachments: z.array(attachmentInput).max(10).default([]),
  })
  .refine((v) => Boolean(v.text) || v.attachments.length > 0, { path: ["text"], message: "empty" });
export type AddTipInfoInput = z.input<typeof addTipInfoInput>;

/**
 * The reporter adds text and/or files to their tip, proving it with the receipt. The public event, the
 * attachments, the audit row and the note to the handling unit commit together or not at all.
 */
export async function addTipInfo(deps: Deps, raw: AddTipInfoInput): Promise<{ ok: true; eventId: number; trackingCode: string } | ReceiptRefusal> {
  const parsed = addTipInfoInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid addition",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  const verified = await verifyReceipt(deps, input);
  if (!verified.ok) return verified;
  const tip = verified.tip;
  // The unit is sent this text: a receipt secret typed into it (this tip's or another's) is cut out.
  const text = input.text ? await withoutReceiptSecrets(deps, input.text) : "";
  const now = deps.clock();
  const eventId = await withTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const [event] = await tx
      .insert(tipEvents)
      .values({
        tipId: tip.id,
        kind: "reporter_info",
        actor: "reporter",
        public: true,
        at: now,
        data: { channel: input.channel, text: text || null, attachments: input.attachments.length },
      })
      .returning({ id: tipEvents.id });
    for (const a of input.attachments) {
      const digest = await globalThis.crypto.subtle.digest("SHA-256", a.body);
      await tx.insert(tipAttachments).values({
        tipId: tip.id,
        fileName: a.fileName ?? null,
        mimeType: a.mimeType,
        size: a.body.byteLength,
        sha256: Buffer.from(digest).toString("hex"),
        body: a.body,
      });
    }
    await tx.update(tips).set({ updatedAt: now }).where(eq(tips.id, tip.id));
    // The audit row records that something was added, not the reporter's words.
    await appendAudit(
      tx,
      {
        actor: "reporter",
        action: "tip.reporter_info",
        entity: "tip",
        entityId: tip.id,
        after: { eventId: event.id, channel: input.channel, attachments: input.attachments.length },
      },
      now,
    );
    await notifyUnits(
      tx,
      txDeps,
      [tip.unitId],
      (l) => ({
        text: deps.i18n.t(l, "web-unit-reporter-info", { code: tip.trackingCode, text: text.slice(0, 500), files: input.attachments.length }),
      }),
      `tip:${tip.id}:info:${event.id}`,
    );
    return event.id;
  });
  return { ok: true, eventId, trackingCode: tip.trackingCode };
}
