import type { Deps } from "../app/deps.js";
import { planReminders } from "../app/reminders/plan-reminders.js";
import { sendDueReminders } from "../app/reminders/send-due-reminders.js";
import { sendInspectionReminders } from "../app/reminders/inspection-reminders.js";

/** Plan, then send: one job, so a reminder planned for now goes out in the same run. */
export async function runReminders(deps: Deps): Promise<{ inserted: number; sent: number; skipped: number; messages: number }> {
  const planned = await planReminders(deps);
  const total = { inserted: planned.inserted, sent: 0, skipped: 0, messages: 0 };
  // Batches of 200 per transaction; a month-end with thousands of units takes several.
  for (let batch = 0; batch < 100; batch++) {
    const r = await sendDueReminders(deps, { limit: 200 });
    total.sent += r.sent;
    total.skipped += r.skipped;
    total.messages += r.messages;
    if (r.sent + r.skipped < 200) break;
  }
  // 回头看 re-inspections and overdue corrections of inspection records (README "Inspection records").
  const inspectionsDue = await sendInspectionReminders(deps);
  total.sent += inspectionsDue.sent;
  total.messages += inspectionsDue.messages;
  return total;
}
