import type { Deps } from "../app/deps.js";
import { errorFields } from "../adapters/logger.js";
import { linkAudit } from "../app/audit/link-audit.js";

export interface LinkLoop {
  stop(): Promise<void>;
}

/** How often each Node replica runs the audit sequencer; the one that gets its lock links, the others skip. */
export const LINK_EVERY_MS = 1_000;

/**
 * Node only: run the audit sequencer (linkAudit) every second, so a committed audit row joins the hash
 * chain within about a second. Every replica runs one; the sequencer's advisory lock lets one link at
 * a time and the others return at once. stop() waits for the current run.
 */
export function startLinkLoop(deps: Deps, opts: { everyMs: number }): LinkLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let failing = false;
  let first = true;
  const tick = () => {
    current = linkAudit(deps)
      .then((r) => {
        // Once per start: how many entries were waiting (after a crash, those its sequencer never linked).
        if (first && r.ran) deps.logger.info("audit sequencer running", { linked: r.linked, head: r.head?.auditId ?? 0 });
        if (r.ran) first = false;
        failing = false;
      })
      .catch((err) => {
        // Log once per outage, not every second.
        if (!failing) deps.logger.warn("audit linking failed", errorFields(err));
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
