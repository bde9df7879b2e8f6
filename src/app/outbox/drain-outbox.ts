import type { Deps } from "../deps.js";
import { dispatchOutboxRound, type DispatchOptions, type RoundResult } from "./dispatch-outbox.js";

export interface DrainOptions extends DispatchOptions {
  /** Stop after this long (wall time), so a cron run ends before the next one is due. */
  maxMs?: number;
  /** Pause when pacing holds messages back. */
  pauseMs?: number;
  shouldStop?: () => boolean;
}

export type DrainResult = Omit<RoundResult, "held"> & { rounds: number };

/** Run dispatcher rounds until nothing is due, pacing permitting, or the time is up. */
export async function drainOutbox(deps: Deps, opts: DrainOptions = {}): Promise<DrainResult> {
  const started = Date.now();
  const maxMs = opts.maxMs ?? 45_000;
  const total: DrainResult = { claimed: 0, sent: 0, retried: 0, dead: 0, rounds: 0 };
  while (!opts.shouldStop?.() && Date.now() - started < maxMs) {
    const r = await dispatchOutboxRound(deps, opts);
    total.rounds++;
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.retried += r.retried;
    total.dead += r.dead;
    if (r.claimed === 0 && r.held === 0) break;
    if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs ?? 100));
  }
  return total;
}
