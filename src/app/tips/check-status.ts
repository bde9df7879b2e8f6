import { and, asc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { receiptFailures, tipEvents, tips, units, type Tip } from "../../db/schema.js";
import { normalizeSecret, normalizeTrackingCode } from "../../domain/receipts.js";
import type { SectorCode } from "../../domain/sectors.js";
import { answerFromEventData, type TipAnswer } from "../../domain/tip-answer.js";
import type { Deps } from "../deps.js";
import { reporterReward, type ReporterReward } from "../rewards/reporter-reward.js";
import { withoutOtherCodes } from "../../domain/duplicates.js";
import { answerFor, latestAnswerOn, readMergeGroup } from "./tip-answer.js";

/** Wrong secrets allowed per tracking code in one window; then every attempt is refused until it ends. */
export const RECEIPT_MAX_FAILURES = 5;
export const RECEIPT_WINDOW_MS = 15 * 60_000;

export const receiptInput = z.object({
  trackingCode: z.string().max(64),
  secret: z.string().max(128),
});
export type ReceiptInput = z.input<typeof receiptInput>;

/** Why a receipt was refused. not_found never says whether the code exists: a wrong secret looks the same. */
export type ReceiptRefusal = { ok: false; reason: "not_found" | "rate_limited"; retryAfterSeconds?: number };

/**
 * What the reporter is told happened, one name per kind of step — never a status name for something
 * else (a staff message while the tip is accepted is "工作人员留言", not a second "已受理").
 */
export const REPORTER_EVENTS = [
  "received",
  "reporter_info",
  "accepted",
  "not_accepted",
  "investigating",
  "extended",
  "result",
  "staff_message",
  "closed",
  "merged",
  "reward",
  "objected",
  "review_started",
  "reviewed",
  "reward_claimed",
  "reward_paid",
  "reward_lapsed",
  "update",
] as const;
export type ReporterEvent = (typeof REPORTER_EVENTS)[number];

export interface PublicEvent {
  kind: string;
  /** The name shown to the reporter (locale key `tip-event-<event>`). */
  event: ReporterEvent;
  at: Date;
  /** Free text meant for the reporter: a staff reply, feedback, the reporter's own addition, a reason. */
  text: string | null;
  /** The status the tip moved to at this step; null when the step did not change it. */
  status: string | null;
  /** The verification deadline this step set (受理, an approved extension), YYYY-MM-DD; null otherwise. */
  dueOn: string | null;
}

/** A tip as its reporter sees it, after proving the receipt (distinct from the domain's TipStatus, a state name). */
export interface ReporterTipView {
  trackingCode: string;
  /** The language the reporter wrote in: the default for showing the answer. */
  locale: string;
  status: Tip["status"];
  /** The reporter's own words, shown back to the holder of the receipt. */
  text: string;
  sector: SectorCode;
  unit: { name: string; nameEn: string | null };
  receivedAt: Date;
  history: PublicEvent[];
  /** The four-item answer given at 办结; null until there is one. */
  answer: TipAnswer | null;
  /** The objection window once answered: open until `allowedUntil`; `objectedAt` once the reporter objected. */
  objection: { allowedUntil: Date | null; open: boolean; objectedAt: Date | null; text: string | null } | null;
  /** The review (复核) after an objection: when it must start, when it did, and its own answer. */
  review: { startDueAt: Date | null; startedAt: Date | null; answer: TipAnswer | null } | null;
  /** This tip's own reward, if one was decided: never another tip's of the merge group. */
  reward: ReporterReward | null;
}

export type { TipAnswer };

// Compared against when the code is unknown, so a miss costs the same HMAC and comparison as a hit.
const DUMMY_HASH = "x".repeat(43);

/**
 * Prove a receipt: the tip when code and secret match, else a refusal. Every miss on a well-formed code
 * counts against that code (known or not, so the limit itself reveals nothing); at the limit the code
 * is locked for the rest of the window even for the right secret. The check and the count are two
 * statements, so a burst of parallel guesses can exceed the limit by its width — harmless against a
 * 117-bit secret, and it keeps the path free of row locks.
 */
export async function verifyReceipt(deps: Pick<Deps, "db" | "crypto" | "clock">, raw: ReceiptInput): Promise<{ ok: true; tip: Tip } | ReceiptRefusal> {
  const parsed = receiptInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "not_found" };
  const code = normalizeTrackingCode(parsed.data.trackingCode);
  if (!code) return { ok: false, reason: "not_found" };
  const now = deps.clock();
  const since = new Date(now.getTime() - RECEIPT_WINDOW_MS);
  const [failures] = await deps.db.select().from(receiptFailures).where(eq(receiptFailures.trackingCode, code));
  if (failures && failures.failures >= RECEIPT_MAX_FAILURES && failures.windowStart > since) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.ceil((failures.windowStart.getTime() + RECEIPT_WINDOW_MS - now.getTime()) / 1000) };
  }
  const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
  const secret = normalizeSecret(parsed.data.secret) ?? parsed.data.secret;
  const matches = deps.crypto.verifyHash("receipt-secret", secret, tip?.secretHash ?? DUMMY_HASH);
  if (tip && matches) {
    if (failures) await deps.db.delete(receiptFailures).where(eq(receiptFailures.trackingCode, code));
    return { ok: true, tip };
  }
  await deps.db
    .insert(receiptFailures)
    .values({ trackingCode: code, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: receiptFailures.trackingCode,
      set: {
        failures: sql`case when ${receiptFailures.windowStart} <= ${since.toISOString()}::timestamptz then 1 else ${receiptFailures.failures} + 1 end`,
        windowStart: sql`case when ${receiptFailures.windowStart} <= ${since.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${receiptFailures.windowStart} end`,
      },
    });
  return { ok: false, reason: "not_found" };
}

/** Status and public history of a tip for the holder of its receipt (code + secret), on any channel. */
export async function checkStatus(
  deps: Pick<Deps, "db" | "crypto" | "clock">,
  raw: ReceiptInput,
): Promise<{ ok: true; tip: ReporterTipView } | ReceiptRefusal> {
  const verified = await verifyReceipt(deps, raw);
  if (!verified.ok) return verified;
  const tip = verified.tip;
  const [unit] = await deps.db.select({ name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.id, tip.unitId));
  const events = await deps.db
    .select()
    .from(tipEvents)
    .where(and(eq(tipEvents.tipId, tip.id), eq(tipEvents.public, true)))
    .orderBy(asc(tipEvents.id));
  const last = (kind: string) => events.filter((e) => e.kind === kind).at(-1);
  const closed = events.find((e) => e.kind === "closed");
  const objected = last("objected");
  const started = last("review_started");
  const reviewed = last("reviewed");
  const now = deps.clock();
  const group = await readMergeGroup(deps.db, tip.id);
  const codes = group.members.map((m) => m.trackingCode);
  const scrub = (text: string | null) => (text === null ? null : withoutOtherCodes(text, tip.trackingCode, codes));
  const scrubAnswer = (answer: TipAnswer | null): TipAnswer | null =>
    answer && { ...answerFor(answer, tip.trackingCode, codes), en: answer.en ? answerFor(answer.en, tip.trackingCode, codes) : answer.en };
  // A merged tip's matter is answered once, on its group root: its reporter reads that answer.
  const ownAnswer = closed ? answerFromEventData(closed.data, tip.answeredAt ?? closed.at) : null;
  const answer = ownAnswer ?? (group.rootId !== tip.id ? await latestAnswerOn(deps.db, group.rootId) : null);
  return {
    ok: true,
    tip: {
      answer: scrubAnswer(answer),
      objection: tip.answeredAt
        ? {
            allowedUntil: tip.objectionDueAt,
            open: tip.status === "closed" && tip.objectionDueAt !== null && now <= tip.objectionDueAt,
            objectedAt: objected?.at ?? null,
            text: objected ? publicText(objected.data, null) : null,
          }
        : null,
      // A merged tip's reporter did not object themselves, but reads the review's answer given to their group.
      review:
        objected || reviewed
          ? {
              startDueAt: tip.reviewStartDueAt,
              startedAt: started?.at ?? null,
              answer: reviewed ? scrubAnswer(answerFromEventData(reviewed.data, reviewed.at)) : null,
            }
          : null,
      trackingCode: tip.trackingCode,
      locale: tip.locale,
      status: tip.status,
      text: tip.text,
      sector: tip.sectorCode as SectorCode,
      unit: unit ?? { name: "", nameEn: null },
      receivedAt: tip.receivedAt,
      history: events.map((e) => ({
        kind: e.kind,
        event: reporterEvent(e.kind),
        at: e.at,
        text: scrub(publicText(e.data, e.reason)),
        status: publicStatus(e.data),
        dueOn: publicDue(e.data),
      })),
      reward: await reporterReward(deps.db, tip.id, deps.clock()),
    },
  };
}

function reporterEvent(kind: string): ReporterEvent {
  return (REPORTER_EVENTS as readonly string[]).includes(kind) ? (kind as ReporterEvent) : "update";
}

/**
 * Event data is written by several features; these are the fields meant for the reporter's eyes.
 * data.note is staff's and never among them. `reason` is the fallback: a reason given to the reporter
 * (不予受理) — and, on events stored before notes and messages were split, the 备注 staff typed at
 * 受理 or 开始核查, which reporters have already read and so keep reading.
 */
function publicText(data: unknown, reason: string | null): string | null {
  const d = (data ?? {}) as Record<string, unknown>;
  for (const key of ["message", "reply", "feedback", "text"]) {
    if (typeof d[key] === "string" && d[key]) return d[key] as string;
  }
  return reason;
}

function publicDue(data: unknown): string | null {
  const d = (data ?? {}) as Record<string, unknown>;
  return typeof d.verifyBy === "string" ? d.verifyBy : null;
}

function publicStatus(data: unknown): string | null {
  const d = (data ?? {}) as Record<string, unknown>;
  if (typeof d.status === "string") return d.status;
  return typeof d.to === "string" && d.to !== d.from ? d.to : null;
}

/** Housekeeping: failure rows whose window has passed mean nothing any more. */
export async function pruneReceiptFailures(deps: Pick<Deps, "db" | "clock">): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.clock().getTime() - RECEIPT_WINDOW_MS);
  const deleted = await deps.db.delete(receiptFailures).where(lt(receiptFailures.windowStart, cutoff)).returning({ k: receiptFailures.trackingCode });
  return { deleted: deleted.length };
}
