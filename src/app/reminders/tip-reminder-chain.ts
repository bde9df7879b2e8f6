import type { TipExtension } from "../../db/schema.js";
import { TIP_DEADLINE_KINDS, type TipDeadlineKind } from "../../domain/tip-clock.js";
import type { ReminderKind } from "../../domain/reminder-policy.js";

export interface TipReminderChain {
  /** The step prefix of this deadline's reminder rows: "accept:due", "handle-ext:overdue-2wd" … */
  prefix: string;
  policy: ReminderKind;
  /** Locale key naming the step in the reminder text. */
  stepKey: string;
}

const CHAINS: Record<TipDeadlineKind, TipReminderChain> = {
  accept: { prefix: "accept", policy: "tip_acceptance", stepKey: "reminder-tip-step-accept" },
  verify: { prefix: "handle", policy: "tip_handling", stepKey: "reminder-tip-step-handle" },
  answer: { prefix: "answer", policy: "tip_answer", stepKey: "reminder-tip-step-answer" },
  review_start: { prefix: "review", policy: "tip_review", stepKey: "reminder-tip-step-review" },
};

/**
 * Which reminder chain the tip's running deadline belongs to. Reminder rows are unique per (tip, step),
 * so a verification deadline moved by the extension gets chains of its own ("handle-ext"): the old
 * date's rows, already sent or no longer current, neither block the new ones nor go out again.
 */
export function tipReminderChain(tip: { nextDueKind: string | null; extension: TipExtension | null }): TipReminderChain | null {
  const kind = TIP_DEADLINE_KINDS.find((k) => k === tip.nextDueKind);
  if (!kind) return null;
  const chain = CHAINS[kind];
  return kind === "verify" && tip.extension?.state === "approved" ? { ...chain, prefix: "handle-ext" } : chain;
}
