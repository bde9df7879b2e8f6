import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Deps } from "../deps.js";

export type SaveResult = { ok: true; version: number } | { ok: false; reason: "conflict" };

/**
 * Write a conversation's new state only if nobody wrote it since it was read (`expectedVersion`, or
 * null for "there was none"). Two replicas handling the same chat at once cannot both win: the loser
 * gets `conflict`, reloads and applies its input to the winner's state, instead of clobbering it.
 */
export async function saveConversation(
  deps: Pick<Deps, "db" | "clock">,
  input: { key: string; flow: string; state: unknown; expectedVersion: number | null },
): Promise<SaveResult> {
  const now = deps.clock();
  if (input.expectedVersion === null) {
    const inserted = await deps.db
      .insert(conversations)
      .values({ key: input.key, flow: input.flow, state: input.state, version: 1, updatedAt: now })
      .onConflictDoNothing()
      .returning({ version: conversations.version });
    return inserted.length === 1 ? { ok: true, version: 1 } : { ok: false, reason: "conflict" };
  }
  const updated = await deps.db
    .update(conversations)
    .set({ flow: input.flow, state: input.state, version: sql`${conversations.version} + 1`, updatedAt: now })
    .where(and(eq(conversations.key, input.key), eq(conversations.version, input.expectedVersion)))
    .returning({ version: conversations.version });
  return updated.length === 1 ? { ok: true, version: updated[0].version } : { ok: false, reason: "conflict" };
}
