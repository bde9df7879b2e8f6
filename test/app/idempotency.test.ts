import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { lookUpIdempotencyKey, runIdempotent } from "../../src/app/tips/idempotency.js";
import { prepareTip, storePreparedTip } from "../../src/app/tips/submit-tip.js";
import { createDb, type Database } from "../../src/db/client.js";
import { inboundDedupe, tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const TIP = { channel: "api" as const, text: "仓库里堆放烟花爆竹，消防通道被堵死了", place: "南宁市兴宁区" };

describe.each(DB_KINDS)("Idempotency-Key claimed, tip stored and receipt recorded in one transaction on %s", (kind) => {
  let database: TestDb;
  let pool: Database;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    pool = kind === "postgres" ? await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 12 }) : database;
    deps = testDeps(pool);
  }, 240_000);
  afterAll(async () => {
    if (pool !== database) await pool?.close();
    await database?.close();
  });

  const tipCount = async () => (await deps.db.select({ n: count() }).from(tips))[0].n;
  const store = (key: string, opts: { failAfterStore?: boolean } = {}) =>
    runIdempotent(deps, { key, fingerprint: "body-1" }, async (tx) => {
      const tip = await storePreparedTip(tx, deps, prepared);
      if (opts.failAfterStore) throw new Error("crash between the tip and its receipt");
      return { status: 201, body: { trackingCode: tip.trackingCode, secret: tip.secret } };
    });
  // Routed before any transaction opens: on PGlite, reading the outer db inside one deadlocks.
  let prepared: Awaited<ReturnType<typeof prepareTip>>;
  beforeAll(async () => {
    prepared = await prepareTip(deps, TIP);
  });

  it("8 simultaneous requests with one key store one tip and all get its receipt (no 409)", async () => {
    const before = await tipCount();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store("simultaneous-key-0001")));
    expect(await tipCount()).toBe(before + 1);
    const bodies = outcomes.map((o) => (o.state === "done" ? o.body : null));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(outcomes.filter((o) => o.state === "done" && !o.replayed)).toHaveLength(1);
    expect(await lookUpIdempotencyKey(deps, { key: "simultaneous-key-0001", fingerprint: "body-1" })).toMatchObject({
      state: "replay",
      status: 201,
      body: bodies[0],
    });
    expect(await lookUpIdempotencyKey(deps, { key: "simultaneous-key-0001", fingerprint: "body-2" })).toEqual({ state: "mismatch" });
  });

  it("a failure after the tip was written leaves neither the tip nor the key: the retry stores it once", async () => {
    const before = await tipCount();
    await expect(store("crash-window-key-0001", { failAfterStore: true })).rejects.toThrow("crash between");
    expect(await tipCount()).toBe(before);
    expect(await lookUpIdempotencyKey(deps, { key: "crash-window-key-0001", fingerprint: "body-1" })).toEqual({ state: "new" });
    const retry = await store("crash-window-key-0001");
    expect(retry).toMatchObject({ state: "done", replayed: false });
    expect(await tipCount()).toBe(before + 1);
  });

  it("a key left without a receipt by the earlier two-step code is taken over at once, not answered 409", async () => {
    const { inboundDedupe: table } = await import("../../src/db/schema.js");
    const key = deps.crypto.hash("idempotency-key", "legacy-claim-0001");
    await deps.db
      .insert(table)
      .values({ source: "api-idempotency", key, response: { bodyHash: deps.crypto.hash("idempotency-body", "body-1") }, at: new Date() });
    const before = await tipCount();
    expect(await store("legacy-claim-0001")).toMatchObject({ state: "done", replayed: false });
    expect(await tipCount()).toBe(before + 1);
    const rows = await deps.db.select().from(inboundDedupe).where(eq(inboundDedupe.key, key));
    expect((rows[0].response as { enc?: string }).enc).toBeTruthy();
  });
});
