import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { inboundDedupe, outbox, tips } from "../../src/db/schema.js";
import { forgetSmsReplies } from "../../src/app/sms/forget-sms-replies.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { unreachableDb } from "./sms-support.js";
import { testDeps } from "../support/deps.js";

const SECRET = "gateway-shared-secret-42";
const ENV = { SMS_GATEWAY_SECRET: SECRET };
const hmac = (body: string | Uint8Array, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

const count = async (deps: Deps, table: typeof tips | typeof inboundDedupe) => Number((await deps.db.select({ n: sql<number>`count(*)` }).from(table))[0].n);

describe.each(DB_KINDS)("POST /sms/inbound on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: ENV });
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const send = (body: string | Uint8Array<ArrayBuffer>, signature: string | null = hmac(body), target = app) =>
    target.request("/sms/inbound", {
      method: "POST",
      headers: { "content-type": "application/json", ...(signature === null ? {} : { "x-signature": signature }) },
      body,
    });
  let n = 0;
  const message = (from: string, text: string, id = `gw-${++n}`) => JSON.stringify({ from, text, id, receivedAt: "2024-05-01T08:00:00Z" });

  it("stores a signed one-SMS tip and returns the receipt in the JSON reply, queuing no second receipt", async () => {
    const phone = "+8613900139001";
    // No one said to be exposed: not "possible" danger, so the receipt asks nothing (sms-urgency-question.test.ts).
    const res = await send(message(phone, "南宁市兴宁区某化工厂夜里偷偷排放有毒气体"));
    expect(res.status).toBe(200);
    const { reply } = (await res.json()) as { reply: string };
    const m = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(reply);
    expect(m, reply).not.toBeNull();
    expect(reply.length).toBeLessThanOrEqual(70);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, m![1]));
    expect(tip.channel).toBe("sms");
    expect(deps.crypto.verifyHash("receipt-secret", m![2], tip.secretHash)).toBe(true);
    const queued = await deps.db.select().from(outbox);
    expect(queued.map((o) => deps.crypto.decrypt(o.recipientEnc))).not.toContain(phone);
  });

  it("answers 401 unsigned and 403 wrongly signed, storing nothing; malformed signed input gets 400", async () => {
    const before = [await count(deps, tips), await count(deps, inboundDedupe)];
    const body = message("+8613900139002", "南宁市兴宁区工地塔吊无证操作，非常危险");
    expect((await send(body, null)).status).toBe(401);
    expect((await send(body, hmac(body, "other-secret"))).status).toBe(403);
    expect((await send(body, hmac(body + " "))).status).toBe(403);
    expect(await send(body, "zz")).toMatchObject({ status: 403 });
    expect((await send("{not json")).status).toBe(400);
    const badUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect((await send(badUtf8)).status).toBe(400);
    expect((await send(JSON.stringify({ from: "+86139", text: 5, id: "x" }))).status).toBe(400);
    expect((await send(JSON.stringify([1, 2]))).status).toBe(400);
    expect([await count(deps, tips), await count(deps, inboundDedupe)]).toEqual(before);
  });

  it("gives a redelivered id the same reply with no second tip, and forgets the stored reply after a day", async () => {
    const body = message("+8613900139003", "南宁市兴宁区烟花爆竹店在居民楼里储存大量鞭炮", "gw-dup-1");
    const before = await count(deps, tips);
    const first = await (await send(body)).json();
    const second = await (await send(body)).json();
    expect(second).toEqual(first);
    expect(await count(deps, tips)).toBe(before + 1);
    // The stored reply carries the secret: encrypted, and wiped once redeliveries are no longer expected.
    const [row] = await deps.db.select().from(inboundDedupe).where(eq(inboundDedupe.key, "gw-dup-1"));
    expect(JSON.stringify(row.response)).not.toContain((first as { reply: string }).reply.slice(-10));
    const later = testDeps(database, { env: ENV, clock: () => new Date(Date.now() + 25 * 3_600_000) });
    expect((await forgetSmsReplies(later)).forgotten).toBeGreaterThanOrEqual(1);
    const third = (await (await send(body)).json()) as { reply: string };
    expect(third.reply).toBe("这条短信已收到并处理过");
    expect(await count(deps, tips)).toBe(before + 1);
  });

  it("runs the two-step conversation and the commands over the generic gateway too", async () => {
    const phone = "+8613900139004";
    const asked = ((await (await send(message(phone, "商场的安全出口被铁链锁住了，消防栓也被挡住"))).json()) as { reply: string }).reply;
    expect(asked).toContain("地点");
    const done = ((await (await send(message(phone, "兴宁区"))).json()) as { reply: string }).reply;
    const m = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(done)!;
    const status = ((await (await send(message(phone, `查询${m[1]}${m[2]}`))).json()) as { reply: string }).reply;
    expect(status).toBe(`${m[1]}：已收到，待受理`);
    const add = ((await (await send(message(phone, `ADD ${m[1]} ${m[2]} the chains are still there today`))).json()) as { reply: string }).reply;
    expect(add).toBe(`Added to ${m[1]}. The unit handling it will see it.`);
  });

  it("locks a tracking code after repeated wrong secrets, even for the right one", async () => {
    const phone = "+8613900139005";
    const done = ((await (await send(message(phone, "南宁市兴宁区矿山违规超能力开采，井下人数超员"))).json()) as { reply: string }).reply;
    const m = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(done)!;
    for (let i = 0; i < 5; i++) {
      const r = ((await (await send(message(phone, `查询 ${m[1]} ${"3".repeat(24)}`))).json()) as { reply: string }).reply;
      expect(r).toContain("不对");
    }
    const locked = ((await (await send(message(phone, `查询 ${m[1]} ${m[2]}`))).json()) as { reply: string }).reply;
    expect(locked).toContain("次数过多");
  });

  it("answers a huge SMS (over 10,000 characters) with a clear 'too long' and stores nothing", async () => {
    const before = await count(deps, tips);
    const res = await send(message("+8613900139007", "南宁市兴宁区" + "很危险".repeat(4_000)));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reply: string }).reply).toContain("内容过长");
    expect(await count(deps, tips)).toBe(before);
  });

  it("never answers 500 to arbitrary signed bodies (fuzz)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .record({
              from: fc.string({ maxLength: 50 }),
              text: fc.string({ unit: "grapheme", maxLength: 400 }),
              id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
            })
            .map((o) => JSON.stringify(o)),
        ),
        async (body) => {
          const res = await send(body);
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("answers 503 when the database is down so the gateway retries, and stores nothing", async () => {
    const goneApp = createApp({ deps: testDeps(await unreachableDb(kind), { env: ENV }) });
    const res = await send(message("+8613900139006", "南宁市兴宁区工厂粉尘很大，没有除尘设备"), undefined, goneApp);
    expect(res.status).toBe(503);
  });
});
