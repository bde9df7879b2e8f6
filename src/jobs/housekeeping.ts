import { lt } from "drizzle-orm";
import { inboundDedupe } from "../db/schema.js";
import type { Deps } from "../app/deps.js";

/** Telegram redelivers for at most 24 h and gateways for less: dedupe rows older than a week are dead weight. */
export async function pruneInboundDedupe(deps: Pick<Deps, "db" | "clock">): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.clock().getTime() - 7 * 24 * 3600_000);
  const deleted = await deps.db.delete(inboundDedupe).where(lt(inboundDedupe.at, cutoff)).returning({ k: inboundDedupe.key });
  return { deleted: deleted.length };
}

