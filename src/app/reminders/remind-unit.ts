import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { campaigns, obligations } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { createDeskLink } from "../desk/desk-link.js";
import { AppError, type Deps } from "../deps.js";
import { findUnit } from "../liaisons/unit-ref.js";
import { notifyUnits } from "../tips/tip-notifications.js";
import { withTransaction } from "../with-transaction.js";
import { obligationDelivery } from "./reminder-messages.js";

export const remindUnitInput = z.object({
  unit: z.union([z.string().trim().min(1).max(64), z.number().int().positive()]),
  actor: z.string().trim().min(1).max(100),
});

export type RemindUnitResult = { ok: true; obligationId: number; title: string; period: string; messages: number } | { ok: false; reason: "nothing_open" };

/**
 * Staff urge a unit now (催报): its liaisons get the reminder of the unit's most pressing open duty (the
 * earliest due), the same message the scheduled job sends — by Telegram, or by SMS with a one-time desk
 * link. A person chose to send it, so the job's quiet hours do not hold it back. Audited.
 */
export async function remindUnit(deps: Deps, raw: z.input<typeof remindUnitInput>): Promise<RemindUnitResult> {
  const parsed = remindUnitInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a unit and an actor are required");
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const unit = await findUnit(tx.db, parsed.data.unit);
    const [o] = await tx.db
      .select({ id: obligations.id, title: obligations.title, period: obligations.period })
      .from(obligations)
      .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
      .where(and(eq(obligations.unitId, unit.id), eq(obligations.status, "open"), eq(campaigns.status, "active")))
      .orderBy(asc(obligations.dueOn), asc(obligations.period), asc(obligations.id))
      .limit(1);
    if (!o) return { ok: false as const, reason: "nothing_open" as const };
    const delivery = await obligationDelivery(tx.db, deps, { id: 0, obligationId: o.id, tipId: null, step: "manual" }, now);
    if (!delivery.ok) return { ok: false as const, reason: "nothing_open" as const };
    const sms = delivery.sms;
    const smsText = sms && (async (l: { id: number; locale: string }) => sms(l.locale, await createDeskLink(tx.db, deps, l.id)));
    const messages = await notifyUnits(tx.db, deps, [unit.id], delivery.message, `remind:${o.id}:${now.getTime()}`, smsText);
    await appendAudit(
      tx.db,
      { actor: parsed.data.actor, action: "obligation.reminded", entity: "obligation", entityId: o.id, after: { unitId: unit.id, messages } },
      now,
    );
    return { ok: true as const, obligationId: o.id, title: o.title, period: o.period, messages };
  });
}
