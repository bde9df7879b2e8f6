import { outbox, tipAttachments, tipEvents, tips } from "../../db/schema.js";
import { insertRows, type RawStatement, rawRows, withInserts } from "../../db/raw.js";
import type { DbOrTx } from "../../db/client.js";
import { localName } from "../../domain/tip-input.js";
import { sectorInfo } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { type AuditEntry, auditRowsInsert, QUEUE_AUDIT_ROWS } from "../audit/append-audit.js";
import { type EnqueueInput, outboxRow } from "../outbox/enqueue-message.js";
import type { RoutedTip } from "../routing/route-tip.js";
import { nextDueColumns } from "../triage/tip-clock-columns.js";
import type { AlertedUnit, PreparedTip } from "./tip-shapes.js";

/** One tip of a batch with the tracking code this attempt gives it. */
export interface TipToStore {
  tip: PreparedTip;
  trackingCode: string;
}

/**
 * Store tips with their attachments, audit rows, events and outgoing messages through `db` (the database,
 * or a caller's transaction) in two statements whatever the count: a read (the tips' ids, drawn from
 * their sequence so that dedupe keys, events and audit rows can name them, and the liaisons of every
 * unit named) and ONE write, a statement of data-modifying CTEs — atomic on its own, so all rows or none
 * without BEGIN and COMMIT. A batch costs about what one tip costs. Results are in the order of `batch`.
 */
export async function storeTips(db: DbOrTx, deps: Deps, batch: TipToStore[]): Promise<{ tipId: number; alerted: AlertedUnit[] }[]> {
  const unitIds = [...new Set(batch.flatMap(({ tip }) => [tip.routing.unit.id, ...(tip.routing.alsoAlert ? [tip.routing.alsoAlert.id] : [])]))];
  const read = await rawRows<UnitLiaison & { k: number }>(db, readBeforeText(unitIds.length), [batch.length, ...unitIds]);
  const ids = read.filter((r) => r.k === 1).map((r) => r.id);
  const unitLiaisons = read.filter((r) => r.k === 0);

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
  // Every message row is new (its dedupe key names a tip id just drawn), so each is counted as queued;
  // the statement checks that and fails whole if a key was somehow taken, rather than miscount "told".
  const queued = new Set<string | null>(messages.map((m) => m.dedupeKey ?? null));
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
  const q = commitStatement(deps, batch, ids, { attachmentRows, audits, messages, events: events as (typeof tipEvents.$inferInsert)[] });
  try {
    await rawRows(db, q.text, q.params);
  } catch (err) {
    if ((err as { code?: string }).code === "22012") throw new Error("a new tip's outbox dedupe key was already taken: nothing stored");
    throw err;
  }
  return results;
}

/** The one write of storeTips: every row of the batch, in CTEs; its select fails (division by zero) unless every message row was inserted. */
function commitStatement(
  deps: Deps,
  batch: TipToStore[],
  ids: number[],
  rows: {
    attachmentRows: (typeof tipAttachments.$inferInsert)[];
    audits: (AuditEntry & { at: Date })[];
    messages: EnqueueInput[];
    events: (typeof tipEvents.$inferInsert)[];
  },
): RawStatement {
  const parts: [string, RawStatement][] = [];
  let next = 1;
  const add = (name: string, part: (first: number) => RawStatement) => {
    const p = part(next);
    next += p.params.length;
    parts.push([name, p]);
  };
  add("t", (first) =>
    insertRows(
      tips,
      batch.map(({ tip, trackingCode }, i) => ({ id: ids[i], ...tipRow(deps, tip, trackingCode) })),
      "",
      first,
    ),
  );
  if (rows.attachmentRows.length) add("f", (first) => insertRows(tipAttachments, rows.attachmentRows, "", first));
  add("a", (first) => auditRowsInsert(rows.audits, first));
  add("p", () => ({ text: QUEUE_AUDIT_ROWS, params: [] }));
  add("e", (first) => insertRows(tipEvents, rows.events, "", first));
  if (!rows.messages.length) {
    return withInserts(parts, "select 1 as ok");
  }
  add("o", (first) =>
    insertRows(
      outbox,
      rows.messages.map((m) => outboxRow(deps, m)),
      "on conflict do nothing returning dedupe_key",
      first,
    ),
  );
  return withInserts(parts, `select 1 / (case when (select count(*) from o) = ${rows.messages.length} then 1 else 0 end) as ok`);
}

type UnitLiaison = { id: number; unitId: number; locale: string; telegramChatEnc: Uint8Array | null; phoneEnc: Uint8Array | null };

const readTexts = new Map<string, string>();
/**
 * storeTips' read: the active liaisons of `units` units (k = 0, in id order; parameters $2… the unit
 * ids) and `$1` fresh tip ids (k = 1). The text is kept per unit count.
 */
function readBeforeText(units: number): string {
  let text = readTexts.get(String(units));
  if (text === undefined) {
    const list = Array.from({ length: units }, (_, i) => `$${i + 2}`).join(", ");
    text = `select 0 as k, id, unit_id as "unitId", locale, telegram_chat_enc as "telegramChatEnc", phone_enc as "phoneEnc"
        from liaisons where unit_id in (${list}) and active = true
      union all
      select 1, nextval('tips_id_seq')::int, null, null, null, null from generate_series(1, $1::int)
      order by 1, 2`;
    readTexts.set(String(units), text);
  }
  return text;
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

/** Who made the tip urgent at submission: the reporter's flag, the router's reading, or both. */
function urgencySourceOf(reporter: boolean, routing: RoutedTip): "reporter" | "classifier" | "both" | null {
  const classifier = routing.urgentEvidence.length > 0;
  if (reporter && classifier) return "both";
  if (reporter) return "reporter";
  return routing.urgent ? "classifier" : null;
}
