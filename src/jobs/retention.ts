import { and, eq, lt } from "drizzle-orm";
import { conversations, deskLinks, jobRuns, outbox } from "../db/schema.js";
import type { Deps } from "../app/deps.js";

/** How long bookkeeping rows are worth keeping; none of them is the record of a tip (tips and audit are kept). */
export const RETENTION = {
  /** An unfinished report or figures conversation left this long is abandoned: its partial answers are removed. */
  conversationDays: 7,
  /** job_runs exist to stop two replicas running one slot; a day later they only fill the table. */
  jobRunDays: 2,
  /** Sent outbox rows (payload already wiped) kept for delivery questions, then removed. */
  sentOutboxDays: 30,
  /** Desk sign-in links expired this long ago: kept a week so a late tap is told "expired", not "invalid". */
  expiredDeskLinkDays: 7,
} as const;

export async function pruneBookkeeping(
  deps: Pick<Deps, "db" | "clock">,
): Promise<{ conversations: number; jobRuns: number; outbox: number; deskLinks: number }> {
  const ago = (days: number) => new Date(deps.clock().getTime() - days * 24 * 3600_000);
  const conv = await deps.db
    .delete(conversations)
    .where(lt(conversations.updatedAt, ago(RETENTION.conversationDays)))
    .returning({ k: conversations.key });
  const runs = await deps.db
    .delete(jobRuns)
    .where(lt(jobRuns.startedAt, ago(RETENTION.jobRunDays)))
    .returning({ j: jobRuns.job });
  const sent = await deps.db
    .delete(outbox)
    .where(and(eq(outbox.status, "sent"), lt(outbox.sentAt, ago(RETENTION.sentOutboxDays))))
    .returning({ id: outbox.id });
  const links = await deps.db
    .delete(deskLinks)
    .where(lt(deskLinks.expiresAt, ago(RETENTION.expiredDeskLinkDays)))
    .returning({ h: deskLinks.tokenHash });
  return { conversations: conv.length, jobRuns: runs.length, outbox: sent.length, deskLinks: links.length };
}
