import { and, eq, inArray, sql } from "drizzle-orm";
import { outbox } from "../../db/schema.js";
import { rows } from "../../db/client.js";
import { choosePaced, TELEGRAM_LIMITS, type PacingLimits, type RecentSend } from "../../domain/outbox-pacing.js";
import type { SendResult } from "../ports.js";
import type { Deps } from "../deps.js";
import type { OutgoingPayload } from "./enqueue-message.js";

/**
 * The outbox dispatcher. Delivery is at-least-once with the window kept as small as it can be:
 *
 * 1. Claim (short transaction, under one advisory lock so replicas claim one after another and see each
 *    other's pacing): due rows, at most one per recipient, `FOR UPDATE SKIP LOCKED`, are marked
 *    `sending` with a lease (next_attempt_at = now + lease) and attempts + 1.
 * 2. Send each, then at once mark it `sent` (payload wiped: it may hold a receipt secret) or schedule
 *    the retry. Every update is fenced on (status = 'sending', attempts) so a stale worker changes nothing.
 *
 * A row is sent twice only if the process dies (or loses the database) after Telegram accepted the
 * message and before the `sent` update committed: that row stays `sending` until its lease expires
 * (default 60 s, well above the sender's 15 s timeout) and is then sent again. Nothing else re-sends.
 */
export interface DispatchOptions {
  /** Give up after this many attempts (429s do not count): the row becomes `dead`. */
  maxAttempts?: number;
  leaseMs?: number;
  limits?: PacingLimits;
  /** Rows looked at per round (one per recipient). */
  scan?: number;
  /** Backoff for 5xx and network errors: base × 2^(attempt-1), at most max, with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  /**
   * Spread a round's Telegram sends evenly over the second instead of firing them at once: Telegram
   * counts arrivals, and a burst of 30 landing a few ms early trips its window (measured: 24/s with
   * bursts and 229 × 429 on 2,000 messages). Tests with an injected clock pass false.
   */
  spread?: boolean;
}

export const DISPATCH_DEFAULTS = { maxAttempts: 8, leaseMs: 60_000, scan: 200, backoffBaseMs: 10_000, backoffMaxMs: 3_600_000 };

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  /** Due rows held back by pacing: try again shortly. */
  held: number;
}

/** An arbitrary constant: the advisory lock that serialises claims across replicas. */
const CLAIM_LOCK = 7_220_431_001;

interface Claimed {
  id: number;
  channel: "telegram" | "sms";
  recipientKey: string;
  to: string;
  isGroup: boolean;
  attempts: number;
}

export async function dispatchOutboxRound(deps: Deps, opts: DispatchOptions = {}): Promise<RoundResult> {
  const o = { ...DISPATCH_DEFAULTS, ...opts };
  const channels = (["telegram", "sms"] as const).filter((c) => (c === "telegram" ? deps.telegram : deps.sms));
  if (channels.length === 0) return { claimed: 0, sent: 0, retried: 0, dead: 0, held: 0 };
  const claimedAt = deps.clock();
  const { claimed, held, undecryptable } = await claim(deps, channels, claimedAt, o.scan, o.leaseMs, opts.limits ?? TELEGRAM_LIMITS);
  const result: RoundResult = { claimed: claimed.length, sent: 0, retried: 0, dead: 0, held };
  for (const u of undecryptable) {
    await finish(deps, u, { status: "dead", lastError: "recipient or payload cannot be decrypted (APP_SECRET changed?)" });
    result.dead++;
  }
  const spacingMs = o.spread === false ? 0 : 1000 / (opts.limits ?? TELEGRAM_LIMITS).globalPerSecond;
  let slot = 0;
  await Promise.all(
    claimed.map(async (row) => {
      const wait = row.channel === "telegram" ? slot++ * spacingMs : 0;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const outcome = await deliver(deps, row);
      const now = deps.clock();
      if (outcome.ok) {
        // next_attempt_at becomes the send's start: the pacing history reads it through the (status, next_attempt_at) index.
        await finish(deps, row, { status: "sent", sentAt: now, nextAttemptAt: claimedAt, payloadEnc: null, lastError: null });
        result.sent++;
      } else if (outcome.retryAfterSeconds !== undefined) {
        // Telegram asked us to wait: not the message's fault, so the attempt is given back.
        await finish(deps, row, {
          status: "pending",
          attempts: row.attempts - 1,
          nextAttemptAt: new Date(now.getTime() + outcome.retryAfterSeconds * 1000),
          lastError: outcome.error,
        });
        result.retried++;
      } else if (outcome.retryable && row.attempts < o.maxAttempts) {
        const exp = Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** (row.attempts - 1));
        const delay = Math.round(exp / 2 + (opts.random ?? Math.random)() * (exp / 2));
        await finish(deps, row, { status: "pending", nextAttemptAt: new Date(now.getTime() + delay), lastError: outcome.error });
        result.retried++;
      } else {
        await finish(deps, row, { status: "dead", lastError: outcome.error });
        deps.logger.warn("outbox message dead", { outboxId: row.id, channel: row.channel, attempts: row.attempts, error: outcome.error });
        result.dead++;
      }
    }),
  );
  return result;
}

async function claim(deps: Deps, channels: readonly ("telegram" | "sms")[], now: Date, scan: number, leaseMs: number, limits: PacingLimits) {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
    const nowIso = now.toISOString();
    const recent = await rows<{ recipient_key: string; channel: "telegram" | "sms"; status: string; next_attempt_at: string | Date }>(
      tx,
      sql`
      select recipient_key, channel, status, next_attempt_at from outbox
      where (status = 'sent' and next_attempt_at > ${nowIso}::timestamptz - interval '60 seconds')
         or (status = 'sending' and next_attempt_at > ${nowIso}::timestamptz)`,
    );
    // One row per recipient (its oldest due one), so a thousand messages to one chat cannot starve the others.
    const due = await rows<{ id: number | string; channel: "telegram" | "sms"; recipient_key: string; recipient_enc: Uint8Array; attempts: number }>(
      tx,
      sql`
      select id, channel, recipient_key, recipient_enc, attempts from outbox
      where id in (
        select id from (
          select id, next_attempt_at, row_number() over (partition by recipient_key order by next_attempt_at, id) as rn
          from outbox
          where status in ('pending', 'sending') and next_attempt_at <= ${nowIso}::timestamptz
            and channel in (${sql.join(
              channels.map((c) => sql`${c}`),
              sql`, `,
            )})
        ) t where rn = 1 order by next_attempt_at, id limit ${scan})
      order by next_attempt_at, id
      for update skip locked`,
    );
    const recentSends: RecentSend[] = recent.map((r) => ({
      recipientKey: r.recipient_key,
      channel: r.channel,
      inFlight: r.status === "sending",
      at: new Date(r.next_attempt_at).getTime(),
    }));
    const undecryptable: Claimed[] = [];
    const candidates: Claimed[] = [];
    for (const r of due) {
      const row = { id: Number(r.id), channel: r.channel, recipientKey: r.recipient_key, attempts: r.attempts, to: "", isGroup: false };
      try {
        row.to = deps.crypto.decrypt(toBytes(r.recipient_enc));
        row.isGroup = row.channel === "telegram" && row.to.startsWith("-");
        candidates.push(row);
      } catch {
        undecryptable.push({ ...row, attempts: row.attempts + 1 });
      }
    }
    const { chosen, held } = choosePaced(candidates, recentSends, now.getTime(), limits);
    const ids = [...chosen, ...undecryptable].map((c) => c.id);
    if (ids.length > 0) {
      await tx
        .update(outbox)
        .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .where(inArray(outbox.id, ids));
    }
    return { claimed: chosen.map((c) => ({ ...c, attempts: c.attempts + 1 })), held, undecryptable };
  });
}

async function deliver(deps: Deps, row: Claimed): Promise<SendResult> {
  const [stored] = await deps.db.select({ payloadEnc: outbox.payloadEnc }).from(outbox).where(eq(outbox.id, row.id));
  if (!stored?.payloadEnc) return { ok: false, retryable: false, error: "no payload" };
  let payload: OutgoingPayload;
  try {
    payload = JSON.parse(deps.crypto.decrypt(toBytes(stored.payloadEnc))) as OutgoingPayload;
  } catch {
    return { ok: false, retryable: false, error: "payload cannot be decrypted" };
  }
  try {
    if (row.channel === "telegram") return await deps.telegram!.send(row.to, payload);
    return await deps.sms.send(row.to, payload.text);
  } catch (err) {
    // Adapters should return, not throw; a throw is treated like a network error, without its message (it may hold the recipient).
    return { ok: false, retryable: true, error: `sender threw ${err instanceof Error ? err.name : "error"}` };
  }
}

async function finish(deps: Deps, row: Claimed, set: Partial<typeof outbox.$inferInsert>): Promise<void> {
  await deps.db
    .update(outbox)
    .set(set)
    .where(and(eq(outbox.id, row.id), eq(outbox.status, "sending"), eq(outbox.attempts, row.attempts)));
}

function toBytes(v: Uint8Array | string): Uint8Array {
  // postgres.js returns bytea as Buffer; a text "\x…" form only appears if a driver was misconfigured.
  return typeof v === "string" ? new Uint8Array(Buffer.from(v.replace(/^\\x/, ""), "hex")) : v;
}
