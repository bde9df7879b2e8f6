import { outbox } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../deps.js";

export interface OutgoingPayload {
  text: string;
  /** Telegram only: an inline keyboard or similar, passed through to sendMessage. */
  replyMarkup?: unknown;
}

export interface EnqueueInput {
  channel: "telegram" | "sms";
  /** Telegram chat id or phone number, in clear only in memory: stored encrypted. */
  to: string;
  payload: OutgoingPayload;
  /** Same key twice → one message (e.g. "reminder:17:due", "receipt:tip:42"). */
  dedupeKey?: string;
  notBefore?: Date;
}

/**
 * Queue one outgoing message in the caller's transaction: it exists only if the change that caused it
 * committed, and the dispatcher sends it once. Recipient and payload are encrypted; the pacing key is a hash.
 */
export async function enqueueMessage(tx: DbOrTx, deps: Pick<Deps, "crypto">, input: EnqueueInput): Promise<number | null> {
  const rows = await tx.insert(outbox).values(outboxRow(deps, input)).onConflictDoNothing().returning({ id: outbox.id });
  return rows[0]?.id ?? null;
}

/** The outbox row of one message (recipient and payload encrypted, the pacing key a hash), for a caller's multi-row insert. */
export function outboxRow(deps: Pick<Deps, "crypto">, input: EnqueueInput): typeof outbox.$inferInsert {
  return {
    channel: input.channel,
    recipientEnc: deps.crypto.encrypt(input.to),
    recipientKey: deps.crypto.hash(`outbox:${input.channel}`, input.to),
    payloadEnc: deps.crypto.encrypt(JSON.stringify(input.payload)),
    dedupeKey: input.dedupeKey ?? null,
    ...(input.notBefore ? { nextAttemptAt: input.notBefore } : {}),
  };
}
