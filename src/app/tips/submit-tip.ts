import type { z } from "zod";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { generateSecret, generateTrackingCode } from "../../domain/receipts.js";
import type { DbOrTx } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AppError, type Deps } from "../deps.js";
import { routeTip } from "../routing/route-tip.js";
import { storeTips } from "./store-tips.js";
import { type PreparedTip, type SubmittedTip, type SubmitTipInput, submitTipInput } from "./tip-shapes.js";
import { withoutReceiptSecrets } from "./receipt-in-text.js";

export { type AlertedUnit, attachmentInput, type PreparedTip, type SubmittedTip, type SubmitTipInput, submitTipInput } from "./tip-shapes.js";

/**
 * Store a tip with its routing, first events, audit row, attachments and all outgoing messages
 * atomically (one statement, storeTips): the reporter is acknowledged only after commit, and nothing is half-stored.
 */
export async function submitTip(deps: Deps, raw: SubmitTipInput): Promise<SubmittedTip> {
  return storePreparedTip(deps.db, deps, await prepareTip(deps, raw));
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
