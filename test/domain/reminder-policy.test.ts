import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isWorkingDay, shanghaiDate } from "../../src/domain/deadlines";
import {
  DEFAULT_REMINDER_POLICY,
  REMINDER_POLICIES,
  mayDeliverAt,
  nextDeliveryTime,
  reminderSchedule,
  remindersToPlan,
  shanghaiInstant,
  workingDaysOverdue,
} from "../../src/domain/reminder-policy";

const at = (date: string, hhmm: string) => shanghaiInstant(date, hhmm);
const brief = (steps: { step: string; date: string; audience: string }[]) => steps.map((s) => `${s.step}@${s.date}${s.audience === "supervisor" ? "!" : ""}`);

describe("reminderSchedule", () => {
  it("plans 3 days and 1 day before, the due day, every 2 working days overdue and an escalation after 5", () => {
    // Wednesday 2025-06-18; 3 days before is Sunday 06-15, moved to Friday 06-13.
    expect(brief(reminderSchedule("2025-06-18")).slice(0, 6)).toEqual([
      "before-3d@2025-06-13",
      "before-1d@2025-06-17",
      "due@2025-06-18",
      "overdue-2wd@2025-06-20",
      "overdue-4wd@2025-06-24",
      "overdue-6wd@2025-06-26",
    ]);
    const s = reminderSchedule("2025-06-18");
    expect(brief(s).at(-1)).toBe("escalate-5wd@2025-06-25!");
    expect(s.filter((x) => x.step.startsWith("overdue"))).toHaveLength(DEFAULT_REMINDER_POLICY.maxOverdueReminders);
    expect(s[0].sendAt.toISOString()).toBe("2025-06-13T01:00:00.000Z"); // 09:00 in Shanghai
  });

  it("uses the holiday calendar: National Day 2025 pushes 'before' back and counts the make-up Saturday as a working day", () => {
    // 10-01..10-08 are off; Saturday 10-11 is a make-up workday. Both "before" days fall in the holiday → 09-30, kept once.
    const s = brief(reminderSchedule("2025-10-09"));
    expect(s.slice(0, 3)).toEqual(["before-1d@2025-09-30", "due@2025-10-09", "overdue-2wd@2025-10-11"]);
    expect(s).toContain("escalate-5wd@2025-10-15!");
  });

  it("never plans a reminder at night or on a rest day, except on the due day", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2026-12-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...(Object.keys(REMINDER_POLICIES) as (keyof typeof REMINDER_POLICIES)[])),
        (d, kind) => {
          const dueOn = shanghaiDate(d);
          for (const s of reminderSchedule(dueOn, REMINDER_POLICIES[kind])) {
            expect(mayDeliverAt(s.sendAt, dueOn)).toBe(true);
            expect(s.date === dueOn || isWorkingDay(s.date)).toBe(true);
            expect(shanghaiDate(s.sendAt)).toBe(s.date);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("delivery window", () => {
  it("is 08:30–20:00 Shanghai time", () => {
    expect(mayDeliverAt(at("2025-06-18", "08:29"), "2025-06-30")).toBe(false);
    expect(mayDeliverAt(at("2025-06-18", "08:30"), "2025-06-30")).toBe(true);
    expect(mayDeliverAt(at("2025-06-18", "19:59"), "2025-06-30")).toBe(true);
    expect(mayDeliverAt(at("2025-06-18", "20:00"), "2025-06-30")).toBe(false);
  });

  it("skips rest days and holidays unless it is the due day", () => {
    expect(mayDeliverAt(at("2025-06-21", "10:00"), "2025-06-30")).toBe(false); // Saturday
    expect(mayDeliverAt(at("2025-06-21", "10:00"), "2025-06-21")).toBe(true); // Saturday, but due that day
    expect(mayDeliverAt(at("2025-10-03", "10:00"), "2025-10-09")).toBe(false); // National Day holiday
    expect(mayDeliverAt(at("2025-10-11", "10:00"), "2025-10-20")).toBe(true); // make-up Saturday
  });

  it("moves to the next allowed morning", () => {
    expect(nextDeliveryTime(at("2025-06-20", "21:00"), "2025-06-30")).toEqual(at("2025-06-23", "08:30")); // Friday night → Monday
    expect(nextDeliveryTime(at("2025-06-20", "21:00"), "2025-06-21")).toEqual(at("2025-06-21", "08:30")); // due Saturday
    expect(nextDeliveryTime(at("2025-06-20", "06:00"), "2025-06-30")).toEqual(at("2025-06-20", "08:30"));
    expect(nextDeliveryTime(at("2025-09-30", "20:30"), "2025-10-20")).toEqual(at("2025-10-09", "08:30")); // over the whole holiday
    const inWindow = at("2025-06-18", "11:11");
    expect(nextDeliveryTime(inWindow, "2025-06-30")).toBe(inWindow);
  });
});

describe("remindersToPlan", () => {
  it("plans only what is due within the horizon", () => {
    const steps = remindersToPlan({ dueOn: "2025-06-18", now: at("2025-06-12", "12:00") });
    expect(steps.map((s) => s.step)).toEqual(["before-3d"]);
  });

  it("for a duty created late, sends the current step now (not the missed ones) and the next on time", () => {
    const now = at("2025-06-17", "15:00");
    const steps = remindersToPlan({ dueOn: "2025-06-18", now });
    expect(steps.map((s) => [s.step, s.sendAt.toISOString()])).toEqual([
      ["before-1d", now.toISOString()],
      ["due", at("2025-06-18", "09:00").toISOString()],
    ]);
  });

  it("does not send a late step at night; drops it when the next step's day comes first", () => {
    expect(remindersToPlan({ dueOn: "2025-06-18", now: at("2025-06-17", "21:00") }).map((s) => s.step)).toEqual(["due"]);
    expect(remindersToPlan({ dueOn: "2025-06-24", now: at("2025-06-20", "21:00") })).toEqual([]); // Monday is before-1d's day
    const morning = remindersToPlan({ dueOn: "2025-06-25", now: at("2025-06-20", "21:00") }); // before-3d (moved to Fri) missed
    expect(morning.map((s) => [s.step, s.sendAt.toISOString()])).toEqual([["before-3d", at("2025-06-23", "08:30").toISOString()]]);
  });

  it("escalates to the supervisor after 5 working days overdue, besides the unit's own reminder", () => {
    const steps = remindersToPlan({ dueOn: "2025-06-18", now: at("2025-06-25", "10:00") });
    expect(steps.map((s) => `${s.step}:${s.audience}`)).toEqual(["overdue-4wd:unit", "overdue-6wd:unit", "escalate-5wd:supervisor"]);
    expect(steps.find((s) => s.step === "overdue-6wd")!.sendAt).toEqual(at("2025-06-26", "09:00")); // next one, within the day's horizon
  });

  it("stops after the last overdue reminder has gone stale", () => {
    expect(remindersToPlan({ dueOn: "2025-01-06", now: at("2025-06-18", "10:00") })).toEqual([]);
  });
});

it("counts working days overdue across holidays", () => {
  expect(workingDaysOverdue("2025-09-30", "2025-10-09")).toBe(1);
  expect(workingDaysOverdue("2025-06-18", "2025-06-18")).toBe(0);
  expect(workingDaysOverdue("2025-06-18", "2025-06-23")).toBe(3);
});
