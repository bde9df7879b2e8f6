import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tipEvents, tips, units, type Tip } from "../../db/schema.js";
import { deadlineAfter, shanghaiDate } from "../../domain/deadlines.js";
import { normalizeTrackingCode } from "../../domain/receipts.js";
import { cleanText } from "../../domain/tip-input.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { tipDeadlineRules } from "../routing/route-tip.js";
import { withTransaction } from "../with-transaction.js";
import { verifyReceipt, type ReceiptRefusal } from "./check-status.js";
import { withoutReceiptSecrets } from "./receipt-in-text.js";
import { readMergeGroup } from "./tip-answer.js";
import { notifyUnits } from "./tip-notifications.js";
import { reviewJurisdiction } from "../triage/scope.js";
import { nextDueColumns } from "../triage/tip-clock-columns.js";

export const MAX_OBJECTION_TEXT = 2_000;

export const objectToAnswerInput = z.object({
  /** The receipt (web, API, SMS), or the Telegram chat the tip was sent from (its keyed hash is compared). */
  proof: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("receipt"), trackingCode: z.string().max(64), secret: z.string().max(128) }),
    z.object({ kind: z.literal("chat"), channel: z.literal("telegram"), address: z.string().min(1).max(64), trackingCode: z.string().max(64) }),
  ]),
  channel: z.enum(["telegram", "web", "api", "sms"]),
  text: z
    .string()
    .max(MAX_OBJECTION_TEXT * 2)
    .transform(cleanText)
    .pipe(z.string().min(2).max(MAX_OBJECTION_TEXT)),
});
export type ObjectToAnswerInput = z.input<typeof objectToAnswerInput>;

export type ObjectionRefusal =
  | ReceiptRefusal
  /** No answer yet (or the tip was closed before answers were recorded): nothing to object to. */
  | { ok: false; reason: "not_answered"; trackingCode: string }
  /** The window ended on `closedOn` (YYYY-MM-DD, Asia/Shanghai). */
  | { ok: false; reason: "window_closed"; trackingCode: string; closedOn: string }
  | { ok: false; reason: "already_objected"; trackingCode: string }
  /** The review has answered: its answer is final. */
  | { ok: false; reason: "final"; trackingCode: string };

export type ObjectionResult = { ok: true; trackingCode: string; reviewStartDueAt: Date } | ObjectionRefusal;

/**
 * 异议: the reporter contests the answer within TIP_OBJECTION_DAYS of it. The tip moves to `objected`
 * and the committee one tier up must start the review within TIP_REVIEW_START_DAYS. The check of the
 * window and the change happen under the tip's row lock, so two objections cannot both pass. The audit
 * row records that an objection was made, not the reporter's words (those are the public event).
 */
export async function objectToAnswer(deps: Deps, raw: ObjectToAnswerInput): Promise<ObjectionResult> {
  const parsed = objectToAnswerInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid objection",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  const found = await proveReporter(deps, input.proof);
  if (!found.ok) return found;
  const text = await withoutReceiptSecrets(deps, input.text);
  return withTransaction(deps, async (txDeps) => {
    const tx = txDeps.db;
    const now = deps.clock();
    // A merged tip's matter was answered on its group's root: its reporter objects under their own code,
    // and the objection is the root's (one review for the matter); replies name only the reporter's own code.
    const own = found.tip;
    const viaGroup = own.status === "merged";
    const targetId = viaGroup ? (await readMergeGroup(tx, own.id)).rootId : own.id;
    const [tip] = await tx.select().from(tips).where(eq(tips.id, targetId)).for("update");
    const refusal = refuse(tip, now, own.trackingCode);
    if (refusal) return refusal;
    const reviewStart = deadlineAfter(now, tipDeadlineRules(deps.config).reviewStart);
    await tx
      .update(tips)
      .set({
        status: "objected",
        reviewStartDueAt: reviewStart.due,
        ...nextDueColumns({ ...tip, status: "objected", reviewStartDueAt: reviewStart.due }),
        updatedAt: now,
      })
      .where(eq(tips.id, tip.id));
    // The words are public on the objecting reporter's own tip only: the root's reporter did not write them.
    const [event] = await tx
      .insert(tipEvents)
      .values({
        tipId: tip.id,
        kind: "objected",
        actor: "reporter",
        public: !viaGroup,
        at: now,
        data: { from: tip.status, to: "objected", channel: input.channel, text, ...(viaGroup ? { viaTipId: own.id } : {}) },
      })
      .returning({ id: tipEvents.id });
    if (viaGroup)
      await tx.insert(tipEvents).values({
        tipId: own.id,
        kind: "objected",
        actor: "reporter",
        public: true,
        at: now,
        data: { from: own.status, to: own.status, channel: input.channel, text, viaGroup: true },
      });
    await appendAudit(
      tx,
      {
        actor: "reporter",
        action: "tip.objected",
        entity: "tip",
        entityId: tip.id,
        before: { status: tip.status },
        after: {
          status: "objected",
          eventId: event.id,
          channel: input.channel,
          reviewStartDueAt: reviewStart.due.toISOString(),
          ...(viaGroup ? { viaTipId: own.id } : {}),
        },
      },
      now,
    );
    // The reviewing committee and the unit that answered hear of it (not the words: those are on the tip page).
    const reviewCode = await reviewJurisdiction(tx, tip);
    const committees = reviewCode
      ? await tx
          .select({ id: units.id })
          .from(units)
          .where(and(eq(units.jurisdictionCode, reviewCode), eq(units.kind, "committee"), eq(units.active, true)))
      : [];
    await notifyUnits(
      tx,
      txDeps,
      [...new Set([tip.unitId, ...committees.map((c) => c.id)])],
      (l) => ({ text: deps.i18n.t(l, "tip-objection-staff-notice", { code: tip.trackingCode, date: reviewStart.date }) }),
      `tip:${tip.id}:objected:${event.id}`,
    );
    return { ok: true as const, trackingCode: own.trackingCode, reviewStartDueAt: reviewStart.due };
  });
}

/**
 * Whether this reporter could object now, without objecting: a chat's 提出异议 button answers at once
 * with the closed window's date instead of asking for a reason first. The verb checks again.
 */
export async function objectionAllowed(
  deps: Deps,
  proof: z.input<typeof objectToAnswerInput>["proof"],
): Promise<{ ok: true; trackingCode: string } | ObjectionRefusal> {
  const parsed = objectToAnswerInput.shape.proof.safeParse(proof);
  if (!parsed.success) return { ok: false, reason: "not_found" };
  const found = await proveReporter(deps, parsed.data);
  if (!found.ok) return found;
  const own = found.tip;
  const [tip] =
    own.status === "merged"
      ? await deps.db
          .select()
          .from(tips)
          .where(eq(tips.id, (await readMergeGroup(deps.db, own.id)).rootId))
      : [own];
  return refuse(tip, deps.clock(), own.trackingCode) ?? { ok: true, trackingCode: own.trackingCode };
}

/** Refusals name `code`, the reporter's own tracking code (never another tip's of a merge group). */
function refuse(tip: Tip, now: Date, code: string): ObjectionRefusal | null {
  if (tip.status === "objected" || tip.status === "under_review") return { ok: false, reason: "already_objected", trackingCode: code };
  if (tip.status !== "closed" || !tip.answeredAt) return { ok: false, reason: "not_answered", trackingCode: code };
  if (!tip.objectionDueAt) return { ok: false, reason: "final", trackingCode: code };
  if (now > tip.objectionDueAt) return { ok: false, reason: "window_closed", trackingCode: code, closedOn: shanghaiDate(tip.objectionDueAt) };
  return null;
}

async function proveReporter(deps: Deps, proof: z.output<typeof objectToAnswerInput>["proof"]): Promise<{ ok: true; tip: Tip } | ReceiptRefusal> {
  if (proof.kind === "receipt") return verifyReceipt(deps, proof);
  const code = normalizeTrackingCode(proof.trackingCode);
  if (!code) return { ok: false, reason: "not_found" };
  const [tip] = await deps.db
    .select()
    .from(tips)
    .where(and(eq(tips.trackingCode, code), eq(tips.reporterChannelHash, deps.crypto.hash(`reporter:${proof.channel}`, proof.address))));
  return tip ? { ok: true, tip } : { ok: false, reason: "not_found" };
}
