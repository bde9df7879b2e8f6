import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbKind } from "./db.js";
import { openTestDb } from "./db.js";
import { TEST_SECRET } from "./deps.js";

/**
 * Environment for running our CLI or server as a real process against a database of the given kind:
 * a fresh temporary DATA_DIR for PGlite, or a fresh seeded database on the PostgreSQL server.
 */
export async function processEnv(kind: DbKind): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "jubao-cli-"));
    return { env: { DATA_DIR: dir, APP_SECRET: TEST_SECRET }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = await openTestDb("postgres");
  return { env: { DATABASE_URL: db.url!, APP_SECRET: TEST_SECRET }, cleanup: () => db.close() };
}
