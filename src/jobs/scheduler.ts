import cron, { type ScheduledTask } from "node-cron";
import { errorFields } from "../adapters/logger.js";
import type { Deps } from "../app/deps.js";
import { runJobOnce, slotOf } from "./coordinator.js";
import { JOBS, type Job } from "./schedule.js";
import { startDispatchLoop } from "./dispatch-loop.js";
import { LINK_EVERY_MS, startLinkLoop } from "./link-loop.js";

export interface Scheduler {
  /** Names of the scheduled jobs, for the start-up banner. */
  jobs: string[];
  dispatchEveryMs: number | null;
  linkEveryMs: number | null;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  jobs?: Job[];
  /** The Node-only outbox loop: a minute is too slow for receipts. null turns it off. */
  dispatchEveryMs?: number | null;
  /** The Node-only audit sequencer loop (LINK_EVERY_MS); null turns it off (the minute job still links). */
  linkEveryMs?: number | null;
}

/**
 * node-cron drives the schedule table in Node. Every replica schedules every job; runJobOnce lets one
 * replica run each slot (the slot is the minute the run was due, from node-cron's context, so replicas
 * woken a few ms apart agree). noOverlap: a slow run is not started again by this process meanwhile.
 */
export function startScheduler(deps: Deps, opts: SchedulerOptions = {}): Scheduler {
  const jobs = opts.jobs ?? JOBS;
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.cron,
      async (ctx) => {
        try {
          return await runJobOnce(deps, job, slotOf(ctx.date));
        } catch (err) {
          deps.logger.error("job failed", { job: job.name, ...errorFields(err) });
          return { ran: false, failed: true };
        }
      },
      { name: job.name, timezone: "UTC", noOverlap: true },
    ),
  );
  const every = opts.dispatchEveryMs === undefined ? 2_000 : opts.dispatchEveryMs;
  const loop = every ? startDispatchLoop(deps, { everyMs: every }) : null;
  const linkEvery = opts.linkEveryMs === undefined ? LINK_EVERY_MS : opts.linkEveryMs;
  const links = linkEvery ? startLinkLoop(deps, { everyMs: linkEvery }) : null;
  return {
    jobs: jobs.map((j) => j.name),
    dispatchEveryMs: every,
    linkEveryMs: linkEvery,
    async stop() {
      for (const t of tasks) await t.destroy();
      await loop?.stop();
      await links?.stop();
    },
  };
}
