import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { outbox } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";

export interface DeadLetter {
  id: number;
  channel: "telegram" | "sms";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

export interface OutboxReport {
  counts: Record<"pending" | "sending" | "sent" | "dead", number>;
  dead: DeadLetter[];
}

/** Counts by status and the dead letters, for operators. Never decrypts a recipient or a payload. */
export async function outboxReport(deps: Pick<Deps, "db">, input: { limit?: number } = {}): Promise<OutboxReport> {
  const grouped = await deps.db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status);
  const counts = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const g of grouped) counts[g.status] = Number(g.n);
  const dead = await deps.db
    .select({ id: outbox.id, channel: outbox.channel, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt })
    .from(outbox)
    .where(eq(outbox.status, "dead"))
    .orderBy(asc(outbox.id))
    .limit(input.limit ?? 100);
  return { counts, dead: dead.map((d) => ({ ...d, id: Number(d.id) })) };
}

const requeueInput = z.object({ id: z.coerce.number().int().positive() });

/** Give a dead letter another full set of attempts (after the cause — a blocked bot, a bad token — is fixed). */
export async function requeueDeadMessage(deps: Pick<Deps, "db" | "clock">, raw: { id: unknown }): Promise<void> {
  const parsed = requeueInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "an outbox id (a positive integer)");
  const updated = await deps.db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: deps.clock(), lastError: null })
    .where(and(eq(outbox.id, parsed.data.id), eq(outbox.status, "dead")))
    .returning({ id: outbox.id });
  if (updated.length === 0) throw new AppError("not_found", `no dead outbox message ${parsed.data.id}`);
}
