import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isDiskFull } from "../../db/errors.js";
import type { Deps } from "../deps.js";

/**
 * A disk-full database still answers `select 1`, so /healthz also reports whether the last write failed
 * for lack of space: set by a failed request (noteDatabaseFailure), cleared by the next request that
 * wrote successfully (noteWriteSucceeded). Kept per database handle, in memory: each replica reports
 * what it saw.
 */
const diskFullSince = new WeakMap<Database, Date>();

export interface Health {
  ok: boolean;
  database: string;
  latencyMs: number;
  /** Present while writes fail: the disk under the database is full. */
  storage?: "disk_full";
  since?: string;
}

export async function checkHealth(deps: Pick<Deps, "db" | "database">): Promise<Health> {
  const started = Date.now();
  try {
    await deps.db.execute(sql`select 1`);
    const full = diskFullSince.get(deps.database);
    if (full) return { ok: false, database: deps.database.kind, latencyMs: Date.now() - started, storage: "disk_full", since: full.toISOString() };
    return { ok: true, database: deps.database.kind, latencyMs: Date.now() - started };
  } catch {
    return { ok: false, database: "unreachable", latencyMs: Date.now() - started };
  }
}

/** Called where a request's database error is mapped to 503; logs a full disk once, when it starts. */
export function noteDatabaseFailure(deps: Pick<Deps, "database" | "logger" | "clock">, err: unknown): void {
  if (!isDiskFull(err) || diskFullSince.has(deps.database)) return;
  diskFullSince.set(deps.database, deps.clock());
  deps.logger.error("database disk is full: writes fail (503) until space is freed", { database: deps.database.kind });
}

/** A request that began at `startedAt` wrote successfully; a failure noted since then (by itself or another request) stands. */
export function noteWriteSucceeded(deps: Pick<Deps, "database" | "logger">, startedAt: Date): void {
  const since = diskFullSince.get(deps.database);
  if (!since || since >= startedAt) return;
  diskFullSince.delete(deps.database);
  deps.logger.info("database writes succeed again", { database: deps.database.kind });
}
