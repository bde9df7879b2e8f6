import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createDb } from "../../src/db/client";
import { outbox } from "../../src/db/schema";
import type { Deps } from "../../src/app/deps";
import { createTelegramSender } from "../../src/adapters/telegram-sender";
import { createLogger } from "../../src/adapters/logger";
import { enqueueMessage } from "../../src/app/outbox/enqueue-message";
import { dispatchOutboxRound } from "../../src/app/outbox/dispatch-outbox";
import { drainOutbox } from "../../src/app/outbox/drain-outbox";
import { outboxReport, requeueDeadMessage } from "../../src/app/outbox/outbox-report";
import { outboxCommand } from "../../src/cli/outbox-command";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db";
import { testDeps } from "../support/deps";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api";

describe.each(DB_KINDS)("outbox dispatcher on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let api: FakeBotApi;
  let now = 0;
  const logs: string[] = [];
  const clock = () => new Date(now);
  const advance = (ms: number) => {
    now += ms;
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    api = await startFakeBotApi();
    deps = testDeps(database, {
      clock,
      telegram: createTelegramSender({ token: api.token, apiRoot: api.apiRoot }),
      logger: createLogger("debug", {}, (line) => logs.push(line)),
    });
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await deps.db.delete(outbox);
    api.requests.length = 0;
    api.delivered.length = 0;
    // Rows are enqueued with the database's now(): start each test's clock well after it, so that every row
    // a test enqueues (on a slow machine, over several seconds) is due from the start.
    now = Date.now() + 600_000;
  });

  const enqueue = (to: string, text: string, extra: { replyMarkup?: unknown; channel?: "telegram" | "sms" } = {}) =>
    enqueueMessage(deps.db, deps, { channel: extra.channel ?? "telegram", to, payload: { text, replyMarkup: extra.replyMarkup } });
  const row = async (id: number) => (await deps.db.select().from(outbox).where(eq(outbox.id, id)))[0];

  it("sends each message once, marks it sent and wipes the payload", async () => {
    const markup = { inline_keyboard: [[{ text: "已完成", callback_data: "obl:done:1" }]] };
    const ids = [await enqueue("1001", "甲", { replyMarkup: markup }), await enqueue("1002", "乙"), await enqueue("1003", "丙")];
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 3, sent: 3 });
    expect(api.delivered.map((d) => [d.chatId, d.text]).sort()).toEqual([
      ["1001", "甲"],
      ["1002", "乙"],
      ["1003", "丙"],
    ]);
    expect(api.delivered.find((d) => d.chatId === "1001")!.replyMarkup).toEqual(markup);
    for (const id of ids) expect(await row(id!)).toMatchObject({ status: "sent", payloadEnc: null, attempts: 1, sentAt: clock() });
    advance(60_000);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });
    expect(api.requests).toHaveLength(3);
  });

  it("honours retry_after on 429 without spending an attempt", async () => {
    const id = (await enqueue("2001", "429 me"))!;
    api.script({ status: 429, retryAfter: 7 });
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 1, retried: 1 });
    const after = await row(id);
    expect(after).toMatchObject({ status: "pending", attempts: 0 });
    expect(after.nextAttemptAt.getTime()).toBe(now + 7_000);
    advance(6_999);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });
    advance(1);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 1 });
    expect(api.requests).toHaveLength(2);
    expect(api.delivered).toHaveLength(1);
  });

  it("retries 5xx and network errors with growing, jittered backoff, then gives up into a visible dead letter", async () => {
    const id = (await enqueue("3001", "keeps failing"))!;
    api.script({ status: 500 }, { drop: true }, { status: 502 });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await dispatchOutboxRound(deps, { maxAttempts: 3, random: () => 0 });
      const r = await row(id);
      if (r.status === "pending") delays.push(r.nextAttemptAt.getTime() - now);
      advance(3_600_000);
    }
    expect(delays).toEqual([5_000, 10_000]); // half of 10 s × 2^(n-1) when the jitter draws 0
    const dead = await row(id);
    expect(dead).toMatchObject({ status: "dead", attempts: 3 });
    expect(dead.lastError).toMatch(/^502/);
    expect(api.requests).toHaveLength(3);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });

    const report = await outboxReport(deps);
    expect(report.counts.dead).toBe(1);
    expect(report.dead).toEqual([expect.objectContaining({ id, channel: "telegram", attempts: 3 })]);
    expect(JSON.stringify(report)).not.toContain("3001");
    expect(JSON.stringify(report)).not.toContain("keeps failing");
    let printed = "";
    const stdout = new Writable({
      write(chunk, _enc, done) {
        printed += String(chunk);
        done();
      },
    });
    expect(await outboxCommand(deps, {}, { stdin: Readable.from([]), stdout })).toBe(0);
    expect(printed).toMatch(/dead\s+1/);
    expect(printed).toMatch(new RegExp(`^${id}\\ttelegram\\t3\\t.*\\t502 `, "m"));
    expect(printed).not.toMatch(/3001|keeps failing/);
    await requeueDeadMessage(deps, { id });
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 1 });
    expect(api.delivered.map((d) => d.text)).toEqual(["keeps failing"]);
  });

  it("marks a blocked chat dead at once, and never logs chat ids or texts", async () => {
    api.block("4001");
    const id = (await enqueue("4001", "blocked text"))!;
    logs.length = 0;
    expect(await dispatchOutboxRound(deps)).toMatchObject({ dead: 1 });
    expect(await row(id)).toMatchObject({ status: "dead", attempts: 1, lastError: "403 Forbidden: bot was blocked by the user" });
    expect(logs.some((l) => l.includes("outbox message dead"))).toBe(true);
    expect(logs.join("\n")).not.toMatch(/4001|blocked text/);
  });

  it("paces one chat to one message per second, in order, without holding up other chats", async () => {
    for (const n of [1, 2, 3]) await enqueue("5001", `a${n}`);
    await enqueue("5002", "b1");
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 2 });
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0, held: 1 });
    advance(999);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });
    advance(1);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 1 });
    advance(1_000);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 1 });
    expect(api.delivered.filter((d) => d.chatId === "5001").map((d) => d.text)).toEqual(["a1", "a2", "a3"]);
  });

  it("keeps a group chat to 20 messages a minute and the bot to 30 a second", async () => {
    for (let n = 0; n < 22; n++) await enqueue("-1006001", `g${n}`);
    for (let n = 0; n < 40; n++) await enqueue(String(6100 + n), `p${n}`);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 30 }); // 1 group + 29 private, global cap
    let group = 1;
    for (let s = 1; s < 60; s++) {
      advance(1_000);
      const before = api.delivered.length;
      await dispatchOutboxRound(deps);
      group += api.delivered.slice(before).filter((d) => d.chatId === "-1006001").length;
    }
    expect(group).toBe(20);
    expect(api.delivered.filter((d) => d.chatId !== "-1006001")).toHaveLength(40);
    advance(1_001);
    await dispatchOutboxRound(deps);
    expect(api.delivered.filter((d) => d.chatId === "-1006001")).toHaveLength(21);
  });

  it("retries a row left `sending` by a crash only after its lease expires", async () => {
    const id = (await enqueue("7001", "crashed mid-send"))!;
    // What a dispatcher that died after claiming leaves behind.
    await deps.db
      .update(outbox)
      .set({ status: "sending", attempts: 1, nextAttemptAt: new Date(now + 60_000) })
      .where(eq(outbox.id, id));
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });
    advance(59_999);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ claimed: 0 });
    advance(1);
    expect(await dispatchOutboxRound(deps)).toMatchObject({ sent: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(api.requests).toHaveLength(1);
  });

  it("sends SMS rows through the SMS provider and leaves Telegram rows waiting while the bot is off", async () => {
    const sms = (await enqueue("+8613800000000", "短信", { channel: "sms" }))!;
    const tg = (await enqueue("8001", "later"))!;
    const botOff = { ...deps, telegram: undefined };
    expect(await dispatchOutboxRound(botOff)).toMatchObject({ sent: 1 });
    expect(await row(sms)).toMatchObject({ status: "sent", payloadEnc: null });
    expect(await row(tg)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await drainOutbox(deps)).toMatchObject({ sent: 1 });
    expect(api.delivered.map((d) => d.chatId)).toEqual(["8001"]);
  });

  // On PostgreSQL the two run on separate connection pools, like two replicas; PGlite (one session) runs them interleaved.
  it("two dispatchers running at once send each message exactly once", async () => {
    const other = kind === "postgres" ? await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 4 }) : undefined;
    try {
      const replica = other ? { ...deps, database: other, db: other.db } : deps;
      const n = 120;
      for (let i = 0; i < n; i++) await enqueue(String(9000 + (i % 80)), `m${i}`);
      const limits = { globalPerSecond: 1_000, perChatIntervalMs: 1_000, groupPerMinute: 20 };
      const run = async (d: Deps) => {
        for (let round = 0; round < 6; round++) {
          await dispatchOutboxRound(d, { limits });
          advance(1_000);
        }
      };
      await Promise.all([run(deps), run(replica)]);
      expect(api.requests).toHaveLength(n);
      expect(new Set(api.delivered.map((d) => d.text)).size).toBe(n);
      const [{ sent }] = await deps.db.select({ sent: sql<number>`count(*) filter (where status = 'sent')` }).from(outbox);
      expect(Number(sent)).toBe(n);
    } finally {
      await other?.close();
    }
  });
});
