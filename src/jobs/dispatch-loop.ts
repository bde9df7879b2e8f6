import type { Deps } from "../app/deps.js";
import { errorFields } from "../adapters/logger.js";
import { drainOutbox } from "../app/outbox/drain-outbox.js";

export interface DispatchLoop {
  stop(): Promise<void>;
}

/**
 * Node only: drain the outbox every few seconds. Every replica may run one; the claim under an advisory
 * lock and SKIP LOCKED keeps each message to one sender. stop() waits for the current round to finish,
 * so no message is left `sending` by a clean shutdown.
 */
export function startDispatchLoop(deps: Deps, opts: { everyMs: number }): DispatchLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let failing = false;
  const tick = () => {
    current = drainOutbox(deps, { maxMs: 30_000, shouldStop: () => stopped })
      .then(() => {
        failing = false;
      })
      .catch((err) => {
        // Log once per outage, not every two seconds.
        if (!failing) deps.logger.warn("outbox dispatch failed", errorFields(err));
        failing = true;
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
