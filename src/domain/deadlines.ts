import chineseDays from "chinese-days";

/**
 * Deadlines in Asia/Shanghai, counted the way Chinese law counts periods:
 * - 民法典 第二百零一条: the day the period starts is not counted; counting begins the next day.
 * - 民法典 第二百零三条: if the last day is a rest day (法定休假日), the period ends on the next working
 *   day; the last day ends at 24:00 — here 23:59:59.999 +08:00.
 * - A rule written "N日" means calendar days; rules that mean working days say 工作日 (compare
 *   行政处罚法 第八十五条, which has to define its short periods as 工作日 expressly).
 * Working days come from `chinese-days` (State Council holiday notices, including make-up workdays).
 */

// A default import: the package's CommonJS build (what Node and tsx load) has no named ESM exports.
const { isWorkday, getDayDetail } = chineseDays;

export type Period = { amount: number; unit: "working_days" | "calendar_days" };

export interface TipDeadlineRules {
  /** 受理 decision after receipt. */
  acceptance: Period;
  /** 受理 decision after receipt of a tip marked urgent (immediate danger): shorter than `acceptance`. */
  urgentAcceptance: Period;
  /** 核查 finished after acceptance. */
  verification: Period;
  /** The one extension of verification, with approval and the reason told to the reporter. */
  maxExtension: Period;
  /** Result told to the reporter after verification finishes. */
  feedback: Period;
  /** Reporter may object after receiving the conclusion. */
  objection: Period;
  /** Review by the tier above starts after an objection. */
  reviewStart: Period;
  /** Reporter claims the reward after being notified. */
  rewardClaim: Period;
}

/**
 * Defaults (every one overridable per campaign or province):
 * - acceptance 5 working days: no national rule fixing a 受理 time limit for safety tips was found in
 *   the sources at hand, so 5 working days is our choice, not a citation. For comparison, 《信访工作
 *   条例》(2022) 第二十四条 allows 15 days to tell a petitioner whether the matter is accepted, and
 *   Shandong (省安监局, 2015) required real-name reporters to be told on the spot.
 * - urgent acceptance 1 working day: also our choice — a tip about an immediate danger should not wait a
 *   week for someone to take it on.
 * - verification 60 days from acceptance, extension at most 30 days, result to the reporter within
 *   10 days of finishing: 安监总财〔2012〕63号 (same wording in Shandong's 2015 guidance). "日" read
 *   as calendar days (see above).
 * - objection within 10 days of receiving the conclusion; review by the tier above started within
 *   30 days: 应急〔2023〕106号《关于进一步加强安全生产举报工作的指导意见》.
 * - reward claimed within 60 days of notice: 《安全生产领域举报奖励办法》(安监总财〔2018〕19号).
 */
export const DEFAULT_TIP_DEADLINE_RULES: TipDeadlineRules = {
  acceptance: { amount: 5, unit: "working_days" },
  urgentAcceptance: { amount: 1, unit: "working_days" },
  verification: { amount: 60, unit: "calendar_days" },
  maxExtension: { amount: 30, unit: "calendar_days" },
  feedback: { amount: 10, unit: "calendar_days" },
  objection: { amount: 10, unit: "calendar_days" },
  reviewStart: { amount: 30, unit: "calendar_days" },
  rewardClaim: { amount: 60, unit: "calendar_days" },
};

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has kept UTC+8 without DST since 1991

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (!match || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return { y, m, d };
}

function formatUtcDate(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** The calendar date in Asia/Shanghai at this instant. */
export function shanghaiDate(instant: Date): string {
  return formatUtcDate(new Date(instant.getTime() + SHANGHAI_OFFSET_MS));
}

/** 23:59:59.999 in Asia/Shanghai on this date. */
export function endOfShanghaiDay(date: string): Date {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + 1) - SHANGHAI_OFFSET_MS - 1);
}

export function addCalendarDays(date: string, n: number): string {
  const { y, m, d } = parseDate(date);
  return formatUtcDate(new Date(Date.UTC(y, m - 1, d + n)));
}

/**
 * chinese-days parses "YYYY-MM-DD" as UTC midnight but reads it back with local-time getters, so on
 * a server west of UTC every answer is for the previous day. A local-time noon Date avoids that in
 * any process time zone.
 */
function localNoon(date: string): Date {
  const { y, m, d } = parseDate(date);
  return new Date(y, m - 1, d, 12);
}

export function isWorkingDay(date: string): boolean {
  return isWorkday(localNoon(date));
}

const coverage = new Map<number, boolean>();

/**
 * Whether the holiday schedule for this year is known. The State Council publishes each year's
 * schedule late in the year before; for unknown years chinese-days silently answers Monday–Friday.
 * Every schedule has a 元旦 holiday on 1 January, so its absence means no data.
 */
export function hasHolidayData(year: number): boolean {
  let known = coverage.get(year);
  if (known === undefined) {
    known = getDayDetail(new Date(year, 0, 1, 12)).name.includes("元旦");
    coverage.set(year, known);
  }
  return known;
}

/**
 * The nth working day after `date` (n > 0), before it (n < 0), or `date` itself if it is a working
 * day and otherwise the next one (n = 0).
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  let current = date;
  if (n === 0) {
    while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
    return current;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** Last day of a period starting on `date` (that day not counted), rolled off rest days. */
export function periodEnd(date: string, period: Period): string {
  if (period.unit === "working_days") return addWorkingDays(date, period.amount);
  return addWorkingDays(addCalendarDays(date, period.amount), 0);
}

export interface Deadline {
  date: string;
  due: Date;
  /** True when a year the period touches has no published holiday schedule yet. */
  provisional: boolean;
}

export function deadlineAfter(start: Date | string, period: Period): Deadline {
  const from = typeof start === "string" ? start : shanghaiDate(start);
  const date = periodEnd(from, period);
  const years = [Number(from.slice(0, 4)), Number(date.slice(0, 4))];
  const provisional = years.some((y) => !hasHolidayData(y));
  return { date, due: endOfShanghaiDay(date), provisional };
}

export interface TipDeadlines {
  receivedDate: string;
  acceptance: Deadline;
  /** Counted from `acceptedAt` when given, else from the acceptance deadline (the latest lawful start). */
  verification: Deadline;
  /** Verification deadline with the maximum extension. */
  extendedVerification: Deadline;
}

export function computeTipDeadlines(receivedAt: Date, rules: TipDeadlineRules = DEFAULT_TIP_DEADLINE_RULES, acceptedAt?: Date, urgent = false): TipDeadlines {
  const receivedDate = shanghaiDate(receivedAt);
  const acceptance = deadlineAfter(receivedDate, urgent ? rules.urgentAcceptance : rules.acceptance);
  const acceptedDate = acceptedAt ? shanghaiDate(acceptedAt) : acceptance.date;
  const verification = deadlineAfter(acceptedDate, rules.verification);
  // The extension lengthens the same period (60 + 30 days), not the rolled-off end date.
  const sameUnit = rules.maxExtension.unit === rules.verification.unit;
  const extendedVerification = sameUnit
    ? deadlineAfter(acceptedDate, { ...rules.verification, amount: rules.verification.amount + rules.maxExtension.amount })
    : deadlineAfter(verification.date, rules.maxExtension);
  return { receivedDate, acceptance, verification, extendedVerification };
}
