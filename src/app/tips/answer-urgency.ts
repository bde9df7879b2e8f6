import { eq } from "drizzle-orm";
import { jurisdictions, tipEvents, tips, units } from "../../db/schema.js";
import { computeTipDeadlines } from "../../domain/deadlines.js";
import { sectorInfo } from "../../domain/sectors.js";
import { localName } from "../../domain/tip-input.js";
import type { Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import { nextDueColumns } from "../triage/tip-clock-columns.js";
import type { TxDeps } from "../with-transaction.js";
import type { AlertedUnit } from "./submit-tip.js";
import { notifyUnits } from "./tip-notifications.js";

export type UrgencyAnswer = "yes" | "no";

export type AnsweredUrgency = { tipId: number; answer: "no" } | { tipId: number; answer: "yes"; alreadyUrgent: boolean; alerted: AlertedUnit[] };

/**
 * The reporter's answer to "is anyone in danger right now?", asked of a possibly urgent SMS tip. "yes"
 * makes the tip urgent (source: sms_answer), shortens its acceptance deadline to the urgent one and
 * alerts at once — the unit holding it and the 安委办 the router named for a confirmed danger — as the
 * urgent path of submitTip does, recording who was reached. "no" is recorded. Runs in the caller's
 * transaction; the event and audit rows never carry the reporter's identity.
 */
export async function answerUrgency(tx: TxDeps<Deps>, input: { tipId: number; answer: UrgencyAnswer }): Promise<AnsweredUrgency> {
  const now = tx.clock();
  const [tip] = await tx.db.select().from(tips).where(eq(tips.id, input.tipId)).for("update");
  if (!tip) throw new Error(`tip ${input.tipId} vanished under its urgency question`);
  await tx.db.insert(tipEvents).values({ tipId: tip.id, kind: "urgency_answered", actor: "reporter", data: { answer: input.answer }, public: false, at: now });
  if (input.answer === "no") {
    await appendAudit(tx.db, { actor: "reporter", action: "tip.urgency_answered", entity: "tip", entityId: tip.id, after: { answer: "no" } }, now);
    return { tipId: tip.id, answer: "no" };
  }
  if (tip.urgent) {
    await appendAudit(tx.db, { actor: "reporter", action: "tip.urgency_answered", entity: "tip", entityId: tip.id, after: { answer: "yes" } }, now);
    return { tipId: tip.id, answer: "yes", alreadyUrgent: true, alerted: [] };
  }
  const deadlines = computeTipDeadlines(tip.receivedAt, tipDeadlineRules(tx.config), undefined, true);
  const acceptDueAt = tip.status === "received" ? deadlines.acceptance.due : tip.acceptDueAt;
  await tx.db
    .update(tips)
    .set({ urgent: true, urgencySource: "sms_answer", acceptDueAt, ...nextDueColumns({ ...tip, acceptDueAt }), updatedAt: now })
    .where(eq(tips.id, tip.id));
  await appendAudit(
    tx.db,
    {
      actor: "reporter",
      action: "tip.urgency_answered",
      entity: "tip",
      entityId: tip.id,
      before: { urgent: false, acceptDueAt: tip.acceptDueAt?.toISOString() ?? null },
      after: { answer: "yes", urgent: true, urgencySource: "sms_answer", acceptDueAt: acceptDueAt?.toISOString() ?? null },
    },
    now,
  );

  const [unit] = await tx.db.select().from(units).where(eq(units.id, tip.unitId));
  const committeeId = (tip.routing as { alertIfConfirmed?: number | null }).alertIfConfirmed ?? null;
  const [committee] = committeeId && committeeId !== unit.id ? await tx.db.select().from(units).where(eq(units.id, committeeId)) : [];
  const [place] = tip.jurisdictionCode ? await tx.db.select().from(jurisdictions).where(eq(jurisdictions.code, tip.jurisdictionCode)) : [];
  const vars = (locale: string) => ({
    code: tip.trackingCode,
    unit: localName(unit, locale),
    sector: locale === "en" ? sectorInfo(tip.sectorCode as "other").en : sectorInfo(tip.sectorCode as "other").zh,
    place: place?.fullName ?? "",
    text: tip.text.slice(0, 500),
    urgent: "yes",
    acceptBy: deadlines.acceptance.date,
  });
  const unitTold = await notifyUnits(tx.db, tx, [unit.id], (l) => ({ text: tx.i18n.t(l, "tip-unit-urgent-confirmed", vars(l)) }), `tip:${tip.id}:confirmed`);
  const committeeTold = committee
    ? await notifyUnits(tx.db, tx, [committee.id], (l) => ({ text: tx.i18n.t(l, "tip-unit-alert", vars(l)) }), `tip:${tip.id}:alert`)
    : 0;
  await tx.db.insert(tipEvents).values({
    tipId: tip.id,
    kind: "alerted",
    actor: "system",
    public: false,
    at: now,
    data: {
      told: unitTold + committeeTold,
      reason: "sms_answer",
      unit: { id: unit.id, liaisons: unitTold },
      committee: committee ? { id: committee.id, liaisons: committeeTold } : null,
    },
  });
  const alerted: AlertedUnit[] = [];
  if (unitTold > 0) alerted.push({ role: "unit", id: unit.id, name: unit.name, nameEn: unit.nameEn ?? null });
  if (committee && committeeTold > 0) alerted.push({ role: "committee", id: committee.id, name: committee.name, nameEn: committee.nameEn ?? null });
  return { tipId: tip.id, answer: "yes", alreadyUrgent: false, alerted };
}
