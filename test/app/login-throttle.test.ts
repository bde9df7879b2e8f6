import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/app/deps.js";
import { authenticate } from "../../src/app/staff/authenticate.js";
import { THROTTLE } from "../../src/app/staff/login-throttle.js";
import { createDb, type Database } from "../../src/db/client.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { STAFF_PASSWORD, makeStaff } from "../http/admin-support.js";

/**
 * Simultaneous guesses: each attempt is decided (admitted → its password is hashed, answered "invalid";
 * refused → "throttled", no hash) before any hashing, so the count of "invalid" answers is the number of
 * passwords checked. A read-then-upsert that set the count let 15–20 of 24 through on PostgreSQL.
 */
describe.each(DB_KINDS)("login throttle under simultaneous guesses on %s", (kind) => {
  let database: TestDb;
  let pool: Database;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    // A pool as wide as the burst, so every guess really runs at once on the server.
    pool = kind === "postgres" ? await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 24 }) : database;
    deps = testDeps(pool);
    await makeStaff(deps, { username: "dora", role: "committee", jurisdictionCode: "450100" });
  }, 240_000);
  afterAll(async () => {
    if (pool !== database) await pool?.close();
    await database?.close();
  });

  const burst = (username: string, password: (i: number) => string) =>
    Promise.all(Array.from({ length: 24 }, (_, i) => authenticate(deps, { username, password: password(i), clientAddress: `198.51.100.${i + 1}` })));

  it("checks at most 5 passwords of 24 simultaneous guesses at a never-tried account", async () => {
    const results = await burst("never-tried-account", (i) => `guess number ${i}`);
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.accountAttempts);
    expect(checked).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBe(24 - checked);
  });

  it("the same for a real account, whose right password is refused once the burst has locked it", async () => {
    const results = await burst("dora", (i) => `wrong password ${i}`);
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(THROTTLE.accountAttempts);
    expect(await authenticate(deps, { username: "dora", password: STAFF_PASSWORD, clientAddress: "198.51.100.99" })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });
});
