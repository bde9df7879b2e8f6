import { sql } from "drizzle-orm";
import type { Deps } from "../deps.js";

/** The database answers a trivial query: what /healthz reports. */
export async function checkHealth(deps: Pick<Deps, "db" | "database">): Promise<{ ok: boolean; database: string; latencyMs: number }> {
  const started = Date.now();
  try {
    await deps.db.execute(sql`select 1`);
    return { ok: true, database: deps.database.kind, latencyMs: Date.now() - started };
  } catch {
    return { ok: false, database: "unreachable", latencyMs: Date.now() - started };
  }
}
