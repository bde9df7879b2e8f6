import { and, eq, gte, lte } from "drizzle-orm";
import { campaigns, obligations, reminders, tips } from "../../db/schema.js";
import { addCalendarDays, shanghaiDate } from "../../domain/deadlines.js";
import { REMINDER_POLICIES, remindersToPlan } from "../../domain/reminder-policy.js";
import type { Deps } from "../deps.js";
import { tipReminderChain } from "./tip-reminder-chain.js";

/** Far enough back to cover every overdue reminder and the escalation (10 × 2 working days plus holidays). */
const LOOKBACK_DAYS = 60;
/** Far enough ahead to cover the earliest "before" reminder (3 days, moved off a long holiday). */
const LOOKAHEAD_DAYS = 14;

export interface PlanRemindersResult {
  obligations: number;
  tips: number;
  inserted: number;
}

/**
 * Store the reminder rows that are due within the next day, for open obligations of active campaigns
 * and for tips with a running deadline (acceptance, verification, the answer to the reporter). Idempotent: the unique (obligation_id, step) and
 * (tip_id, step) indexes make a second run, or a second replica, insert nothing new.
 */
export async function planReminders(deps: Pick<Deps, "db" | "clock">): Promise<PlanRemindersResult> {
  const now = deps.clock();
  const today = shanghaiDate(now);
  const from = addCalendarDays(today, -LOOKBACK_DAYS);
  const to = addCalendarDays(today, LOOKAHEAD_DAYS);
  const rowsToInsert: (typeof reminders.$inferInsert)[] = [];

  const open = await deps.db
    .select({ id: obligations.id, kind: obligations.kind, dueOn: obligations.dueOn })
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .where(and(eq(obligations.status, "open"), eq(campaigns.status, "active"), gte(obligations.dueOn, from), lte(obligations.dueOn, to)));
  for (const o of open) {
    for (const s of remindersToPlan({ dueOn: o.dueOn, now, policy: REMINDER_POLICIES[o.kind] })) {
      rowsToInsert.push({ obligationId: o.id, step: s.step, sendAt: s.sendAt });
    }
  }

  const fromInstant = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  const toInstant = new Date(now.getTime() + LOOKAHEAD_DAYS * 86_400_000);
  // The running deadline of each tip (受理, 核查, 答复 …), as stored from nextDeadline(): tips_next_due_idx.
  const waiting = await deps.db
    .select({ id: tips.id, nextDueAt: tips.nextDueAt, nextDueKind: tips.nextDueKind, extension: tips.extension })
    .from(tips)
    .where(and(gte(tips.nextDueAt, fromInstant), lte(tips.nextDueAt, toInstant)));
  let tipCount = 0;
  for (const t of waiting) {
    const chain = tipReminderChain(t);
    if (!chain || !t.nextDueAt) continue;
    tipCount++;
    for (const s of remindersToPlan({ dueOn: shanghaiDate(t.nextDueAt), now, policy: REMINDER_POLICIES[chain.policy] })) {
      rowsToInsert.push({ tipId: t.id, step: `${chain.prefix}:${s.step}`, sendAt: s.sendAt });
    }
  }

  let inserted = 0;
  for (let i = 0; i < rowsToInsert.length; i += 500) {
    const chunk = rowsToInsert.slice(i, i + 500);
    inserted += (await deps.db.insert(reminders).values(chunk).onConflictDoNothing().returning({ id: reminders.id })).length;
  }
  return { obligations: open.length, tips: tipCount, inserted };
}
