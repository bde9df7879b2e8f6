import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: verbs take this so callers can compose them in one transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, for the start-up banner (never includes a password). */
  describe: string;
  /** postgres only: the connection URL (migrations open their own single-connection session). */
  url?: string;
  /**
   * PGlite only: a gzipped tarball of the whole data directory, taken under PGlite's query lock (queries
   * wait for it). Like a crash image it holds committed transactions only; one still open is not in it.
   * Absent on a PostgreSQL server, whose own backups (pg_dump) apply.
   */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DbConfig {
  DATABASE_URL?: string;
  DATA_DIR: string;
}

/** One code path above this line: PGlite (embedded, DATA_DIR) or postgres.js (DATABASE_URL). */
export async function createDb(config: DbConfig, opts: { max?: number } = {}): Promise<Database> {
  if (config.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(config.DATABASE_URL, { max: opts.max ?? 10, onnotice: () => {}, ...outageOptions(config.DATABASE_URL) });
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      url: config.DATABASE_URL,
      describe: `PostgreSQL ${redactUrl(config.DATABASE_URL)}`,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create(config.DATA_DIR);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    describe: `PGlite (embedded) in ${config.DATA_DIR}`,
    dumpDataDir: () => client.dumpDataDir("gzip"),
    close: () => client.close(),
  };
}

/**
 * While the server is away a request should get its 503 in about a second, not wait out the driver's
 * defaults (a 30 s connect timeout and a reconnect backoff that grows to 20 s per connection, which held
 * requests 5–10 s after a restart here). Settings in the URL (`?connect_timeout=`, `?statement_timeout=`)
 * win over these. The statement timeout is the server's guard against a runaway query holding a
 * connection; exports and backups stay well under it.
 */
export const OUTAGE = { connectTimeoutS: 1, maxBackoffS: 0.5, statementTimeoutMs: 30_000 };

function outageOptions(url: string): Record<string, unknown> {
  // On Workers the connection goes to Hyperdrive, which pools, times out (60 s a statement) and may take
  // longer than a second to reach the origin on a cold start: leave the driver's defaults there.
  if ((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers") return {};
  const params = new URL(url).searchParams;
  return {
    ...(params.has("connect_timeout") ? {} : { connect_timeout: OUTAGE.connectTimeoutS }),
    ...(params.has("backoff") ? {} : { backoff: (retries: number) => Math.min(0.05 * 2 ** retries, OUTAGE.maxBackoffS) }),
    connection: { statement_timeout: OUTAGE.statementTimeoutMs },
  };
}

/** Wrap an existing PGlite instance (tests clone a migrated template instead of migrating per file). */
export async function wrapPglite(client: import("@electric-sql/pglite").PGlite, describe = "PGlite (memory)"): Promise<Database> {
  const { drizzle } = await import("drizzle-orm/pglite");
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", describe, dumpDataDir: () => client.dumpDataDir("gzip"), close: () => client.close() };
}

/** db.execute returns `{ rows }` on PGlite and an array on postgres.js; every raw query goes through here. */
export async function rows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The drivers' own query calls used by preparedRows: postgres.js (and its transaction) and PGlite (and its transaction). */
interface DriverClient {
  unsafe?(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
  query?(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A fixed statement, by its text with $1… parameters, run on the driver itself: for the few statements
 * every request runs (a webhook update's claim). No query is built per call, and on the server it is a
 * prepared statement (postgres.js names it per connection by its text), so PostgreSQL parses and plans
 * it once per connection; drizzle's db.execute sends each statement unnamed, parsed and planned anew.
 * Works on the database or inside a transaction (the handle's own client). Values come back as each
 * driver parses them; through drizzle's postgres.js client timestamps stay text, so read them as JSON
 * or convert them explicitly.
 */
export async function preparedRows<T = Record<string, unknown>>(db: DbOrTx, text: string, params: unknown[]): Promise<T[]> {
  const handle = db as unknown as { $client?: DriverClient; session?: { client?: DriverClient } };
  const client = handle.$client ?? handle.session?.client;
  if (client?.unsafe) return (await client.unsafe(text, params, { prepare: true })) as T[];
  if (client?.query) return (await client.query(text, params)).rows as T[];
  throw new Error("preparedRows: the database handle exposes no driver client");
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
