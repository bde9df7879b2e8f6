import { and, eq, sql } from "drizzle-orm";
import { jobRuns } from "../db/schema.js";
import type { Deps } from "../app/deps.js";
import type { Job } from "./schedule.js";

/**
 * Exactly one replica runs each job slot: the first INSERT of (job, slot) wins, the others see a
 * conflict and skip. Work items inside a job are still claimed row by row (FOR UPDATE SKIP LOCKED).
 */
export async function runJobOnce(deps: Deps, job: Job, slot: string): Promise<{ ran: boolean; result?: unknown }> {
  const claimed = await deps.db.insert(jobRuns).values({ job: job.name, slot }).onConflictDoNothing().returning({ job: jobRuns.job });
  if (claimed.length === 0) return { ran: false };
  const result = await job.run(deps);
  await deps.db
    .update(jobRuns)
    .set({ finishedAt: sql`now()`, result: (result ?? null) as never })
    .where(and(eq(jobRuns.job, job.name), eq(jobRuns.slot, slot)));
  return { ran: true, result };
}

/** A slot is the minute the run was due, so replicas woken a few ms apart agree on it. */
export function slotOf(at: Date): string {
  return at.toISOString().slice(0, 16);
}
