import { eq } from "drizzle-orm";
import { conversations } from "../../db/schema.js";
import type { Deps } from "../deps.js";

export interface StoredConversation<S = unknown> {
  key: string;
  flow: string;
  state: S;
  /** Optimistic-concurrency token: a save must name the version it read. */
  version: number;
  updatedAt: Date;
}

/**
 * The row key of one chat's conversation in one flow: a keyed hash, so the table never holds a chat id
 * in clear, and one per flow, so a reporter's tip and a liaison's figures never overwrite each other.
 */
export function conversationKey(deps: Pick<Deps, "crypto">, flow: string, channel: string, address: string): string {
  return deps.crypto.hash(`conversation:${flow}:${channel}`, address);
}

export async function loadConversation<S = unknown>(deps: Pick<Deps, "db">, input: { key: string }): Promise<StoredConversation<S> | null> {
  const [row] = await deps.db.select().from(conversations).where(eq(conversations.key, input.key));
  return row ? { ...row, state: row.state as S } : null;
}
