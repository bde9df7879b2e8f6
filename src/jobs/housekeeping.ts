import { lt } from "drizzle-orm";
import { inboundDedupe } from "../db/schema.js";
import type { Deps } from "../app/deps.js";
import { pruneIdempotencyKeys } from "../app/tips/idempotency.js";
import { pruneReceiptFailures } from "../app/tips/check-status.js";
import { pruneReceiptHandoffs } from "../app/intake/open-intake-receipt.js";

/**
 * Telegram redelivers for at most 24 h and gateways for less: dedupe rows older than a week are dead
 * weight. API idempotency rows hold an encrypted receipt secret and go after 24 h; receipt-failure rows
 * once their rate-limit window has passed; a staff-taken tip's secret nobody came to read after 24 h.
 */
export async function pruneInboundDedupe(
  deps: Pick<Deps, "db" | "clock">,
): Promise<{ deleted: number; idempotencyKeys: number; receiptFailures: number; receiptHandoffs: number }> {
  const cutoff = new Date(deps.clock().getTime() - 7 * 24 * 3600_000);
  const idempotencyKeys = (await pruneIdempotencyKeys(deps)).deleted;
  const receiptFailures = (await pruneReceiptFailures(deps)).deleted;
  const receiptHandoffs = (await pruneReceiptHandoffs(deps)).deleted;
  const deleted = await deps.db.delete(inboundDedupe).where(lt(inboundDedupe.at, cutoff)).returning({ k: inboundDedupe.key });
  return { deleted: deleted.length, idempotencyKeys, receiptFailures, receiptHandoffs };
}
