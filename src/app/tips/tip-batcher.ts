import type { Deps } from "../deps.js";
import { isUnavailable } from "../system/outage.js";
import { type PreparedTip, type SubmittedTip, storePreparedTip, storePreparedTips } from "./submit-tip.js";

/**
 * Group commit for tips submitted on their own (no caller transaction, no Idempotency-Key): tips that
 * arrive while earlier ones are being stored wait, and are then stored together in ONE statement with
 * multi-row inserts (storePreparedTips, storeTips), so a burst costs a few commits instead of one per tip. No timer:
 * when no commit is in flight a tip goes at once (no added latency when idle), and a batch is whatever
 * queued meanwhile, up to `maxBatch`. A second commit (up to `maxInFlight`) starts only when `secondAt`
 * tips wait (a full batch unless set): batches are as large as the load makes them, and parallel commits
 * are for a load one commit cannot carry.
 *
 * Guarantees kept: each tip's rows are all-or-nothing (a batch commits whole or not at all); a tip's
 * promise resolves only after its transaction committed; when a batch fails, its tips are stored one by
 * one (each in its own transaction, with the tracking-code retry), so one bad tip fails only itself.
 * Per process (per database handle): replicas batch independently.
 */
export interface TipBatcher {
  store(tip: PreparedTip): Promise<SubmittedTip>;
  /** Batches flushed and tips in them so far (bench:intake prints the mean batch). */
  stats(): { transactions: number; tips: number };
}

export interface TipBatcherOptions {
  /** Most tips in one transaction. */
  maxBatch: number;
  /** Transactions in flight at once: 1 on PGlite (one connection), a few on the server's pool. */
  maxInFlight: number;
  /** Tips waiting for a commit other than the first to start while one is in flight (default: maxBatch). */
  secondAt?: number;
  /**
   * How long a tip that finds a commit slot free waits for others before its transaction starts (0: at
   * once). PGlite runs a transaction on this thread without yielding to I/O, so without a linger the
   * first tip to arrive starts alone and the requests behind it cannot reach the queue until it ends.
   */
  lingerMs: number;
}

interface Waiting {
  tip: PreparedTip;
  resolve(t: SubmittedTip): void;
  reject(err: unknown): void;
}

/**
 * PGlite: one commit at a time, 2 ms linger (mean batch 11–14 tips under 16–64 connections; without the
 * linger every batch was 1 tip). Server: no linger; up to 4 commits in flight, the others than the first
 * only for a full batch. When any free slot took whatever had queued (session 6–7), 16 connections made
 * batches of 2.5 tips, and each batch costs the Node process (two statements, their parameters and
 * writes) and PostgreSQL (parse, bind, commit) about as much as a tip's own rows: one commit in flight
 * made batches of 8 and cut CPU per tip by a third in Node and 40 % in PostgreSQL (README, "Group commit").
 * Waiting for a FULL batch (32) before a second commit left 16 connections with one commit in flight and
 * its round trip on every tip's latency; starting a second once 8 wait gave +19 % tips/s at 16 connections
 * with batches still ≈ 7.5 (two alternated pairs, session 8).
 */
export function defaultBatcherOptions(deps: Pick<Deps, "database">): TipBatcherOptions {
  return deps.database.kind === "postgres" ? { maxBatch: 32, maxInFlight: 4, secondAt: 8, lingerMs: 0 } : { maxBatch: 32, maxInFlight: 1, lingerMs: 2 };
}

export function createTipBatcher(deps: Deps, opts: TipBatcherOptions = defaultBatcherOptions(deps)): TipBatcher {
  const queue: Waiting[] = [];
  const stats = { transactions: 0, tips: 0 };
  let inFlight = 0;
  const secondAt = opts.secondAt ?? opts.maxBatch;

  const flush = async (batch: Waiting[]) => {
    stats.transactions++;
    stats.tips += batch.length;
    if (batch.length === 1) {
      const [w] = batch;
      await storePreparedTip(deps.db, deps, w.tip).then(w.resolve, w.reject);
      return;
    }
    let stored: SubmittedTip[] | null = null;
    try {
      stored = await storePreparedTips(
        deps.db,
        deps,
        batch.map((w) => w.tip),
      );
    } catch (err) {
      // The database is away (or the connection dropped, perhaps during COMMIT, when the outcome is
      // unknown): every caller gets the outage (a 503), as a lone tip would — no automatic retry here that
      // could store a committed batch twice; a client's retry with an Idempotency-Key is the safe one.
      if (isUnavailable(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // Anything else (a tip a constraint refuses, a tracking-code collision): nothing of the batch was
      // stored; each tip is tried alone, and only its own error reaches its caller.
    }
    if (stored) {
      for (const [i, w] of batch.entries()) w.resolve(stored[i]);
      return;
    }
    await Promise.all(batch.map((w) => storePreparedTip(deps.db, deps, w.tip).then(w.resolve, w.reject)));
  };

  let lingering: ReturnType<typeof setTimeout> | undefined;
  const pump = () => {
    if (lingering !== undefined) {
      if (queue.length < opts.maxBatch) return;
      clearTimeout(lingering);
      lingering = undefined;
    }
    while (queue.length > 0 && (inFlight === 0 || (inFlight < opts.maxInFlight && queue.length >= secondAt))) {
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      flush(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  };

  return {
    stats: () => ({ ...stats }),
    store(tip) {
      return new Promise<SubmittedTip>((resolve, reject) => {
        queue.push({ tip, resolve, reject });
        if (opts.lingerMs > 0 && queue.length === 1 && inFlight === 0 && lingering === undefined) {
          lingering = setTimeout(() => {
            lingering = undefined;
            pump();
          }, opts.lingerMs);
          return;
        }
        pump();
      });
    },
  };
}

const batchers = new WeakMap<object, TipBatcher>();

/** The process's batcher for these deps (made on first use; main.ts and worker.ts build deps once). */
export function tipBatcherFor(deps: Deps): TipBatcher {
  let b = batchers.get(deps);
  if (!b) batchers.set(deps, (b = createTipBatcher(deps)));
  return b;
}
