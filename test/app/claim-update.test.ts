import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { claimUpdate } from "../../src/app/chat/claim-update.js";
import { setChatLocale } from "../../src/app/chat/chat-locale.js";
import { releaseInbound } from "../../src/app/system/inbound-dedupe.js";
import { rawRows } from "../../src/db/raw.js";
import { inboundDedupe } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("claimUpdate: the claim and the chat's language in one statement, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("claims an update id once; a released one can be claimed again", async () => {
    const key = { source: "telegram", key: `${kind}-claim-1` };
    expect((await claimUpdate(deps, { ...key, chatId: 73_001 })).claimed).toBe(true);
    expect((await claimUpdate(deps, { ...key, chatId: 73_001 })).claimed).toBe(false);
    const rows = await database.db
      .select()
      .from(inboundDedupe)
      .where(eq(inboundDedupe.key, `${kind}-claim-1`));
    expect(rows).toHaveLength(1);
    await releaseInbound(deps, key);
    expect((await claimUpdate(deps, { ...key, chatId: 73_001 })).claimed).toBe(true);
  });

  it("of two concurrent deliveries of one update exactly one claims it", async () => {
    const key = { source: "telegram", key: `${kind}-race` };
    const claims = await Promise.all([1, 2, 3].map(() => claimUpdate(deps, { ...key, chatId: 73_002 })));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
  });

  it("reads the chat's stored language, else the client's, else zh-CN; zh-CN without a chat", async () => {
    await setChatLocale(deps, { chatId: 73_003, locale: "en" });
    expect((await claimUpdate(deps, { source: "telegram", key: `${kind}-l1`, chatId: 73_003, fallback: "zh-hans" })).locale).toBe("en");
    expect((await claimUpdate(deps, { source: "telegram", key: `${kind}-l2`, chatId: 73_004, fallback: "en" })).locale).toBe("en");
    expect((await claimUpdate(deps, { source: "telegram", key: `${kind}-l3`, chatId: 73_004 })).locale).toBe("zh-CN");
    expect((await claimUpdate(deps, { source: "telegram", key: `${kind}-l4`, fallback: "en" })).locale).toBe("zh-CN");
  });

  it("rawRows runs on the database and inside a transaction, where it sees the transaction's own rows", async () => {
    const key = `${kind}-prepared-tx`;
    const count = (db: Deps["db"]) => rawRows<{ n: number }>(db, "select count(*)::int as n from inbound_dedupe where key = $1", [key]);
    await database.db
      .transaction(async (tx) => {
        await tx.insert(inboundDedupe).values({ source: "test", key });
        expect((await count(tx))[0].n).toBe(1);
        // PGlite runs one thing at a time: a query outside would wait for this transaction to end.
        if (kind === "postgres") expect((await count(database.db))[0].n).toBe(0);
        tx.rollback();
      })
      .catch((err: Error) => expect(err.message).toMatch(/rollback/i));
    expect(await database.db.select().from(inboundDedupe).where(eq(inboundDedupe.key, key))).toEqual([]);
  });
});
