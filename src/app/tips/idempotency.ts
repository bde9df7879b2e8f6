import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { inboundDedupe } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";

/**
 * Idempotency-Key for POST /api/v1/tips: a client that retries with the same key and the same body gets
 * the same 201 receipt and no second tip. The key is claimed (committed) before the tip is stored and
 * the response filled in after, so two concurrent requests with one key never both store a tip. The
 * stored response holds the one-time secret, so it is kept encrypted and dropped after 24 hours.
 * While the first request runs, a retry gets 409. A claim still unfinished after STALE_CLAIM_MS is taken
 * over: the request died, almost always before its tip committed; the rare crash between commit and
 * completion then yields a second tip, which staff merge — better than a client stuck without a receipt.
 */
const SOURCE = "api-idempotency";
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** Longer than any request may take (webhook and API handlers finish well within a minute). */
const STALE_CLAIM_MS = 2 * 60_000;

export const idempotencyKey = z.string().min(8).max(255).regex(/^[\x21-\x7e]+$/);

export type IdempotencyClaim =
  | { state: "new" }
  | { state: "replay"; status: number; body: unknown }
  | { state: "mismatch" }
  | { state: "in_progress" };

interface Stored {
  bodyHash: string;
  /** base64 of deps.crypto.encrypt(JSON {status, body}); absent while the first request is running. */
  enc?: string;
}

const keyHash = (deps: Pick<Deps, "crypto">, key: string) => deps.crypto.hash("idempotency-key", key);

/** `fingerprint` is a canonical string of the request body: same body → same fingerprint. */
export async function claimIdempotencyKey(deps: Pick<Deps, "db" | "crypto" | "clock">, input: { key: string; fingerprint: string }): Promise<IdempotencyClaim> {
  if (!idempotencyKey.safeParse(input.key).success) throw new AppError("invalid_input", "Idempotency-Key must be 8–255 visible ASCII characters", [{ path: "Idempotency-Key", code: "invalid_format" }]);
  const key = keyHash(deps, input.key);
  const bodyHash = deps.crypto.hash("idempotency-body", input.fingerprint);
  const now = deps.clock();
  const fresh: Stored = { bodyHash };
  const claimed = await deps.db.insert(inboundDedupe).values({ source: SOURCE, key, response: fresh, at: now })
    .onConflictDoNothing().returning({ key: inboundDedupe.key });
  if (claimed.length === 1) return { state: "new" };
  // A key older than the TTL that housekeeping has not pruned yet counts as unused, and so does a claim
  // left "in progress" by a request that died (e.g. the database went away and the release failed too).
  const expired = await deps.db.update(inboundDedupe).set({ response: fresh, at: now })
    .where(and(eq(inboundDedupe.source, SOURCE), eq(inboundDedupe.key, key), or(
      lt(inboundDedupe.at, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
      and(lt(inboundDedupe.at, new Date(now.getTime() - STALE_CLAIM_MS)), isNull(sql`${inboundDedupe.response}->>'enc'`)),
    )))
    .returning({ key: inboundDedupe.key });
  if (expired.length === 1) return { state: "new" };
  const [row] = await deps.db.select().from(inboundDedupe).where(and(eq(inboundDedupe.source, SOURCE), eq(inboundDedupe.key, key)));
  if (!row) return claimIdempotencyKey(deps, input); // released between our insert and select: claim again
  const stored = row.response as Stored | null;
  if (!stored || stored.bodyHash !== bodyHash) return { state: "mismatch" };
  if (!stored.enc) return { state: "in_progress" };
  const { status, body } = JSON.parse(deps.crypto.decrypt(Buffer.from(stored.enc, "base64"))) as { status: number; body: unknown };
  return { state: "replay", status, body };
}

/** Record the response for replays. */
export async function completeIdempotencyKey(deps: Pick<Deps, "db" | "crypto">, input: { key: string; fingerprint: string; status: number; body: unknown }): Promise<void> {
  const stored: Stored = {
    bodyHash: deps.crypto.hash("idempotency-body", input.fingerprint),
    enc: Buffer.from(deps.crypto.encrypt(JSON.stringify({ status: input.status, body: input.body }))).toString("base64"),
  };
  await deps.db.update(inboundDedupe).set({ response: stored })
    .where(and(eq(inboundDedupe.source, SOURCE), eq(inboundDedupe.key, keyHash(deps, input.key))));
}

/** The request failed before a tip was stored: free the key so the client's retry is processed. */
export async function releaseIdempotencyKey(deps: Pick<Deps, "db" | "crypto">, key: string): Promise<void> {
  await deps.db.delete(inboundDedupe).where(and(
    eq(inboundDedupe.source, SOURCE), eq(inboundDedupe.key, keyHash(deps, key)), isNull(sql`${inboundDedupe.response}->>'enc'`),
  ));
}

/** Housekeeping: replays are promised for 24 hours; after that the encrypted receipt is deleted. */
export async function pruneIdempotencyKeys(deps: Pick<Deps, "db" | "clock">): Promise<{ deleted: number }> {
  const cutoff = new Date(deps.clock().getTime() - IDEMPOTENCY_TTL_MS);
  const deleted = await deps.db.delete(inboundDedupe).where(and(eq(inboundDedupe.source, SOURCE), lt(inboundDedupe.at, cutoff)))
    .returning({ k: inboundDedupe.key });
  return { deleted: deleted.length };
}
