import { eq } from "drizzle-orm";
import { campaigns, obligations, tips, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { calendarDaysUntil, REMINDER_POLICIES, stepAudience, workingDaysOverdue, type ReminderPolicy } from "../../domain/reminder-policy.js";
import type { Deps } from "../deps.js";
import type { OutgoingPayload } from "../outbox/enqueue-message.js";
import { reviewJurisdiction } from "../triage/scope.js";
import { committeeFrom, supervisorUnitOf } from "./supervisor-unit.js";
import { tipReminderChain } from "./tip-reminder-chain.js";
import { localName } from "../../domain/tip-input.js";

export interface ReminderRow {
  id: number;
  obligationId: number | null;
  tipId: number | null;
  step: string;
}

/** What one reminder row turns into: whom to tell and what, or why it no longer applies. */
export type ReminderDelivery =
  | {
      ok: true;
      unitId: number;
      dueOn: string;
      policy: ReminderPolicy;
      message: (locale: string) => OutgoingPayload;
      /** A phone liaison's SMS: the reminder, how to answer by SMS, and the desk link (null: no PUBLIC_URL). */
      sms?: (locale: string, deskLink: string | null) => string;
    }
  | { ok: false; reason: "done" | "no_supervisor" | "gone" };

type Vars = Record<string, string | number>;

function phaseVars(dueOn: string, today: string): Vars {
  if (today < dueOn) return { phase: "before", days: calendarDaysUntil(dueOn, today) };
  if (today === dueOn) return { phase: "due", days: 0 };
  return { phase: "overdue", days: workingDaysOverdue(dueOn, today) };
}

export async function obligationDelivery(tx: DbOrTx, deps: Pick<Deps, "i18n">, r: ReminderRow, now: Date): Promise<ReminderDelivery> {
  const [o] = await tx
    .select({ o: obligations, campaignName: campaigns.name, campaignStatus: campaigns.status, unit: units })
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(eq(obligations.id, r.obligationId!));
  if (!o) return { ok: false, reason: "gone" };
  if (o.o.status !== "open" || o.campaignStatus !== "active") return { ok: false, reason: "done" };
  const dueOn = o.o.dueOn;
  const policy = REMINDER_POLICIES[o.o.kind];
  const title = o.o.period ? `${o.o.title}（${o.o.period}）` : o.o.title;
  const vars = { ...phaseVars(dueOn, shanghaiDate(now)), campaign: o.campaignName, title, due: dueOn };
  if (stepAudience(r.step) === "supervisor") {
    const sup = await supervisorUnitOf(tx, o.unit.id);
    if (!sup) return { ok: false, reason: "no_supervisor" };
    return {
      ok: true,
      unitId: sup.id,
      dueOn,
      policy,
      message: (l) => ({ text: deps.i18n.t(l, "reminder-escalation", { ...vars, unit: localName(o.unit, l) }) }),
    };
  }
  const figures = o.o.kind === "figures";
  return {
    ok: true,
    unitId: o.unit.id,
    dueOn,
    policy,
    sms: (l, link) =>
      [
        deps.i18n.t(l, "reminder-obligation", vars),
        figures ? deps.i18n.t(l, "reminder-sms-figures-hint") : null,
        link ? deps.i18n.t(l, "reminder-sms-desk-link", { link }) : null,
      ]
        .filter(Boolean)
        .join("\n"),
    message: (l) => ({
      text: `${deps.i18n.t(l, "reminder-obligation", vars)}\n${deps.i18n.t(l, figures ? "reminder-obligation-figures-hint" : "reminder-obligation-done-hint")}`,
      // callback_data stays far below Telegram's 64-byte limit: "fig:start:" + an integer id.
      replyMarkup: {
        inline_keyboard: [
          [
            figures
              ? { text: deps.i18n.t(l, "reminder-button-figures"), callback_data: `fig:start:${o.o.id}` }
              : { text: deps.i18n.t(l, "reminder-button-done"), callback_data: `obl:done:${o.o.id}` },
          ],
        ],
      },
    }),
  };
}

export async function tipDelivery(tx: DbOrTx, deps: Pick<Deps, "i18n">, r: ReminderRow, now: Date): Promise<ReminderDelivery> {
  const [t] = await tx.select({ tip: tips, unit: units }).from(tips).innerJoin(units, eq(units.id, tips.unitId)).where(eq(tips.id, r.tipId!));
  if (!t) return { ok: false, reason: "gone" };
  // Still the running deadline of the same chain? Otherwise the tip moved on (or the deadline moved).
  const chain = tipReminderChain(t.tip);
  if (!chain || !t.tip.nextDueAt || chain.prefix !== r.step.split(":")[0]) return { ok: false, reason: "done" };
  const dueOn = shanghaiDate(t.tip.nextDueAt);
  const policy = REMINDER_POLICIES[chain.policy];
  const vars = (l: string) => ({ ...phaseVars(dueOn, shanghaiDate(now)), code: t.tip.trackingCode, due: dueOn, step: deps.i18n.t(l, chain.stepKey) });
  // Starting a review (复核) is the reviewing committee's duty, not the handling unit's: the 安委办 one tier
  // up is reminded, and its own supervisor hears when it lets the date slip.
  const responsible = chain.policy === "tip_review" ? await committeeFrom(tx, await reviewJurisdiction(tx, t.tip)) : t.unit;
  if (!responsible) return { ok: false, reason: "no_supervisor" };
  if (stepAudience(r.step) === "supervisor") {
    const sup = await supervisorUnitOf(tx, responsible.id);
    if (!sup) return { ok: false, reason: "no_supervisor" };
    return {
      ok: true,
      unitId: sup.id,
      dueOn,
      policy,
      message: (l) => ({ text: deps.i18n.t(l, "reminder-tip-escalation", { ...vars(l), unit: localName(responsible, l) }) }),
    };
  }
  return { ok: true, unitId: responsible.id, dueOn, policy, message: (l) => ({ text: deps.i18n.t(l, "reminder-tip", vars(l)) }) };
}
