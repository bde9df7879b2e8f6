import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { inboundDedupe } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";

/**
 * Idempotency-Key for POST /api/v1/tips (and the web form's token): a client that retries with the same
 * key and the same body gets the same receipt and no second tip. The key is claimed, the tip stored and
 * the response recorded in ONE transaction, so after any crash either all three are committed (a retry
 * replays the receipt at once) or none is (a retry stores the tip, once). There is no "in progress"
 * state a crash could leave behind: on PostgreSQL a concurrent request with the same key waits on the
 * key's unique index until the first commits, then replays; on PGlite transactions run one at a time.
 * The stored response holds the one-time secret, so it is kept encrypted and dropped after 24 hours.
 */
const SOURCE = "api-idempotency";
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export const idempotencyKey = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/);

export interface IdempotencyInput {
  key: string;
  /** A canonical string of the request body: same body → same fingerprint. */
  fingerprint: string;
}

export type IdempotencyLookup = { state: "new" } | { state: "replay"; status: number; body: unknown } | { state: "mismatch" };

export type IdempotentOutcome<T> = { state: "done"; replayed: boolean; status: number; body: T } | { state: "mismatch" };

interface Stored {
  bodyHash: string;
  /** base64 of deps.crypto.encrypt(JSON {status, body}). Rows written before the one-transaction design may lack it. */
  enc?: string;
}

type IdemDeps = Pick<Deps, "db" | "crypto" | "clock">;

const keyHash = (deps: Pick<Deps, "crypto">, key: string) => deps.crypto.hash("idempotency-key", key);
const whereKey = (key: string) => and(eq(inboundDedupe.source, SOURCE), eq(inboundDedupe.key, key));

function checkKey(key: string): void {
  if (!idempotencyKey.safeParse(key).success)
    throw new AppError("invalid_input", "Idempotency-Key must be 8–255 visible ASCII characters", [{ path: "Idempotency-Key", code: "invalid_format" }]);
}

/** What the stored row says for this request, or null when the key counts as unused. */
function judge(deps: IdemDeps, row: { response: unknown; at: Date } | undefined, bodyHash: string, now: Date): IdempotencyLookup | null {
  const stored = row?.response as Stored | null | undefined;
  // Expired (housekeeping has not pruned it yet) or a claim without a response (left by the earlier code): unused.
  if (!row || !stored?.enc || row.at.getTime() < now.getTime() - IDEMPOTENCY_TTL_MS) return null;
  if (stored.bodyHash !== bodyHash) return { state: "mismatch" };
  const { status, body } = JSON.parse(deps.crypto.decrypt(Buffer.from(stored.enc, "base64"))) as { status: number; body: unknown };
  return { state: "replay", status, body };
}

/**
 * A read before any work: a finished key replays and a key used with another body is refused, without
 * spending the caller's rate limit. "new" is only a hint; runIdempotent decides under the key's lock.
 */
export async function lookUpIdempotencyKey(deps: IdemDeps, input: IdempotencyInput): Promise<IdempotencyLookup> {
  checkKey(input.key);
  const [row] = await deps.db
    .select()
    .from(inboundDedupe)
    .where(whereKey(keyHash(deps, input.key)));
  return judge(deps, row, deps.crypto.hash("idempotency-body", input.fingerprint), deps.clock()) ?? { state: "new" };
}

/**
 * Claim the key, run `work` in the same transaction (it stores the tip through `tx`, and must use
 * nothing else of the database: on PGlite the outer db would deadlock), record its response, commit.
 * A failure in `work` rolls the claim back with it, so the client's retry is processed afresh.
 */
export async function runIdempotent<T>(
  deps: IdemDeps,
  input: IdempotencyInput,
  work: (tx: DbOrTx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentOutcome<T>> {
  checkKey(input.key);
  const key = keyHash(deps, input.key);
  const bodyHash = deps.crypto.hash("idempotency-body", input.fingerprint);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const claimed = await tx
      .insert(inboundDedupe)
      .values({ source: SOURCE, key, response: { bodyHash } satisfies Stored, at: now })
      .onConflictDoNothing()
      .returning({ key: inboundDedupe.key });
    if (claimed.length === 0) {
      // The key is committed by another request (a concurrent one has finished: we waited for it).
      const [row] = await tx.select().from(inboundDedupe).where(whereKey(key)).for("update");
      if (!row) throw new AppError("unavailable", "the Idempotency-Key was pruned while in use; retry");
      const earlier = judge(deps, row, bodyHash, now);
      if (earlier?.state === "mismatch") return { state: "mismatch" } as const;
      if (earlier?.state === "replay") return { state: "done", replayed: true, status: earlier.status, body: earlier.body as T } as const;
      await tx
        .update(inboundDedupe)
        .set({ response: { bodyHash } satisfies Stored, at: now })
        .where(whereKey(key));
    }
    const result = await work(tx);
    const enc = Buffer.from(deps.crypto.encrypt(JSON.stringify({ status: result.status, body: result.body }))).toString("base64");
    await tx
      .update(inboundDedupe)
      .set({ response: { bodyHash, enc } satisfies Stored })
      .where(whereKey(key));
    return { state: "done", replayed: false, status: result.status, body: result.body } as const;
  });
}

/** Housekeeping: replays are promised for 24 hours; after that the encrypted receipt is deleted. */
export async function pruneIdempotencyKeys(deps: Pick<Deps, "db" | "clock">): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.clock().getTime() - IDEMPOTENCY_TTL_MS);
  const deleted = await deps.db
    .delete(inboundDedupe)
    .where(and(eq(inboundDedupe.source, SOURCE), lt(inboundDedupe.at, cutoff)))
    .returning({ k: inboundDedupe.key });
  return { deleted: deleted.length };
}
