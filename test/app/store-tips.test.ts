import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { rows } from "../../src/db/client.js";
import { auditLog, outbox, tipEvents, tips } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * storeTips writes a batch in ONE statement outside a transaction: it must be all rows or none. Its
 * guard — every message row inserted, or the statement fails — is what keeps the "alerted" event's count
 * true; a dedupe key taken beforehand (never by our own code: keys name a fresh tip id) fails the tip
 * whole, leaving neither tip, events, audit row nor message.
 */
describe.each(DB_KINDS)("storeTips' one write on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("a message row that cannot be inserted fails the whole tip and stores nothing of it", async () => {
    const [{ id }] = await rows<{ id: number }>(deps.db, sql`select nextval('tips_id_seq')::int as id`);
    const next = id + 1;
    await deps.db.insert(outbox).values({
      channel: "sms",
      recipientEnc: new Uint8Array([1]),
      recipientKey: "k",
      dedupeKey: `tip:${next}:receipt`,
    });
    const count = async () => (await deps.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0].n;
    const auditsBefore = await count();
    await expect(
      submitTip(deps, {
        channel: "sms",
        text: "商场把消防通道和安全出口都堵死了，晚上人很多",
        place: "南宁市兴宁区",
        reporter: { address: "+8613800000000", consent: false },
      }),
    ).rejects.toThrow(/dedupe key/);
    expect(await deps.db.select().from(tips).where(eq(tips.id, next))).toEqual([]);
    expect(await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, next))).toEqual([]);
    expect(await count()).toBe(auditsBefore);
    // The next tip (a fresh id) goes through, with its three events and its receipt queued.
    const r = await submitTip(deps, {
      channel: "sms",
      text: "商场把消防通道和安全出口都堵死了，晚上人很多",
      place: "南宁市兴宁区",
      reporter: { address: "+8613800000000", consent: false },
    });
    expect(r.tipId).toBeGreaterThan(next);
    expect((await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, r.tipId))).map((e) => e.kind)).toEqual(["received", "routed", "alerted"]);
    expect(
      await deps.db
        .select({ k: outbox.dedupeKey })
        .from(outbox)
        .where(eq(outbox.dedupeKey, `tip:${r.tipId}:receipt`)),
    ).toHaveLength(1);
  });
});
