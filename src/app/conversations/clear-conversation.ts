import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";

/**
 * Remove a conversation. Without `expectedVersion` it is unconditional (/cancel must always work);
 * with it, only the version that was read is removed, so a finishing step cannot erase a newer one.
 * Returns whether a row was removed.
 */
export async function clearConversation(deps: { db: DbOrTx }, input: { key: string; expectedVersion?: number }): Promise<boolean> {
  const where =
    input.expectedVersion === undefined
      ? eq(conversations.key, input.key)
      : and(eq(conversations.key, input.key), eq(conversations.version, input.expectedVersion));
  const removed = await deps.db.delete(conversations).where(where).returning({ key: conversations.key });
  return removed.length > 0;
}
