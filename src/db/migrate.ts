import { sql } from "drizzle-orm";
import type { Database } from "./client.js";

/** Arbitrary but fixed: every replica takes the same advisory lock around migrations. */
const MIGRATION_LOCK_ID = 7_245_001;

/**
 * Apply migrations from `migrations/`. drizzle's migrator takes no lock, so concurrent replicas
 * would collide on a fresh database; we hold a session advisory lock on one reserved connection.
 */
export async function migrateDb(database: Database, migrationsFolder: string): Promise<void> {
  if (database.kind === "pglite") {
    // One connection, one process (the data-dir lock guarantees it): the advisory lock would protect nothing.
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { default: postgres } = await import("postgres");
  // max: 1 pins every statement, the lock and the migrations, to one session.
  const session = postgres(database.url!, { max: 1, onnotice: () => {} });
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(session), { migrationsFolder });
    await session`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await session.end({ timeout: 5 });
  }
}

export async function pingDb(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}
