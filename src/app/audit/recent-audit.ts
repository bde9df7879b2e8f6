import { desc } from "drizzle-orm";
import { auditLog } from "../../db/schema.js";
import type { Deps } from "../deps.js";

export type AuditRow = typeof auditLog.$inferSelect;

/** The latest audit entries, newest first, for the admin audit page. */
export async function recentAudit(deps: Pick<Deps, "db">, input: { limit?: number } = {}): Promise<AuditRow[]> {
  return deps.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(Math.min(Math.max(input.limit ?? 50, 1), 500));
}
