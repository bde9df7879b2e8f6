import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_TIP_DEADLINE_RULES,
  addCalendarDays,
  addWorkingDays,
  computeTipDeadlines,
  deadlineAfter,
  endOfShanghaiDay,
  hasHolidayData,
  isWorkingDay,
  periodEnd,
  shanghaiDate,
} from "../../src/domain/deadlines";

// 2025 National Day + Mid-Autumn: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are make-up workdays.
describe("isWorkingDay", () => {
  it.each([
    ["2025-09-26", true], // Friday
    ["2025-09-27", false], // ordinary Saturday
    ["2025-09-28", true], // Sunday make-up workday
    ["2025-09-30", true],
    ["2025-10-01", false],
    ["2025-10-08", false], // Wednesday inside the holiday
    ["2025-10-09", true],
    ["2025-10-11", true], // Saturday make-up workday
    ["2025-10-12", false],
    ["2026-02-17", false], // 春节 2026
  ])("%s → %s", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it("rejects strings that are not calendar dates", () => {
    expect(() => isWorkingDay("2025-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("2025-9-30")).toThrow(RangeError);
  });

  describe("in a process west of UTC", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      process.env.TZ = saved;
    });
    it("still answers for the given date (chinese-days would answer for the day before)", () => {
      process.env.TZ = "America/Los_Angeles";
      expect(new Date(Date.UTC(2025, 9, 11)).getDate()).toBe(10); // the zone really is in effect
      expect(isWorkingDay("2025-10-11")).toBe(true);
      expect(isWorkingDay("2025-10-12")).toBe(false);
      expect(isWorkingDay("2025-10-09")).toBe(true);
    });
  });
});

describe("addWorkingDays", () => {
  it("skips the National Day holiday and counts the make-up Saturday", () => {
    expect(addWorkingDays("2025-09-30", 1)).toBe("2025-10-09");
    expect(addWorkingDays("2025-09-30", 3)).toBe("2025-10-11");
    expect(addWorkingDays("2025-09-30", 5)).toBe("2025-10-14");
  });

  it("counts backwards and handles n = 0", () => {
    expect(addWorkingDays("2025-10-09", -1)).toBe("2025-09-30");
    expect(addWorkingDays("2025-09-29", -1)).toBe("2025-09-28");
    expect(addWorkingDays("2025-10-03", 0)).toBe("2025-10-09");
    expect(addWorkingDays("2025-10-09", 0)).toBe("2025-10-09");
  });
});

describe("shanghaiDate and endOfShanghaiDay", () => {
  it("uses the Shanghai calendar date, not UTC's", () => {
    expect(shanghaiDate(new Date("2025-09-29T16:30:00Z"))).toBe("2025-09-30");
    expect(shanghaiDate(new Date("2025-09-29T15:59:59.999Z"))).toBe("2025-09-29");
  });

  it("ends the day at 23:59:59.999 +08:00", () => {
    expect(endOfShanghaiDay("2025-10-14").toISOString()).toBe("2025-10-14T15:59:59.999Z");
    expect(endOfShanghaiDay("2025-12-31").toISOString()).toBe("2025-12-31T15:59:59.999Z");
  });

  it("adds calendar days across month and year ends", () => {
    expect(addCalendarDays("2025-12-25", 10)).toBe("2026-01-04");
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("computeTipDeadlines", () => {
  it("a tip the day before National Day: acceptance counts from 10-09, make-up Saturday included", () => {
    const d = computeTipDeadlines(new Date("2025-09-30T10:00:00+08:00"));
    expect(d.receivedDate).toBe("2025-09-30");
    // 10-09 (1), 10-10 (2), 10-11 Sat make-up (3), 10-13 (4), 10-14 (5)
    expect(d.acceptance.date).toBe("2025-10-14");
    expect(d.acceptance.due.toISOString()).toBe("2025-10-14T15:59:59.999Z");
    expect(d.acceptance.provisional).toBe(false);
  });

  it("takes the receipt date in Shanghai: 01:00 on 09-30 Shanghai is still 09-29 in UTC", () => {
    const d = computeTipDeadlines(new Date("2025-09-29T17:00:00Z"));
    expect(d.receivedDate).toBe("2025-09-30");
    expect(d.acceptance.date).toBe("2025-10-14");
  });

  it("a tip on the Saturday make-up workday, and on an ordinary Saturday", () => {
    expect(computeTipDeadlines(new Date("2025-10-11T09:00:00+08:00")).acceptance.date).toBe("2025-10-17");
    expect(computeTipDeadlines(new Date("2025-10-18T09:00:00+08:00")).acceptance.date).toBe("2025-10-24");
    // Friday before the make-up Saturday: the Saturday counts as day 1
    expect(computeTipDeadlines(new Date("2025-10-10T09:00:00+08:00")).acceptance.date).toBe("2025-10-16");
  });

  it("verification: 60 calendar days from acceptance, a Saturday end rolled to Monday; extension to 90", () => {
    const d = computeTipDeadlines(new Date("2025-09-30T10:00:00+08:00"));
    // 2025-10-14 + 60 = 2025-12-13, a Saturday → Monday 12-15
    expect(d.verification.date).toBe("2025-12-15");
    expect(d.verification.due.toISOString()).toBe("2025-12-15T15:59:59.999Z");
    // 2025-10-14 + 90 = 2026-01-12, a Monday
    expect(d.extendedVerification.date).toBe("2026-01-12");
  });

  it("counts verification from the actual acceptance when given", () => {
    const d = computeTipDeadlines(new Date("2025-09-30T10:00:00+08:00"), DEFAULT_TIP_DEADLINE_RULES, new Date("2025-10-09T09:00:00+08:00"));
    // 2025-10-09 + 60 = 2025-12-08, a Monday
    expect(d.verification.date).toBe("2025-12-08");
  });

  it("rolls a calendar-day end out of the Spring Festival", () => {
    // 2026-02-07 + 10 = 2026-02-17, inside 春节 (02-15..02-23) → 02-24
    expect(periodEnd("2026-02-07", DEFAULT_TIP_DEADLINE_RULES.objection)).toBe("2026-02-24");
  });

  it("honours configured rules", () => {
    const rules = { ...DEFAULT_TIP_DEADLINE_RULES, acceptance: { amount: 1, unit: "working_days" as const } };
    expect(computeTipDeadlines(new Date("2025-09-30T10:00:00+08:00"), rules).acceptance.date).toBe("2025-10-09");
  });

  it("flags deadlines in years without a published holiday schedule as provisional", () => {
    expect(hasHolidayData(2025)).toBe(true);
    expect(hasHolidayData(2099)).toBe(false);
    expect(deadlineAfter("2099-03-02", DEFAULT_TIP_DEADLINE_RULES.acceptance).provisional).toBe(true);
    expect(computeTipDeadlines(new Date("2099-03-02T10:00:00+08:00")).verification.provisional).toBe(true);
  });
});
