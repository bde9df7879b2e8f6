import { addCalendarDays, addWorkingDays, isWorkingDay, shanghaiDate } from "./deadlines.js";

/**
 * When deadline reminders go out, in Asia/Shanghai: a few days before, on the due day, then every few
 * working days while overdue, and once, after N working days overdue, an escalation to the supervising
 * unit. Never at night (only inside the daily window) and never on a rest day unless it is the due day.
 */
export type ReminderKind = "deliverable" | "recurring" | "figures" | "tip_acceptance" | "tip_handling" | "tip_answer" | "tip_review";
export type ReminderAudience = "unit" | "supervisor";

export interface ReminderPolicy {
  /** Calendar days before the due day; a rest day moves the reminder to the working day before. */
  daysBefore: number[];
  overdueEveryWorkingDays: number;
  /** Stop nagging after this many overdue reminders (an abandoned duty should not ping for ever). */
  maxOverdueReminders: number;
  /** null: never escalate. */
  escalateAfterWorkingDays: number | null;
  /** "HH:MM" Shanghai time: nothing is delivered outside [from, to). */
  window: { from: string; to: string };
  /** "HH:MM": the planned time of each reminder on its day. */
  sendAt: string;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  daysBefore: [3, 1],
  overdueEveryWorkingDays: 2,
  maxOverdueReminders: 10,
  escalateAfterWorkingDays: 5,
  window: { from: "08:30", to: "20:00" },
  sendAt: "09:00",
};

/** Tip deadlines are counted in days, not weeks: one reminder the day before is enough. */
export const REMINDER_POLICIES: Record<ReminderKind, ReminderPolicy> = {
  deliverable: DEFAULT_REMINDER_POLICY,
  recurring: DEFAULT_REMINDER_POLICY,
  figures: DEFAULT_REMINDER_POLICY,
  tip_acceptance: { ...DEFAULT_REMINDER_POLICY, daysBefore: [1] },
  tip_handling: { ...DEFAULT_REMINDER_POLICY, daysBefore: [3, 1] },
  tip_answer: { ...DEFAULT_REMINDER_POLICY, daysBefore: [3, 1] },
  tip_review: { ...DEFAULT_REMINDER_POLICY, daysBefore: [3, 1] },
};

export interface ReminderStep {
  /** Stable name, unique per obligation: "before-3d", "due", "overdue-4wd", "escalate-5wd". */
  step: string;
  date: string;
  sendAt: Date;
  audience: ReminderAudience;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of `hhmm` Shanghai time on `date`. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, mo - 1, d) + minutesOf(hhmm) * 60_000 - SHANGHAI_OFFSET_MS);
}

function shanghaiMinuteOfDay(instant: Date): number {
  return Math.floor(((((instant.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

export function stepAudience(step: string): ReminderAudience {
  return step.includes("escalate") ? "supervisor" : "unit";
}

/** Every reminder of one deadline, in time order within each audience. */
export function reminderSchedule(dueOn: string, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): ReminderStep[] {
  const at = (step: string, date: string, audience: ReminderAudience = "unit"): ReminderStep => ({
    step,
    date,
    sendAt: shanghaiInstant(date, policy.sendAt),
    audience,
  });
  const before = [...new Set(policy.daysBefore)]
    .filter((n) => n > 0)
    .sort((a, b) => b - a)
    .map((n) => {
      let date = addCalendarDays(dueOn, -n);
      while (!isWorkingDay(date)) date = addCalendarDays(date, -1);
      return at(`before-${n}d`, date);
    });
  // A rest day can push two "before" reminders onto one day: keep the later-named (closer) one.
  const steps = before.filter((s, i) => s.date < (before[i + 1]?.date ?? dueOn));
  steps.push(at("due", dueOn));
  const every = policy.overdueEveryWorkingDays;
  if (every > 0) {
    for (let k = 1; k <= policy.maxOverdueReminders; k++) steps.push(at(`overdue-${k * every}wd`, addWorkingDays(dueOn, k * every)));
  }
  const n = policy.escalateAfterWorkingDays;
  if (n !== null && n > 0) steps.push(at(`escalate-${n}wd`, addWorkingDays(dueOn, n), "supervisor"));
  return steps;
}

/** May a reminder for a deadline on `dueOn` be delivered at this instant? */
export function mayDeliverAt(now: Date, dueOn: string, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): boolean {
  const minute = shanghaiMinuteOfDay(now);
  if (minute < minutesOf(policy.window.from) || minute >= minutesOf(policy.window.to)) return false;
  const today = shanghaiDate(now);
  return today === dueOn || isWorkingDay(today);
}

/** The first instant at or after `from` when a reminder for `dueOn` may be delivered. */
export function nextDeliveryTime(from: Date, dueOn: string, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Date {
  if (mayDeliverAt(from, dueOn, policy)) return from;
  let date = shanghaiDate(from);
  if (shanghaiMinuteOfDay(from) >= minutesOf(policy.window.from)) date = addCalendarDays(date, 1);
  // Chinese holidays are at most ~9 consecutive rest days; 60 bounds a wrong calendar, not a real one.
  for (let i = 0; i < 60 && !(date === dueOn || isWorkingDay(date)); i++) date = addCalendarDays(date, 1);
  return shanghaiInstant(date, policy.window.from);
}

export interface PlanInput {
  dueOn: string;
  now: Date;
  policy?: ReminderPolicy;
  /** Plan reminders due up to this far ahead; the planner runs every few minutes and adds the rest later. */
  horizonMs?: number;
}

/**
 * The reminders to store now: those planned within the horizon, plus the one currently in force for
 * each audience (the latest already due), moved to the next deliverable moment. Older due steps are
 * left out, so a duty created late, or a server down for days, does not send a burst of stale reminders.
 */
export function remindersToPlan(input: PlanInput): ReminderStep[] {
  const policy = input.policy ?? DEFAULT_REMINDER_POLICY;
  const now = input.now.getTime();
  const horizon = now + (input.horizonMs ?? DAY_MS);
  const schedule = reminderSchedule(input.dueOn, policy);
  const out: ReminderStep[] = [];
  for (const audience of ["unit", "supervisor"] as const) {
    const chain = schedule.filter((s) => s.audience === audience);
    const current = chain.filter((s) => s.sendAt.getTime() <= now).at(-1);
    const next = chain.find((s) => s.sendAt.getTime() > now);
    if (current) {
      const sendAt = nextDeliveryTime(input.now, input.dueOn, policy);
      const stale = now - current.sendAt.getTime() > 7 * DAY_MS;
      // If the earliest delivery falls on the next step's day, the next step says it better.
      if (!stale && (!next || shanghaiDate(sendAt) < next.date)) out.push({ ...current, sendAt });
    }
    for (const s of chain) if (s.sendAt.getTime() > now && s.sendAt.getTime() <= horizon) out.push(s);
  }
  return out;
}

/** Working days after `dueOn` up to and including `today` (0 when not overdue). */
export function workingDaysOverdue(dueOn: string, today: string): number {
  let n = 0;
  for (let d = addCalendarDays(dueOn, 1); d <= today && n < 1000; d = addCalendarDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** Calendar days from `today` until `dueOn` (negative once past). */
export function calendarDaysUntil(dueOn: string, today: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}
