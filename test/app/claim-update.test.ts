import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { claimUpdate } from "../../src/app/chat/claim-update.js";
import { setChatLocale } from "../../src/app/chat/chat-locale.js";
import { releaseInbound } from "../../src/app/system/inbound-dedupe.js";
import { listReporterTips } from "../../src/app/tips/list-reporter-tips.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { preparedRows } from "../../src/db/client.js";
import { inboundDedupe, tips } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("claimUpdate: the claim, the chat's language and a bare /status's own tips in one statement, on %s", (kind) => {
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

  it("reads exactly the tips listReporterTips lists for the chat, in its order (ties too), and only when asked", async () => {
    const chat = "73005";
    const texts = ["工地塔吊司机无证上岗，吊装时没有指挥人员", "仓库里堆满了易燃的纸箱，灭火器全部过期", "化工厂夜里偷偷排放刺鼻的气体，工人没有防毒面具"];
    const filed = [];
    for (const text of texts) {
      filed.push(await submitTip(deps, { channel: "telegram", text, jurisdictionCode: "450102", sector: "construction", reporter: { address: chat } }));
    }
    await submitTip(deps, {
      channel: "telegram",
      text: "基坑边堆放钢筋，没有任何支护，已经出现裂缝",
      jurisdictionCode: "450102",
      reporter: { address: "73006" },
    });
    // Two tips received in the same instant: the order falls back to the id, as listReporterTips' does.
    const codes = filed.map((t) => t.trackingCode);
    await database.db
      .update(tips)
      .set({ receivedAt: sql`timestamptz '2026-01-02 03:04:05.678912+08'` })
      .where(inArray(tips.trackingCode, codes.slice(0, 2)));

    const listed = await listReporterTips(deps, { channel: "telegram", address: chat });
    expect(listed.map((t) => t.trackingCode).sort()).toEqual([...codes].sort());
    const claim = await claimUpdate(deps, { source: "telegram", key: `${kind}-own-1`, chatId: chat, ownTipsOf: { channel: "telegram", address: chat } });
    expect(claim.claimed).toBe(true);
    expect(claim.ownTips).toEqual(listed);
    expect(claim.ownTips![0].receivedAt).toBeInstanceOf(Date);

    const none = await claimUpdate(deps, { source: "telegram", key: `${kind}-own-2`, chatId: 73_007, ownTipsOf: { channel: "telegram", address: "73007" } });
    expect(none.ownTips).toEqual([]);
    expect((await claimUpdate(deps, { source: "telegram", key: `${kind}-own-3`, chatId: chat })).ownTips).toBeUndefined();
    // A redelivery still reads them (one statement), and the caller drops the update.
    const again = await claimUpdate(deps, { source: "telegram", key: `${kind}-own-1`, chatId: chat, ownTipsOf: { channel: "telegram", address: chat } });
    expect(again.claimed).toBe(false);
  });

  it("preparedRows runs on the database and inside a transaction, where it sees the transaction's own rows", async () => {
    const key = `${kind}-prepared-tx`;
    const count = (db: Deps["db"]) => preparedRows<{ n: number }>(db, "select count(*)::int as n from inbound_dedupe where key = $1", [key]);
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
