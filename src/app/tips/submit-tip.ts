import { z } from "zod";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { generateSecret, generateTrackingCode } from "../../domain/receipts.js";
import { checkTipText, cleanText, MAX_ATTACHMENTS_PER_TIP, MAX_TIP_TEXT, MIN_TIP_TEXT } from "../../domain/tip-input.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { REPLY_WAYS, TIP_CHANNELS } from "../../domain/tip-channels.js";
import type { DbOrTx } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AppError, type Deps } from "../deps.js";
import { routeTip, type RoutedTip } from "../routing/route-tip.js";
import { storeTips } from "./store-tips.js";
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
 * Store a tip with its routing, first events, audit row, attachments and all outgoing messages
 * atomically (one statement, storeTips): the reporter is acknowledged only after commit, and nothing is half-stored.
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
  });
  return { input, routing, secret: generateSecret(), now, receivedAt };
}

/**
 * Store a prepared tip through `db`: the database, or a caller's transaction (the Idempotency-Key
 * commits with the tip). Each attempt is atomic on its own (storeTips' one write; inside a caller's
 * transaction a savepoint), so a tracking-code collision rolls back only that attempt.
 */
export async function storePreparedTip(db: DbOrTx, deps: Deps, tip: PreparedTip): Promise<SubmittedTip> {
  const { routing, secret } = tip;
  for (let attempt = 0; ; attempt++) {
    const trackingCode = generateTrackingCode();
    try {
      const [{ tipId, alerted }] = await atomically(db, (h) => storeTips(h, deps, [{ tip, trackingCode }]));
      return { tipId, trackingCode, secret, routing, alerted };
    } catch (err) {
      // ~44 bits of code space: a collision is rare; retry a few times with a fresh code.
      if (attempt < 3 && isUniqueViolation(err, "tips_tracking_code_unique")) continue;
      throw err;
    }
  }
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

/**
 * Run `fn` so that its failure leaves nothing behind: storeTips' one write is atomic by itself on the
 * database, but inside a caller's transaction a failed statement would abort that whole transaction, so
 * there it runs in a savepoint (a nested drizzle transaction).
 */
function atomically<T>(db: DbOrTx, fn: (db: DbOrTx) => Promise<T>): Promise<T> {
  return is(db, PgTransaction) ? db.transaction((tx) => fn(tx as DbOrTx)) : fn(db);
}

/**
 * Store several prepared tips in ONE statement (a group commit; storeTips): all of them or none. On any failure
 * the caller falls back to storing them one by one (see tip-batcher.ts), so a bad tip fails only itself.
 * A tracking-code collision fails the batch like any other error; the one-by-one retry draws fresh codes.
 */
export async function storePreparedTips(db: DbOrTx, deps: Deps, batch: PreparedTip[]): Promise<SubmittedTip[]> {
  const coded = batch.map((tip) => ({ tip, trackingCode: generateTrackingCode() }));
  const stored = await atomically(db, (h) => storeTips(h, deps, coded));
  return stored.map(({ tipId, alerted }, i) => ({
    tipId,
    trackingCode: coded[i].trackingCode,
    secret: coded[i].tip.secret,
    routing: coded[i].tip.routing,
    alerted,
  }));
}
