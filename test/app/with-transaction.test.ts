import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { chatPrefs } from "../../src/db/schema.js";
import { inTransaction, withTransaction } from "../../src/app/with-transaction.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("withTransaction on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const count = async (key: string) => (await deps.db.select().from(chatPrefs).where(eq(chatPrefs.chatHash, key))).length;

  it("joins an open transaction instead of opening another (no PGlite deadlock), and commits both writes together", async () => {
    const nested = await withTransaction(deps, async (outer) => {
      expect(inTransaction(outer)).toBe(true);
      await outer.db.insert(chatPrefs).values({ chatHash: "wt-a", locale: "en" });
      return withTransaction(outer, async (inner) => {
        expect(inner).toBe(outer);
        await inner.db.insert(chatPrefs).values({ chatHash: "wt-b", locale: "en" });
        return "done";
      });
    });
    expect(nested).toBe("done");
    expect((await count("wt-a")) + (await count("wt-b"))).toBe(2);
  });

  it("rolls back everything, the joined part included, when the unit of work throws", async () => {
    await expect(
      withTransaction(deps, async (outer) => {
        await outer.db.insert(chatPrefs).values({ chatHash: "wt-c", locale: "en" });
        await withTransaction(outer, (inner) => inner.db.insert(chatPrefs).values({ chatHash: "wt-d", locale: "en" }));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await count("wt-c")) + (await count("wt-d"))).toBe(0);
    expect(inTransaction(deps)).toBe(false);
  });
});
