import { and, eq, gt, lte } from "drizzle-orm";
import { z } from "zod";
import { receiptHandoffs, tips, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { actorField, tipIdField } from "../triage/inputs.js";
import { visibleTips } from "../triage/scope.js";
import { parseInput } from "../triage/tip-action.js";

export const openIntakeReceiptInput = z.object({ actor: actorField, tipId: tipIdField });

export interface IntakeReceipt {
  tipId: number;
  trackingCode: string;
  channel: string;
  locale: string;
  receivedAt: Date;
  unit: { name: string; nameEn: string | null };
  urgent: boolean;
  /** The secret on this, its first and only showing; null ever after (it is stored only as a keyed hash). */
  secret: string | null;
}

/**
 * The printable receipt of a tip staff entered. The clerk who entered it gets the secret exactly once:
 * the encrypted hand-off row is deleted in the same statement that reads it, so a reload, a second tab
 * or another clerk sees the code only. Anyone else needs the tip in their scope (404 otherwise).
 */
export async function openIntakeReceipt(deps: Deps, raw: z.input<typeof openIntakeReceiptInput>): Promise<IntakeReceipt> {
  const input = parseInput(openIntakeReceiptInput, raw);
  const now = deps.clock();
  const [handoff] = await deps.db
    .delete(receiptHandoffs)
    .where(and(eq(receiptHandoffs.tipId, input.tipId), eq(receiptHandoffs.staffId, input.actor.id), gt(receiptHandoffs.expiresAt, now)))
    .returning({ secretEnc: receiptHandoffs.secretEnc });
  const scope = handoff ? undefined : await visibleTips(deps.db, input.actor);
  const [row] = await deps.db
    .select({ tip: tips, unit: { name: units.name, nameEn: units.nameEn } })
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(scope ? and(eq(tips.id, input.tipId), scope) : eq(tips.id, input.tipId));
  if (!row) throw new AppError("not_found", "tip not found");
  return {
    tipId: row.tip.id,
    trackingCode: row.tip.trackingCode,
    channel: row.tip.channel,
    locale: row.tip.locale,
    receivedAt: row.tip.receivedAt,
    unit: row.unit,
    urgent: row.tip.urgent,
    secret: handoff ? deps.crypto.decrypt(handoff.secretEnc) : null,
  };
}

/** Housekeeping: a secret nobody came to read is dropped (the reporter can still be answered by code). */
export async function pruneReceiptHandoffs(deps: Pick<Deps, "db" | "clock">): Promise<{ deleted: number }> {
  const deleted = await deps.db.delete(receiptHandoffs).where(lte(receiptHandoffs.expiresAt, deps.clock())).returning({ id: receiptHandoffs.tipId });
  return { deleted: deleted.length };
}
