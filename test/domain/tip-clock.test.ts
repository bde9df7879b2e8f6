import { describe, expect, it } from "vitest";
import { computeTipDeadlines, DEFAULT_TIP_DEADLINE_RULES as RULES, type TipDeadlineRules } from "../../src/domain/deadlines.js";
import { answerDeadline, deadlineState, extendedVerification, nextDeadline, type TipClockFields } from "../../src/domain/tip-clock.js";

/** Noon in Shanghai on a calendar date: the instant a clerk clicks. */
const noon = (date: string) => new Date(`${date}T12:00:00+08:00`);

/**
 * Hand-counted over the State Council's schedules as chinese-days 1.5.7 has them:
 * - 春节 2026: rest Sun 02-15 … Mon 02-23 (9 days); Sat 02-14 and Sat 02-28 are make-up working days.
 * - 中秋 + 国庆 2026: rest Fri 09-25 … Sun 09-27 and Thu 10-01 … Wed 10-07; Sun 09-20 and Sat 10-10 are
 *   make-up working days.
 * - 2027: no schedule published in the package yet — Monday to Friday only, and flagged provisional.
 * The day a period starts is not counted (民法典 第二百零一条); an end on a rest day moves to the next working day.
 */
describe("the statutory clock over Chinese holidays", () => {
  it("受理, 5 working days, across 春节 2026", () => {
    // received Thu 02-12: Fri 02-13 (1), Sat 02-14 make-up (2), 02-15…02-23 rest, Tue 02-24 (3), Wed 02-25 (4), Thu 02-26 (5)
    const d = computeTipDeadlines(noon("2026-02-12"), RULES);
    expect(d.acceptance).toMatchObject({ date: "2026-02-26", provisional: false });
    expect(d.acceptance.due.toISOString()).toBe("2026-02-26T15:59:59.999Z"); // 23:59:59.999 +08:00
  });

  it("受理 of an urgent tip, 1 working day, received on the make-up Saturday before 春节 2026", () => {
    // received Sat 02-14 (a working day): the next working day after the 9-day holiday is Tue 02-24 (1)
    expect(computeTipDeadlines(noon("2026-02-14"), RULES, undefined, true).acceptance.date).toBe("2026-02-24");
  });

  it("核查, 60 days from 受理, ending inside 国庆 2026, rolls to the first working day after it", () => {
    // accepted Sun 08-02: 08-03…08-31 is 29 days, 09-01…09-30 is 30 more (59), 10-01 is day 60 — 国庆 — so Thu 10-08
    expect(computeTipDeadlines(noon("2026-08-02"), RULES, noon("2026-08-02")).verification.date).toBe("2026-10-08");
  });

  it("the one extension lengthens the same period: 60 + 30 days, and 60 + 5 days", () => {
    // 60 + 30 = 90 days after 08-02: day 60 is 10-01, day 90 is Sat 10-31 (a rest day) → Mon 11-02
    expect(extendedVerification(noon("2026-08-02"), RULES, 30)).toMatchObject({ date: "2026-11-02", provisional: false });
    // 60 + 5 = 65 days: Tue 10-06, still 国庆 → Thu 10-08 — the same day as without it: the holiday already gave those days
    expect(extendedVerification(noon("2026-08-02"), RULES, 5).date).toBe("2026-10-08");
    expect(() => extendedVerification(noon("2026-08-02"), RULES, 31)).toThrow(RangeError);
    expect(() => extendedVerification(noon("2026-08-02"), RULES, 0)).toThrow(RangeError);
  });

  it("a configured verification period and extension are the ones counted", () => {
    const rules: TipDeadlineRules = {
      ...RULES,
      verification: { amount: 30, unit: "calendar_days" },
      maxExtension: { amount: 15, unit: "calendar_days" },
    };
    // accepted Mon 2026-09-07: day 30 is Wed 10-07 (国庆) → Thu 10-08; with 15 more, day 45 is Thu 10-22 (a working day)
    expect(computeTipDeadlines(noon("2026-09-07"), rules, noon("2026-09-07")).verification.date).toBe("2026-10-08");
    expect(extendedVerification(noon("2026-09-07"), rules, 15).date).toBe("2026-10-22");
    expect(() => extendedVerification(noon("2026-09-07"), rules, 16)).toThrow(RangeError);
  });

  it("答复, 10 days after the verification result, ending inside 春节 2026", () => {
    // result Tue 02-10: day 10 is Fri 02-20, inside the holiday → Tue 02-24
    expect(answerDeadline(noon("2026-02-10"), RULES)).toMatchObject({ date: "2026-02-24", provisional: false });
  });

  it("答复 around 春节 2027 and 受理 around 国庆 2027: counted Monday to Friday and flagged provisional", () => {
    // result Mon 2027-02-01: day 10 is Thu 02-11, a weekday; the real 春节 2027 holiday is not known to the package
    expect(answerDeadline(noon("2027-02-01"), RULES)).toMatchObject({ date: "2027-02-11", provisional: true });
    // received Thu 2027-09-30: Fri 10-01 (1), Mon 10-04 (2), Tue 10-05 (3), Wed 10-06 (4), Thu 10-07 (5)
    expect(computeTipDeadlines(noon("2027-09-30"), RULES).acceptance).toMatchObject({ date: "2027-10-07", provisional: true });
  });
});

describe("the next deadline of a tip", () => {
  const due = { acceptDueAt: noon("2026-02-26"), handleDueAt: noon("2026-04-27"), answerDueAt: noon("2026-05-07"), reviewStartDueAt: null };
  const tip = (status: TipClockFields["status"], over: Partial<TipClockFields> = {}): TipClockFields => ({ status, ...due, ...over });

  it("is 受理 while received, 核查 while accepted or investigating, 答复 once the result is in, none after", () => {
    expect(nextDeadline(tip("received"))).toEqual({ kind: "accept", due: due.acceptDueAt });
    expect(nextDeadline(tip("accepted"))).toEqual({ kind: "verify", due: due.handleDueAt });
    expect(nextDeadline(tip("investigating"))).toEqual({ kind: "verify", due: due.handleDueAt });
    for (const s of ["substantiated", "partly_substantiated", "unsubstantiated"] as const)
      expect(nextDeadline(tip(s))).toEqual({ kind: "answer", due: due.answerDueAt });
    for (const s of ["closed", "not_accepted", "merged"] as const) expect(nextDeadline(tip(s))).toBeNull();
    expect(nextDeadline(tip("substantiated", { answerDueAt: null }))).toBeNull();
  });

  it("is overdue once past, due soon within 3 days, later beyond", () => {
    const at = noon("2026-03-01");
    expect(deadlineState(new Date(at.getTime() - 1), at)).toBe("overdue");
    expect(deadlineState(at, at)).toBe("soon");
    expect(deadlineState(new Date(at.getTime() + 3 * 86_400_000), at)).toBe("soon");
    expect(deadlineState(new Date(at.getTime() + 3 * 86_400_000 + 1), at)).toBe("later");
  });
});
