import { and, eq } from "drizzle-orm";
import { inboundDedupe } from "../../db/schema.js";
import type { Deps } from "../deps.js";

/**
 * Claim an inbound delivery (Telegram update_id, SMS provider id). Returns false when it was already
 * claimed, so a redelivery is processed once. Update ids are not monotonic over time, so we cannot
 * keep only "the last one seen".
 */
export async function claimInbound(deps: Pick<Deps, "db">, input: { source: string; key: string }): Promise<boolean> {
  const inserted = await deps.db
    .insert(inboundDedupe)
    .values({ source: input.source, key: input.key })
    .onConflictDoNothing()
    .returning({ key: inboundDedupe.key });
  return inserted.length === 1;
}

/** Undo a claim when handling failed, so that the sender's retry is processed instead of dropped. */
export async function releaseInbound(deps: Pick<Deps, "db">, input: { source: string; key: string }): Promise<void> {
  await deps.db.delete(inboundDedupe).where(and(eq(inboundDedupe.source, input.source), eq(inboundDedupe.key, input.key)));
}
