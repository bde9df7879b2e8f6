import { deadlineAfter, shanghaiDate, type Deadline, type TipDeadlineRules } from "./deadlines.js";
import type { TipStatus } from "./tip-status.js";

/**
 * The statutory clock of one tip: which deadline runs now, given its status and its due columns.
 * - 受理 (accept): while received, the acceptance deadline.
 * - 核查 (verify): while accepted or under investigation, the verification deadline (moved once by an
 *   approved extension).
 * - 答复 (answer): once the result is recorded and until the tip is closed, the answer to the reporter.
 * - 复核 (review_start): once the reporter objects, the review by the tier above must start.
 * Closed, not accepted and merged tips have no running deadline (the objection window is the reporter's,
 * not staff's). The queue, its index and the reminders all follow this function.
 */
export const TIP_DEADLINE_KINDS = ["accept", "verify", "answer", "review_start"] as const;
export type TipDeadlineKind = (typeof TIP_DEADLINE_KINDS)[number];

export interface TipClockFields {
  status: TipStatus;
  acceptDueAt: Date | null;
  handleDueAt: Date | null;
  answerDueAt: Date | null;
  reviewStartDueAt: Date | null;
}

export interface NextDeadline {
  kind: TipDeadlineKind;
  due: Date;
}

export function nextDeadline(tip: TipClockFields): NextDeadline | null {
  const at = (kind: TipDeadlineKind, due: Date | null) => (due ? { kind, due } : null);
  switch (tip.status) {
    case "received":
      return at("accept", tip.acceptDueAt);
    case "accepted":
    case "investigating":
      return at("verify", tip.handleDueAt);
    case "substantiated":
    case "partly_substantiated":
    case "unsubstantiated":
      return at("answer", tip.answerDueAt);
    case "objected":
      return at("review_start", tip.reviewStartDueAt);
    default:
      return null;
  }
}

/** "Due soon" in the queue: within this many days of now (and not yet past). */
export const DUE_SOON_DAYS = 3;

export type DeadlineState = "overdue" | "soon" | "later";

export function deadlineState(due: Date, now: Date, soonDays = DUE_SOON_DAYS): DeadlineState {
  if (due.getTime() < now.getTime()) return "overdue";
  return due.getTime() <= now.getTime() + soonDays * 86_400_000 ? "soon" : "later";
}

/**
 * The verification deadline after the one extension of `days` (at most the configured maximum): the
 * same period lengthened (60 + d days from the acceptance date), as `computeTipDeadlines` counts the
 * longest extension, so an end rolled off a holiday is not rolled twice.
 */
export function extendedVerification(acceptedAt: Date, rules: TipDeadlineRules, days: number): Deadline {
  if (!Number.isInteger(days) || days < 1 || days > rules.maxExtension.amount)
    throw new RangeError(`extension must be 1..${rules.maxExtension.amount} days: ${days}`);
  const from = shanghaiDate(acceptedAt);
  if (rules.maxExtension.unit === rules.verification.unit) return deadlineAfter(from, { ...rules.verification, amount: rules.verification.amount + days });
  return deadlineAfter(deadlineAfter(from, rules.verification).date, { ...rules.maxExtension, amount: days });
}

/** The answer to the reporter is due this long after the verification result is recorded. */
export function answerDeadline(resultAt: Date, rules: TipDeadlineRules): Deadline {
  return deadlineAfter(resultAt, rules.feedback);
}
