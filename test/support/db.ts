import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { createDb, wrapPglite, type Database } from "../../src/db/client.js";
import { pgTemplates } from "./paths.js";

export type DbKind = "pglite" | "postgres";

/** PGlite always; the PostgreSQL server as well when TEST_DATABASE_URL is set. */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

if (!process.env.TEST_DATABASE_URL && !process.env.JUBAO_QUIET_SKIPS) {
  // Visible, once per worker: a fresh machine runs on PGlite only; .ci/run sets TEST_DATABASE_URL.
  console.warn("[jubao tests] TEST_DATABASE_URL is not set: the PostgreSQL-server variants are skipped (PGlite only).");
}

export interface TestDb extends Database {
  /** postgres only: the URL of this test's own database. */
  url?: string;
}

/** A fresh database of the given kind, migrated (and seeded unless told otherwise), owned by one test file. */
export async function openTestDb(kind: DbKind, opts: { seeded?: boolean } = {}): Promise<TestDb> {
  const seeded = opts.seeded ?? true;
  if (kind === "pglite") {
    const file = inject(seeded ? "pgliteSeeded" : "pgliteMigrated");
    const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
    return wrapPglite(pg);
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `jubao_t_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${seeded ? pgTemplates(inject("pgRun")).seeded : pgTemplates(inject("pgRun")).migrated}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = await createDb({ DATABASE_URL: u.toString(), DATA_DIR: "" }, { max: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A brand-new empty database (not migrated), for migration tests. */
export async function openEmptyDb(kind: DbKind): Promise<TestDb> {
  if (kind === "pglite") return wrapPglite(await PGlite.create());
  const base = process.env.TEST_DATABASE_URL!;
  const name = `jubao_e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const database = await createDb({ DATABASE_URL: u.toString(), DATA_DIR: "" }, { max: 8 });
  return {
    ...database,
    async close() {
      await database.close();
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
