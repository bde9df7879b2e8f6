import { z } from "zod";
import { and, asc, eq, inArray } from "drizzle-orm";
import { liaisons, outbox, tipAttachments, tipEvents, tips } from "../../db/schema.js";
import { generateSecret, generateTrackingCode } from "../../domain/receipts.js";
import { checkTipText, cleanText, localName, MAX_ATTACHMENTS_PER_TIP, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import { SECTOR_CODES, sectorInfo } from "../../domain/sectors.js";
import { REPLY_WAYS, TIP_CHANNELS } from "../../domain/tip-channels.js";
import type { DbOrTx } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAuditRows } from "../audit/append-audit.js";
import { type EnqueueInput, outboxRow } from "../outbox/enqueue-message.js";
import { routeTip, type RoutedTip } from "../routing/route-tip.js";
import { nextDueColumns } from "../triage/tip-clock-columns.js";
import { withoutReceiptSecrets } from "./receipt-in-text.js";

export const attachmentInput = z.object({
  fileName: z.string().max(200).optional(),
  mimeType: z.string().max(100),
  /** Already sanitised (metadata stripped) by the caller's media adapter: see sanitizeAttachment. */
  body: z.instanceof(Uint8Array),
});

export const submitTipInput = z.object({
  channel: z.enum(TIP_CHANNELS),
  /**
   * When the tip reached us, for one taken by staff (a letter opened today, a call logged late): deadlines
   * count from it. The staff intake verb checks it is not in the future; absent, the clock's now.
   */
  receivedAt: z.date().optional(),
  /** The staff member who entered it (their actor label), named in the audit row instead of "system". */
  enteredBy: z.string().max(120).optional(),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  /** Cleaned here (the one cleaner), then bounded in code points: every channel stores the same bytes for the same text. */
  text: z
    .string()
    .transform(cleanText)
    .refine((t) => checkTipText(t) === null, { message: `between ${MIN_TIP_TEXT} and ${MAX_TIP_TEXT} characters` }),
  place: z.string().trim().max(200).optional(),
  jurisdictionCode: z.string().trim().max(12).optional(),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  enterprise: z.string().trim().max(200).optional(),
  creditCode: z.string().trim().max(40).optional(),
  sector: z.enum(SECTOR_CODES).optional(),
  urgent: z.boolean().default(false),
  reporter: z
    .object({
      /** Telegram chat id or phone number the reporter wrote from: used to send the receipt and staff replies. */
      address: z.string().max(200).optional(),
      name: z.string().trim().max(100).optional(),
      /** A contact the reporter chose to leave (for a reward or questions). */
      contact: z.string().trim().max(100).optional(),
      /** May staff see the identity? Default no: anonymity is the default. */
      consent: z.boolean().default(false),
      /** Does the reporter work for the enterprise reported? Optional; an employee is rewarded only under their real name. */
      employee: z.boolean().optional(),
      /**
       * How receipt and answer reach a reporter whose channel cannot carry them (a call, a visit, a
       * letter): "sms" to `address` (a mobile number), "post" to `address` (a postal address, printed on
       * the answer letter). Absent: the channel the tip came in on.
       */
      reply: z.enum(REPLY_WAYS).optional(),
    })
    .default({ consent: false }),
  attachments: z.array(attachmentInput).max(MAX_ATTACHMENTS_PER_TIP).default([]),
  /** The reporter agreed that the tracking code may be published (Open311); default no. */
  publish: z.boolean().default(false),
  /**
   * The caller hands the receipt back in its own answer (SMS webhook replies: TwiML or the gateway's
   * JSON), so no receipt is queued in the outbox: the reporter gets it exactly once.
   */
  receiptInline: z.boolean().default(false),
});
export type SubmitTipInput = z.input<typeof submitTipInput>;

/** A unit or committee at least one of whose liaisons got a message about the tip (an outbox row). */
export interface AlertedUnit {
  role: "unit" | "committee";
  id: number;
  name: string;
  nameEn: string | null;
}

export interface SubmittedTip {
  tipId: number;
  trackingCode: string;
  /** Shown once to the reporter; only its keyed hash is stored. */
  secret: string;
  routing: RoutedTip;
  /** Who was actually told, so a receipt never claims an alert nobody received. */
  alerted: AlertedUnit[];
}

/**
 * Store a tip with its routing, first events, audit row, attachments and all outgoing messages in one
 * transaction: the reporter is acknowledged only after commit, and nothing is half-stored.
 */
export async function submitTip(deps: Deps, raw: SubmitTipInput): Promise<SubmittedTip> {
  return storePreparedTip(deps.db, deps, await prepareTip(deps, raw));
}

export interface PreparedTip {
  input: z.output<typeof submitTipInput>;
  routing: RoutedTip;
  secret: string;
  now: Date;
  /** When the tip reached us: `now`, or the date staff entered for a call, visit or letter. */
  receivedAt: Date;
}

/**
 * Validate and route, outside any transaction: routing reads a shared in-memory snapshot through
 * deps.db, and on PGlite (one connection) reading the outer db from inside a transaction deadlocks.
 */
export async function prepareTip(deps: Deps, raw: SubmitTipInput): Promise<PreparedTip> {
  const first = parseTip(raw);
  // Staff and liaisons read the text: a receipt secret typed into it (of an earlier tip) is cut out; the
  // shortened text must still meet the minimum.
  const text = await withoutReceiptSecrets(deps, first.text);
  const input = text === first.text ? first : parseTip({ ...raw, text });
  const now = deps.clock();
  const receivedAt = input.receivedAt ?? now;
  const routing = await routeTip(deps, {
    text: input.text,
    place: input.place,
    jurisdictionCode: input.jurisdictionCode,
    location: input.location,
    enterprise: input.enterprise,
    creditCode: input.creditCode,
    sector: input.sector,
    urgent: input.urgent,
    receivedAt,
    channel: input.channel,
  });
  return { input, routing, secret: generateSecret(), now, receivedAt };
}

/**
 * Store a prepared tip through `db`: the database, or a caller's transaction (the Idempotency-Key
 * commits with the tip). Each attempt is its own (nested) transaction, so a tracking-code collision
 * rolls back only that attempt.
 */
export async function storePreparedTip(db: DbOrTx, deps: Deps, tip: PreparedTip): Promise<SubmittedTip> {
  const { routing, secret } = tip;
  for (let attempt = 0; ; attempt++) {
    const trackingCode = generateTrackingCode();
    try {
      const [{ tipId, alerted }] = await db.transaction((tx) => storeTips(tx, deps, [{ tip, trackingCode }]));
      return { tipId, trackingCode, secret, routing, alerted };
    } catch (err) {
      // ~44 bits of code space: a collision is rare; retry a few times with a fresh code.
      if (attempt < 3 && isUniqueViolation(err, "tips_tracking_code_unique")) continue;
      throw err;
    }
  }
}

/** Who made the tip urgent at submission: the reporter's flag, the router's reading, or both. */
function urgencySourceOf(reporter: boolean, routing: RoutedTip): "reporter" | "classifier" | "both" | null {
  const classifier = routing.urgentEvidence.length > 0;
  if (reporter && classifier) return "both";
  if (reporter) return "reporter";
  return routing.urgent ? "classifier" : null;
}

function parseTip(raw: SubmitTipInput): z.output<typeof submitTipInput> {
  const parsed = submitTipInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid tip",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  return parsed.data;
}

/** One tip of a batch with the tracking code this attempt gives it. */
interface TipToStore {
  tip: PreparedTip;
  trackingCode: string;
}

/**
 * Store tips with their attachments, audit rows, events and outgoing messages through `tx` (one
 * transaction: all of them or none) in a fixed number of statements whatever the count — one multi-row
 * insert per table, the liaisons of every unit named read once — so a batch costs about what one tip
 * costs. Results are in the order of `batch`.
 */
async function storeTips(tx: DbOrTx, deps: Deps, batch: TipToStore[]): Promise<{ tipId: number; alerted: AlertedUnit[] }[]> {
  const unitIds = [...new Set(batch.flatMap(({ tip }) => [tip.routing.unit.id, ...(tip.routing.alsoAlert ? [tip.routing.alsoAlert.id] : [])]))];
  const insertTips = tx
    .insert(tips)
    .values(batch.map(({ tip, trackingCode }) => tipRow(deps, tip, trackingCode)))
    .returning({ id: tips.id, trackingCode: tips.trackingCode });
  const readLiaisons = tx
    .select({ id: liaisons.id, unitId: liaisons.unitId, locale: liaisons.locale, telegramChatEnc: liaisons.telegramChatEnc, phoneEnc: liaisons.phoneEnc })
    .from(liaisons)
    .where(and(inArray(liaisons.unitId, unitIds), eq(liaisons.active, true)))
    .orderBy(asc(liaisons.id));
  // On the server the two are independent and go out pipelined on the transaction's connection; PGlite
  // runs one statement at a time anyway.
  const pipelined = deps.database.kind === "postgres";
  const [inserted, unitLiaisons] = pipelined ? await Promise.all([insertTips, readLiaisons]) : [await insertTips, await readLiaisons];
  const idOf = new Map(inserted.map((r) => [r.trackingCode, r.id]));
  const ids = batch.map(({ trackingCode }) => idOf.get(trackingCode)!);

  const attachmentRows: (typeof tipAttachments.$inferInsert)[] = [];
  for (const [i, { tip }] of batch.entries()) {
    for (const a of tip.input.attachments) {
      const digest = await globalThis.crypto.subtle.digest("SHA-256", a.body);
      attachmentRows.push({
        tipId: ids[i],
        fileName: a.fileName ?? null,
        mimeType: a.mimeType,
        size: a.body.byteLength,
        sha256: Buffer.from(digest).toString("hex"),
        body: a.body,
      });
    }
  }

  // Messages to liaisons (as notifyUnits: Telegram where bound, else SMS where a phone is known; never the
  // reporter's identity) and the receipt to the reporter, all in one insert.
  const liaisonsOf = new Map<number, typeof unitLiaisons>();
  for (const l of unitLiaisons) liaisonsOf.set(l.unitId, [...(liaisonsOf.get(l.unitId) ?? []), l]);
  const messages: EnqueueInput[] = [];
  const told = (prefix: string, unitId: number, text: (locale: string) => string) => {
    for (const l of liaisonsOf.get(unitId) ?? []) {
      const dedupeKey = `${prefix}:liaison:${l.id}`;
      if (l.telegramChatEnc) messages.push({ channel: "telegram", to: deps.crypto.decrypt(l.telegramChatEnc), payload: { text: text(l.locale) }, dedupeKey });
      else if (l.phoneEnc) messages.push({ channel: "sms", to: deps.crypto.decrypt(l.phoneEnc), payload: { text: text(l.locale) }, dedupeKey });
    }
  };
  for (const [i, { tip, trackingCode }] of batch.entries()) {
    const { input, routing, secret } = tip;
    const vars = tipMessageVars(tip, trackingCode);
    told(`tip:${ids[i]}:new`, routing.unit.id, (l) => deps.i18n.t(l, "tip-unit-new", vars(l)));
    if (routing.alsoAlert) told(`tip:${ids[i]}:alert`, routing.alsoAlert.id, (l) => deps.i18n.t(l, "tip-unit-alert", vars(l)));
    const r = input.reporter;
    const replyChannel = r.reply ?? input.channel;
    if (r.address && !input.receiptInline && (replyChannel === "telegram" || replyChannel === "sms")) {
      const key = replyChannel === "sms" ? "tip-receipt-sms" : "tip-receipt";
      messages.push({
        channel: replyChannel,
        to: r.address,
        dedupeKey: `tip:${ids[i]}:receipt`,
        payload: { text: deps.i18n.t(input.locale, key, { ...vars(input.locale), secret }) },
      });
    }
  }
  const audits = batch.map(({ tip }, i) => ({
    at: tip.now,
    actor: tip.input.enteredBy ?? "system",
    action: "tip.received",
    entity: "tip",
    entityId: ids[i],
    after: { unitId: tip.routing.unit.id, sector: tip.routing.sector, urgent: tip.routing.urgent, channel: tip.input.channel },
  }));
  // Started only when called: on PGlite one after the other, on the server all at once (pipelined).
  const writes: (() => Promise<{ dedupeKey: string | null }[]>)[] = [
    async () => {
      if (attachmentRows.length) await tx.insert(tipAttachments).values(attachmentRows);
      return [];
    },
    async () => {
      await appendAuditRows(tx, audits);
      return [];
    },
    async () =>
      messages.length
        ? tx
            .insert(outbox)
            .values(messages.map((m) => outboxRow(deps, m)))
            .onConflictDoNothing()
            .returning({ dedupeKey: outbox.dedupeKey })
        : [],
  ];
  const queued = new Set<string | null>();
  if (pipelined) for (const done of await Promise.all(writes.map((w) => w()))) for (const r of done) queued.add(r.dedupeKey);
  else for (const w of writes) for (const r of await w()) queued.add(r.dedupeKey);

  const countTold = (prefix: string, unitId: number) => (liaisonsOf.get(unitId) ?? []).filter((l) => queued.has(`${prefix}:liaison:${l.id}`)).length;
  const results: { tipId: number; alerted: AlertedUnit[] }[] = [];
  const events = [];
  for (const [i, { tip }] of batch.entries()) {
    const { input, routing, now, receivedAt } = tip;
    const tipId = ids[i];
    const unitTold = countTold(`tip:${tipId}:new`, routing.unit.id);
    const committee = routing.alsoAlert;
    const committeeTold = committee ? countTold(`tip:${tipId}:alert`, committee.id) : 0;
    // The first three events: received, routed, and the staff-only record of who was reached (the /admin
    // banner lists urgent tips whose `told` is 0).
    events.push(
      { tipId, kind: "received", actor: "reporter", data: { channel: input.channel }, public: true, at: receivedAt },
      { tipId, kind: "routed", actor: "system", data: { unitId: routing.unit.id, explanation: routing.explanation }, public: false, at: now },
      {
        tipId,
        kind: "alerted",
        actor: "system",
        public: false,
        at: now,
        data: {
          told: unitTold + committeeTold,
          unit: { id: routing.unit.id, liaisons: unitTold },
          committee: committee ? { id: committee.id, liaisons: committeeTold } : null,
        },
      },
    );
    const alerted: AlertedUnit[] = [];
    if (unitTold > 0) alerted.push({ role: "unit", id: routing.unit.id, name: routing.unit.name, nameEn: routing.unit.nameEn ?? null });
    if (committee && committeeTold > 0) alerted.push({ role: "committee", id: committee.id, name: committee.name, nameEn: committee.nameEn ?? null });
    results.push({ tipId, alerted });
  }
  await tx.insert(tipEvents).values(events as (typeof tipEvents.$inferInsert)[]);
  return results;
}

/** The tips row of a prepared tip: identity encrypted, the secret and the channel address only as keyed hashes. */
function tipRow(deps: Deps, tip: PreparedTip, trackingCode: string): typeof tips.$inferInsert {
  const { input, routing, secret, now, receivedAt } = tip;
  const r = input.reporter;
  // `channel` is where messages to the reporter go (notifyReporter); a staff-taken tip's is its reply way.
  const replyChannel = r.reply ?? input.channel;
  const identity = r.address || r.contact ? JSON.stringify({ channel: replyChannel, address: r.address ?? null, contact: r.contact ?? null }) : null;
  return {
    trackingCode,
    secretHash: deps.crypto.hash("receipt-secret", secret),
    channel: input.channel,
    locale: input.locale,
    text: input.text,
    placeText: input.place ?? null,
    enterpriseText: input.enterprise ?? null,
    creditCodeText: input.creditCode ?? null,
    locationLat: input.location ? String(input.location.lat) : null,
    locationLon: input.location ? String(input.location.lon) : null,
    sectorChosen: input.sector ?? null,
    sectorCode: routing.sector,
    confidence: Math.round(routing.confidence * 100),
    jurisdictionCode: routing.jurisdiction.code,
    enterpriseId: routing.enterprise?.id ?? null,
    unitId: routing.unit.id,
    tier: routing.tier,
    urgent: routing.urgent,
    reporterUrgent: input.urgent,
    urgencySource: urgencySourceOf(input.urgent, routing),
    routing: {
      steps: routing.steps,
      explanation: routing.explanation,
      evidence: routing.evidence,
      urgentEvidence: routing.urgentEvidence,
      sectorSource: routing.sectorSource,
      alsoAlert: routing.alsoAlert?.id ?? null,
      // Possible danger (not urgent): the words, and the 安委办 to alert should the reporter confirm it.
      ...(routing.possiblyUrgent ? { possibleEvidence: routing.possibleEvidence, alertIfConfirmed: routing.alertIfConfirmed?.id ?? null } : {}),
      // Left to manual routing: the closest sectors, so the tip page can offer their units to transfer to.
      candidates: routing.candidates.map((c) => c.sector),
    },
    reporterContactEnc: identity ? deps.crypto.encrypt(identity) : null,
    reporterNameEnc: r.name ? deps.crypto.encrypt(r.name) : null,
    reporterChannelHash: r.address ? deps.crypto.hash(`reporter:${input.channel}`, r.address) : null,
    contactConsent: r.consent,
    anonymous: !r.name && !r.contact,
    reporterEmployee: r.employee ?? null,
    publishConsent: input.publish,
    acceptDueAt: routing.deadlines.acceptance.due,
    handleDueAt: routing.deadlines.verification.due,
    ...nextDueColumns({ status: "received", acceptDueAt: routing.deadlines.acceptance.due, handleDueAt: null, answerDueAt: null, reviewStartDueAt: null }),
    receivedAt,
    updatedAt: now,
  };
}

/** What the messages about a tip say, per locale. */
function tipMessageVars({ input, routing }: PreparedTip, trackingCode: string) {
  return (locale: string) => ({
    code: trackingCode,
    unit: localName(routing.unit, locale),
    sector: locale === "en" ? sectorInfo(routing.sector).en : sectorInfo(routing.sector).zh,
    place: routing.jurisdiction.fullName,
    text: input.text.slice(0, 500),
    urgent: routing.urgent ? "yes" : "no",
    acceptBy: routing.deadlines.acceptance.date,
  });
}

/**
 * Store several prepared tips in ONE transaction (a group commit): all of them or none. On any failure
 * the caller falls back to storing them one by one (see tip-batcher.ts), so a bad tip fails only itself.
 * A tracking-code collision fails the batch like any other error; the one-by-one retry draws fresh codes.
 */
export async function storePreparedTips(db: DbOrTx, deps: Deps, batch: PreparedTip[]): Promise<SubmittedTip[]> {
  const coded = batch.map((tip) => ({ tip, trackingCode: generateTrackingCode() }));
  const stored = await db.transaction((tx) => storeTips(tx, deps, coded));
  return stored.map(({ tipId, alerted }, i) => ({
    tipId,
    trackingCode: coded[i].trackingCode,
    secret: coded[i].tip.secret,
    routing: coded[i].tip.routing,
    alerted,
  }));
}
