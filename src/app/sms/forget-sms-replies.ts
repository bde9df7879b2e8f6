import { and, isNotNull, like, lt } from "drizzle-orm";
import { inboundDedupe } from "../../db/schema.js";
import type { Deps } from "../deps.js";

/** Providers redeliver within minutes to hours; a day is ample, and then a stored receipt secret should go. */
export const SMS_REPLY_KEEP_MS = 24 * 3_600_000;

/**
 * Wipe the stored answers of SMS deliveries older than the keep time. The dedupe row itself stays, so
 * a very late redelivery still has no second effect (it is told the SMS was already handled).
 */
export async function forgetSmsReplies(deps: Pick<Deps, "db" | "clock">): Promise<{ forgotten: number }> {
  const cutoff = new Date(deps.clock().getTime() - SMS_REPLY_KEEP_MS);
  const rows = await deps.db
    .update(inboundDedupe)
    .set({ response: null })
    .where(and(like(inboundDedupe.source, "sms:%"), isNotNull(inboundDedupe.response), lt(inboundDedupe.at, cutoff)))
    .returning({ key: inboundDedupe.key });
  return { forgotten: rows.length };
}
