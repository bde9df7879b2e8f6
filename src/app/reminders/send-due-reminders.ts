import { and, eq, inArray, sql } from "drizzle-orm";
import { liaisons, outbox, reminders } from "../../db/schema.js";
import { rows, type DbOrTx } from "../../db/client.js";
import { isWorkingDay, shanghaiDate } from "../../domain/deadlines.js";
import { DEFAULT_REMINDER_POLICY, mayDeliverAt, stepAudience } from "../../domain/reminder-policy.js";
import type { Deps } from "../deps.js";
import { notifyUnits } from "../tips/tip-notifications.js";
import { createDeskLink } from "../desk/desk-link.js";
import { obligationDelivery, tipDelivery, type ReminderRow } from "./reminder-messages.js";

export interface SendRemindersResult {
  sent: number;
  /** Moot (duty done, tip moved on), superseded by a later step, or nobody to escalate to. */
  skipped: number;
  /** Outbox messages queued. */
  messages: number;
}

/**
 * Claim due reminder rows (FOR UPDATE SKIP LOCKED) and queue their messages through the outbox in the
 * same transaction as marking them sent: two replicas running this at the same moment claim disjoint
 * rows, and a row is either sent-and-queued or neither. Nothing goes out at night or on a rest day
 * (except on the due day itself); such rows simply wait.
 */
export async function sendDueReminders(deps: Deps, input: { limit?: number } = {}): Promise<SendRemindersResult> {
  const now = deps.clock();
  const today = shanghaiDate(now);
  const result: SendRemindersResult = { sent: 0, skipped: 0, messages: 0 };
  // Reading the window with dueOn = today checks the hours only.
  if (!mayDeliverAt(now, today, DEFAULT_REMINDER_POLICY)) return result;
  const restDay = !isWorkingDay(today);
  await deps.db.transaction(async (tx) => {
    const due = (
      await rows<{ id: number; obligation_id: number | null; tip_id: number | null; step: string; send_at: string | Date }>(
        tx,
        sql`
      select id, obligation_id, tip_id, step, send_at from reminders
      where sent_at is null and send_at <= ${now.toISOString()}::timestamptz
      ${restDay ? sql`and (step = 'due' or step like '%:due')` : sql``}
      order by send_at desc, id desc limit ${input.limit ?? 200}
      for update skip locked`,
      )
    ).map((r) => ({ id: Number(r.id), obligationId: r.obligation_id, tipId: r.tip_id, step: r.step, sendAt: new Date(r.send_at) }));
    // Newest first: for each deadline and audience only the latest due step is sent; older unsent ones are superseded.
    const seen = new Set<string>();
    for (const r of due) {
      const chain = `${r.obligationId ? `o${r.obligationId}` : `t${r.tipId}:${r.step.split(":")[0]}`}:${stepAudience(r.step)}`;
      if (seen.has(chain)) {
        await mark(tx, r.id, now, { skipped: "superseded" });
        result.skipped++;
        continue;
      }
      const delivery = r.obligationId ? await obligationDelivery(tx, deps, r, now) : await tipDelivery(tx, deps, r, now);
      if (!delivery.ok) {
        seen.add(chain);
        await mark(tx, r.id, now, { skipped: delivery.reason });
        result.skipped++;
        continue;
      }
      if (!mayDeliverAt(now, delivery.dueOn, delivery.policy)) continue; // a rest day that is not the due day: wait
      seen.add(chain);
      await supersedeOlder(tx, r, now);
      const prefix = `reminder:${r.id}`;
      const sms = delivery.sms;
      const smsText = sms && (async (l: { id: number; locale: string }) => sms(l.locale, await createDeskLink(tx, deps, l.id)));
      const queued = await notifyUnits(tx, deps, [delivery.unitId], delivery.message, prefix, smsText);
      const ids = await queuedIds(tx, delivery.unitId, prefix);
      if (queued === 0) deps.logger.info("reminder had no reachable liaison", { reminderId: r.id, unitId: delivery.unitId });
      await mark(tx, r.id, now, ids);
      result.sent++;
      result.messages += queued;
    }
  });
  return result;
}

/**
 * Once a step goes out, the older unsent steps of the same chain never should (a server down over a
 * weekend must not send Friday's "due in 3 days" on Monday after "due today"). SKIP LOCKED: a row
 * another replica holds is its business, and waiting on it could deadlock.
 */
async function supersedeOlder(tx: DbOrTx, r: ReminderRow & { sendAt: Date }, now: Date): Promise<void> {
  const subject = r.obligationId ? sql`obligation_id = ${r.obligationId}` : sql`tip_id = ${r.tipId} and split_part(step, ':', 1) = ${r.step.split(":")[0]}`;
  const escalation = stepAudience(r.step) === "supervisor";
  await tx.execute(sql`
    update reminders set sent_at = ${now.toISOString()}::timestamptz, outbox_ids = ${JSON.stringify({ skipped: "superseded" })}::jsonb
    where id in (
      select id from reminders
      where ${subject} and sent_at is null and send_at < ${r.sendAt.toISOString()}::timestamptz
        and (step like '%escalate%') = ${escalation}
      for update skip locked)`);
}

async function mark(tx: DbOrTx, id: number, now: Date, outboxIds: number[] | { skipped: string }): Promise<void> {
  await tx.update(reminders).set({ sentAt: now, outboxIds }).where(eq(reminders.id, id));
}

/** notifyUnits keys each message `${prefix}:liaison:${id}`; reading them back records which outbox rows a reminder made. */
async function queuedIds(tx: DbOrTx, unitId: number, prefix: string): Promise<number[]> {
  const ls = await tx
    .select({ id: liaisons.id })
    .from(liaisons)
    .where(and(eq(liaisons.unitId, unitId), eq(liaisons.active, true)));
  if (ls.length === 0) return [];
  const found = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      inArray(
        outbox.dedupeKey,
        ls.map((l) => `${prefix}:liaison:${l.id}`),
      ),
    );
  return found.map((f) => Number(f.id));
}
