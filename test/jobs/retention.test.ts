import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, jobRuns, outbox } from "../../src/db/schema.js";
import { pruneBookkeeping } from "../../src/jobs/retention.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("bookkeeping retention on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
  });
  afterAll(async () => database?.close());

  it("removes abandoned conversations, old job slots and old sent messages, and keeps everything recent or unsent", async () => {
    const now = new Date("2026-03-10T00:00:00Z");
    const days = (n: number) => new Date(now.getTime() - n * 24 * 3600_000);
    const deps = testDeps(database, { clock: () => now });
    await deps.db.insert(conversations).values([
      { key: "old", flow: "report", state: {}, updatedAt: days(8) },
      { key: "fresh", flow: "report", state: {}, updatedAt: days(1) },
    ]);
    await deps.db.insert(jobRuns).values([
      { job: "j", slot: "old", startedAt: days(3) },
      { job: "j", slot: "new", startedAt: days(0.5) },
    ]);
    const enc = deps.crypto.encrypt("x");
    await deps.db.insert(outbox).values([
      { channel: "sms", recipientEnc: enc, recipientKey: "a", status: "sent", sentAt: days(31) },
      { channel: "sms", recipientEnc: enc, recipientKey: "b", status: "sent", sentAt: days(2) },
      { channel: "sms", recipientEnc: enc, recipientKey: "c", status: "dead", createdAt: days(40) },
    ]);
    expect(await pruneBookkeeping(deps)).toEqual({ conversations: 1, jobRuns: 1, outbox: 1, deskLinks: 0 });
    expect((await deps.db.select().from(conversations)).map((c) => c.key)).toEqual(["fresh"]);
    expect((await deps.db.select().from(jobRuns)).map((r) => r.slot)).toEqual(["new"]);
    expect((await deps.db.select().from(outbox)).map((r) => r.recipientKey).sort()).toEqual(["b", "c"]);
  });
});
