import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { wrapPglite, createDb } from "../../src/db/client.js";
import { migrateDb } from "../../src/db/migrate.js";
import { seedDefaults } from "../../src/db/seed.js";
import { randomBytes } from "node:crypto";
import { MIGRATIONS_DIR, pgTemplates } from "./paths.js";

/**
 * Build each kind of test database once per run: PGlite images (migrated, and migrated + seeded) dumped
 * to tarballs that every test file loads in well under a second, and, when TEST_DATABASE_URL is set,
 * template databases on the PostgreSQL server that test files copy with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "jubao-test-"));
  for (const seeded of [false, true]) {
    const pg = await PGlite.create();
    const database = await wrapPglite(pg);
    await migrateDb(database, MIGRATIONS_DIR);
    if (seeded) await seedDefaults(database.db);
    const dump = await pg.dumpDataDir("none");
    const file = join(dir, seeded ? "seeded.tar" : "migrated.tar");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await pg.close();
    project.provide(seeded ? "pgliteSeeded" : "pgliteMigrated", file);
  }

  const url = process.env.TEST_DATABASE_URL;
  const run = randomBytes(4).toString("hex");
  const templates = pgTemplates(run);
  project.provide("pgRun", run);
  let cleanupPg = async () => {};
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    for (const [name, seeded] of [
      [templates.migrated, false],
      [templates.seeded, true],
    ] as const) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      const database = await createDb({ DATABASE_URL: u.toString(), DATA_DIR: "" }, { max: 2 });
      await migrateDb(database, MIGRATIONS_DIR);
      if (seeded) await seedDefaults(database.db);
      await database.close();
    }
    await admin.end();
    cleanupPg = async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      for (const name of [templates.migrated, templates.seeded]) await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  writeFileSync(join(dir, "ready"), "");
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    await cleanupPg();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteMigrated: string;
    pgliteSeeded: string;
    pgRun: string;
  }
}
