import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { tipEvents, type Tip, type TipExtension } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { extendedVerification } from "../../domain/tip-clock.js";
import { AppError, type Deps } from "../deps.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import type { StaffActor } from "../staff/actor.js";
import { noteField, tipActionInput } from "./inputs.js";
import { notifyReporter } from "./notify-reporter.js";
import { isCommittee } from "./scope.js";
import { parseInput, runTipAction } from "./tip-action.js";

export const decideExtensionInput = tipActionInput.extend({ note: noteField });

/** The pending request, or a conflict; the approver is committee staff whose scope covers the tip and not the requester. */
function pendingRequest(actor: StaffActor, tip: Tip): TipExtension {
  const ext = tip.extension;
  if (ext?.state !== "requested")
    throw new AppError("conflict", "no extension request is pending", { reason: ext?.state === "approved" ? "extension_used" : "extension_none" });
  if (ext.requestedBy === actor.id) throw new AppError("forbidden", "the requester cannot decide their own extension");
  return ext;
}

/** When verification began: the 受理 event (the period counts from that day), else the stored deadline's day. */
async function acceptedAt(deps: Deps, tipId: number): Promise<Date | null> {
  const [e] = await deps.db
    .select({ at: tipEvents.at })
    .from(tipEvents)
    .where(and(eq(tipEvents.tipId, tipId), eq(tipEvents.kind, "accepted")))
    .orderBy(desc(tipEvents.id))
    .limit(1);
  return e?.at ?? null;
}

/**
 * 批准延期: a committee member (scope covering the tip, not the one who asked) approves the pending
 * request. Verification's deadline moves to the acceptance date + (TIP_VERIFICATION_DAYS + days), and
 * the reporter is told the new date and the reason: a public event with their receipt and a message on
 * their channel. Once approved, the tip's one extension is used.
 */
export async function approveExtension(deps: Deps, raw: z.input<typeof decideExtensionInput>) {
  const input = parseInput(decideExtensionInput, raw);
  if (!isCommittee(input.actor)) throw new AppError("forbidden", "extensions are approved by the committee");
  const rules = tipDeadlineRules(deps.config);
  const began = await acceptedAt(deps, input.tipId);
  const now = deps.clock();
  let newDueOn = "";
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "extended",
    from: ["accepted", "investigating"],
    committeeOnly: () => true,
    note: input.note,
    public: true,
    prepare: (tip) => {
      const ext = pendingRequest(input.actor, tip);
      const days = Math.min(ext.days, rules.maxExtension.amount);
      const previousDueOn = tip.handleDueAt ? shanghaiDate(tip.handleDueAt) : undefined;
      // A tip accepted before events were kept has no 受理 event: extend from its stored deadline.
      const due = began
        ? extendedVerification(began, rules, days)
        : extendedVerification(tip.handleDueAt ?? now, { ...rules, verification: { amount: 0, unit: "calendar_days" } }, days);
      newDueOn = due.date;
      const extension: TipExtension = { ...ext, days, state: "approved", decidedBy: input.actor.id, decidedAt: now.toISOString(), previousDueOn, newDueOn };
      return { set: { extension, handleDueAt: due.due }, reason: ext.reason, data: { days, verifyBy: due.date, previousVerifyBy: previousDueOn } };
    },
    after: async (tx, tip) => ({
      delivery: await notifyReporter(tx, deps, tip, "admin-reporter-extended", { verifyBy: newDueOn, reason: tip.extension!.reason }, `tip:${tip.id}:extended`),
    }),
  });
}

/** 不予延期: the committee refuses the pending request (with an internal note); the deadline stays. */
export async function refuseExtension(deps: Deps, raw: z.input<typeof decideExtensionInput>) {
  const input = parseInput(decideExtensionInput, raw);
  if (!isCommittee(input.actor)) throw new AppError("forbidden", "extensions are decided by the committee");
  const now = deps.clock();
  return runTipAction(deps, input.actor, input.tipId, {
    kind: "extension_refused",
    from: ["accepted", "investigating"],
    committeeOnly: () => true,
    note: input.note,
    prepare: (tip) => {
      const ext = pendingRequest(input.actor, tip);
      const extension: TipExtension = { ...ext, state: "refused", decidedBy: input.actor.id, decidedAt: now.toISOString() };
      return { set: { extension }, data: { days: ext.days } };
    },
  });
}
