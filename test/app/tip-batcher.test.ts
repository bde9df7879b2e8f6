import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { prepareTip, type PreparedTip } from "../../src/app/tips/submit-tip.js";
import { submitTipOnce } from "../../src/app/tips/submit-tip-once.js";
import { createTipBatcher } from "../../src/app/tips/tip-batcher.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { rows } from "../../src/db/client.js";
import { auditLog, outbox, tipEvents, tips } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const PLACES = ["南宁市兴宁区", "柳州市城中区", "桂林市秀峰区", "梧州市万秀区"];
const textOf = (run: string, i: number) => `${run} 第${i}号：工地脚手架没有安全网，工人高处作业不系安全带，已经好几天了`;

describe.each(DB_KINDS)("tip group commit on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  /** How many transactions wrote these tips (the tips rows' xmin): fewer than the tips means they were committed together. */
  async function transactionsOf(ids: number[]): Promise<number> {
    const [r] = await rows<{ n: string | number }>(
      deps.db,
      sql`select count(distinct xmin::text) as n from tips where id in ${sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`}`,
    );
    return Number(r.n);
  }

  it("concurrent submits are stored together, each acknowledged with its own receipt, rows and audit entry", async () => {
    const run = `batch-${kind}-a`;
    const n = 24;
    const receipts = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        submitTipOnce(deps, {
          tip: {
            channel: "api",
            text: textOf(run, i),
            place: PLACES[i % PLACES.length],
            reporter: { address: `1380000${String(i).padStart(4, "0")}`, reply: "sms" },
          },
          receipt: (t) => t,
        }),
      ),
    );
    const stored = receipts.map((r) => {
      if (r.state !== "stored") throw new Error(r.state);
      return r.receipt;
    });
    expect(new Set(stored.map((r) => r.tipId)).size).toBe(n);
    expect(new Set(stored.map((r) => r.trackingCode)).size).toBe(n);
    const byId = new Map(
      (
        await deps.db
          .select()
          .from(tips)
          .where(
            inArray(
              tips.id,
              stored.map((r) => r.tipId),
            ),
          )
      ).map((t) => [t.id, t]),
    );
    for (const [i, r] of stored.entries()) {
      const tip = byId.get(r.tipId)!;
      // Each caller got the receipt of the tip it sent: its text, its code, a secret that verifies against it only.
      expect(tip.text).toBe(textOf(run, i));
      expect(tip.trackingCode).toBe(r.trackingCode);
      expect(deps.crypto.verifyHash("receipt-secret", r.secret, tip.secretHash)).toBe(true);
      expect(tip.unitId).toBe(r.routing.unit.id);
    }
    const events = await deps.db
      .select()
      .from(tipEvents)
      .where(inArray(tipEvents.tipId, [...byId.keys()]));
    for (const id of byId.keys()) expect(events.filter((e) => e.tipId === id).map((e) => e.kind)).toEqual(["received", "routed", "alerted"]);
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.entityId, [...byId.keys()].map(String)));
    expect(audits.filter((a) => a.action === "tip.received")).toHaveLength(n);
    // Each reporter's receipt (by SMS) is queued once, to its own number, with its own code and secret.
    const receiptsQueued = await deps.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.dedupeKey,
          stored.map((r) => `tip:${r.tipId}:receipt`),
        ),
      );
    expect(receiptsQueued).toHaveLength(n);
    for (const m of receiptsQueued) {
      const r = stored.find((s) => m.dedupeKey === `tip:${s.tipId}:receipt`)!;
      const text = JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string;
      expect(deps.crypto.decrypt(m.recipientEnc)).toBe(`1380000${String(stored.indexOf(r)).padStart(4, "0")}`);
      expect(text).toContain(r.trackingCode);
      expect(text).toContain(r.secret);
    }
    expect(await transactionsOf([...byId.keys()])).toBeLessThan(n);
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("a tip the database refuses fails alone: the others of its batch are stored, it leaves no row", async () => {
    const run = `batch-${kind}-b`;
    // One commit slot and a long linger: all six are in one batch, which fails on the bad one.
    const batcher = createTipBatcher(deps, { maxBatch: 32, maxInFlight: 1, lingerMs: 50 });
    const prepared: PreparedTip[] = [];
    for (let i = 0; i < 6; i++) prepared.push(await prepareTip(deps, { channel: "api", text: textOf(run, i), place: PLACES[i % PLACES.length] }));
    // A unit that does not exist (deleted between routing and storing): the tips row's foreign key refuses it.
    prepared[3] = { ...prepared[3], routing: { ...prepared[3].routing, unit: { ...prepared[3].routing.unit, id: 987_654 } } };
    const outcomes = await Promise.allSettled(prepared.map((p) => batcher.store(p)));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const storedTexts = (
      await deps.db
        .select({ text: tips.text })
        .from(tips)
        .where(sql`${tips.text} like ${`${run} %`}`)
    )
      .map((t) => t.text)
      .sort();
    expect(storedTexts).toEqual([0, 1, 2, 4, 5].map((i) => textOf(run, i)).sort());
    const ids = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.tipId] : []));
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.entityId, ids.map(String)));
    expect(audits).toHaveLength(5);
    // Nothing of the failed attempt remains: every audit row of the table names a stored tip or an earlier action.
    const [orphans] = await rows<{ n: string | number }>(
      deps.db,
      sql`select count(*) as n from audit_log a where a.action = 'tip.received' and not exists (select 1 from tips t where t.id::text = a.entity_id)`,
    );
    expect(Number(orphans.n)).toBe(0);
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("a batch that commits resolves every caller only after its commit", async () => {
    const run = `batch-${kind}-c`;
    const batcher = createTipBatcher(deps, { maxBatch: 32, maxInFlight: 1, lingerMs: 30 });
    const prepared = await Promise.all([0, 1, 2, 3].map((i) => prepareTip(deps, { channel: "api", text: textOf(run, i), place: PLACES[i] })));
    const results = await Promise.all(prepared.map((p) => batcher.store(p)));
    // At the moment each promise resolved its tip was visible to any other connection: all are committed now, in one transaction.
    expect(await transactionsOf(results.map((r) => r.tipId))).toBe(1);
    expect(
      await deps.db
        .select({ id: tips.id })
        .from(tips)
        .where(
          inArray(
            tips.id,
            results.map((r) => r.tipId),
          ),
        ),
    ).toHaveLength(4);
  });

  it("while a commit is in flight the next tips wait for it, unless a full batch is waiting", async () => {
    const run = `batch-${kind}-d`;
    const batcher = createTipBatcher(deps, { maxBatch: 3, maxInFlight: 2, lingerMs: 0 });
    const prepared = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => prepareTip(deps, { channel: "api", text: textOf(run, i), place: PLACES[i % PLACES.length] })),
    );
    // The first goes at once; the next two queue behind it (a second slot is free, but their batch is not
    // full); the third fills their batch, which takes the second slot at once; the last two wait for a slot.
    // (When any free slot took whatever waited: [0], [1], [2, 3, 4], [5].)
    const results = await Promise.all(prepared.map((p) => batcher.store(p)));
    expect(batcher.stats()).toEqual({ transactions: 3, tips: 6 });
    expect(await transactionsOf(results.slice(1, 4).map((r) => r.tipId))).toBe(1);
    expect(await transactionsOf(results.slice(4).map((r) => r.tipId))).toBe(1);
  });
  it("with secondAt, a second commit starts once that many tips wait, before their batch is full", async () => {
    const run = `batch-${kind}-e`;
    const batcher = createTipBatcher(deps, { maxBatch: 4, maxInFlight: 2, secondAt: 2, lingerMs: 0 });
    const prepared = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => prepareTip(deps, { channel: "api", text: textOf(run, i), place: PLACES[i % PLACES.length] })),
    );
    // The first goes at once; the second waits alone (1 < secondAt); the third makes two waiting, which take
    // the free slot together; the last two wait for a slot. (Without secondAt: [0], [1, 2, 3, 4].)
    const results = await Promise.all(prepared.map((p) => batcher.store(p)));
    expect(batcher.stats()).toEqual({ transactions: 3, tips: 5 });
    expect(await transactionsOf(results.slice(1, 3).map((r) => r.tipId))).toBe(1);
    expect(await transactionsOf(results.slice(3).map((r) => r.tipId))).toBe(1);
  });
});
