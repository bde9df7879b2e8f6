import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { insertRows, rawRows } from "../../src/db/raw.js";
import { outbox, tipEvents, tips, units } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * The raw insert (fixed text, parameters mapped by each column) stores what drizzle's insert stores, on
 * both drivers: every column kind the tip commit writes — text, integer, boolean, nullable, jsonb,
 * timestamptz, bytea, defaults — read back through drizzle compares equal, and it runs inside a drizzle
 * transaction (rolled back with it).
 */
describe.each(DB_KINDS)("raw inserts on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const tipRow = (unitId: number, trackingCode: string, i: number): typeof tips.$inferInsert => ({
    trackingCode,
    secretHash: `hash-${i}`,
    channel: "api",
    locale: "en",
    text: `text ${i} with 'quotes', "double" and \\ and 中文`,
    placeText: i % 2 ? null : "南宁市",
    enterpriseText: null,
    creditCodeText: null,
    locationLat: "22.8",
    locationLon: null,
    sectorChosen: null,
    sectorCode: "fire_safety",
    confidence: 87 + i,
    jurisdictionCode: "450100",
    enterpriseId: null,
    unitId,
    tier: "city",
    urgent: i % 2 === 0,
    reporterUrgent: false,
    urgencySource: i % 2 === 0 ? "classifier" : null,
    routing: { steps: [{ a: 1 }], explanation: "why", nested: { list: [1, "x", null], empty: {} }, i },
    reporterContactEnc: new Uint8Array([0, 1, 2, 255, i]),
    reporterNameEnc: null,
    reporterChannelHash: "h",
    contactConsent: true,
    anonymous: false,
    reporterEmployee: null,
    publishConsent: i === 1,
    acceptDueAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    handleDueAt: new Date(Date.UTC(2026, 1, 2)),
    nextDueAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    nextDueKind: "acceptance",
    receivedAt: new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 1)),
    updatedAt: new Date(Date.UTC(2026, 0, 1)),
  });

  it("a multi-row insert stores the same rows as drizzle's insert, RETURNING as asked", async () => {
    const [unit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const viaDrizzle = [0, 1, 2].map((i) => tipRow(unit.id, `RAW-D-${kind}-${i}`, i));
    const viaRaw = [0, 1, 2].map((i) => tipRow(unit.id, `RAW-R-${kind}-${i}`, i));
    await deps.db.insert(tips).values(viaDrizzle);
    const q = insertRows(tips, viaRaw, `returning id, tracking_code as "trackingCode"`);
    const returned = await rawRows<{ id: number; trackingCode: string }>(deps.db, q.text, q.params);
    expect(returned.map((r) => r.trackingCode)).toEqual(viaRaw.map((r) => r.trackingCode));
    expect(returned.every((r) => typeof r.id === "number")).toBe(true);

    const read = async (codes: string[]) => {
      const found = await deps.db.select().from(tips).where(inArray(tips.trackingCode, codes)).orderBy(tips.id);
      return found.map(({ id, trackingCode, ...rest }) => ({ ...rest, reporterContactEnc: Buffer.from(rest.reporterContactEnc!).toString("hex") }));
    };
    const fromDrizzle = await read(viaDrizzle.map((r) => r.trackingCode));
    const fromRaw = await read(viaRaw.map((r) => r.trackingCode));
    expect(fromRaw).toHaveLength(3);
    expect(fromRaw).toEqual(fromDrizzle);
    // And what was written is what was given (defaults filled: status), not merely the same mistake twice.
    expect(fromRaw[1]).toMatchObject({
      status: "received",
      routing: viaRaw[1].routing,
      acceptDueAt: viaRaw[1].acceptDueAt,
      placeText: null,
      publishConsent: true,
    });
    expect(fromRaw[0].reporterContactEnc).toBe("000102ff00");
  });

  it("runs inside the caller's drizzle transaction: rolled back with it; ON CONFLICT tails apply", async () => {
    const [unit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const [tip] = await deps.db
      .insert(tips)
      .values(tipRow(unit.id, `RAW-T-${kind}`, 5))
      .returning({ id: tips.id });
    const message = (key: string) => ({
      channel: "sms" as const,
      recipientEnc: new Uint8Array([1]),
      recipientKey: "k",
      payloadEnc: new Uint8Array([2]),
      dedupeKey: key,
    });
    await deps.db.insert(outbox).values(message(`raw-${kind}-taken`));
    await expect(
      deps.db.transaction(async (tx) => {
        const e = insertRows(tipEvents, [{ tipId: tip.id, kind: "received", actor: "reporter", data: { channel: "api" }, public: true, at: new Date(0) }]);
        await rawRows(tx, e.text, e.params);
        const o = insertRows(outbox, [message(`raw-${kind}-taken`), message(`raw-${kind}-new`)], `on conflict do nothing returning dedupe_key as "dedupeKey"`);
        const queued = await rawRows<{ dedupeKey: string }>(tx, o.text, o.params);
        expect(queued.map((r) => r.dedupeKey)).toEqual([`raw-${kind}-new`]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id))).toEqual([]);
    expect(
      await deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `raw-${kind}-new`)),
    ).toEqual([]);
  });

  // postgres.js keys a prepared statement by its text and the types it infers from the values (bytea for
  // bytes, "unknown" for a null): rawRows sends them untyped, so a batch's nulls do not make a new statement.
  it.skipIf(kind !== "postgres")("on the server, one text is one prepared statement, whichever values are null", async () => {
    const [unit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const withBytes = { ...tipRow(unit.id, `RAW-P-${kind}-1`, 1), reporterEmployee: true };
    const withNulls = { ...tipRow(unit.id, `RAW-P-${kind}-2`, 2), reporterContactEnc: null, reporterEmployee: null };
    await expect(
      deps.db.transaction(async (tx) => {
        const first = insertRows(tips, [withBytes]);
        const second = insertRows(tips, [withNulls]);
        expect(second.text).toBe(first.text);
        await rawRows(tx, first.text, first.params);
        await rawRows(tx, second.text, second.params);
        const [{ n }] = await rawRows<{ n: number }>(tx, "select count(*)::int as n from pg_prepared_statements where statement = $1::text", [first.text]);
        expect(n).toBe(1);
        const stored = await tx
          .select()
          .from(tips)
          .where(inArray(tips.trackingCode, [withBytes.trackingCode, withNulls.trackingCode]))
          .orderBy(tips.id);
        expect(stored.map((r) => [r.reporterContactEnc && Buffer.from(r.reporterContactEnc).toString("hex"), r.reporterEmployee])).toEqual([
          ["000102ff01", true],
          [null, null],
        ]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
  });

  it("refuses rows whose keys differ or hold undefined (drizzle would silently use the default)", () => {
    expect(() => insertRows(outbox, [{ channel: "sms", recipientEnc: new Uint8Array(), recipientKey: "k", dedupeKey: undefined }])).toThrow(/undefined/);
    expect(() =>
      insertRows(outbox, [
        { channel: "sms", recipientEnc: new Uint8Array(), recipientKey: "k" },
        { channel: "sms", recipientEnc: new Uint8Array(), recipientKey: "k", dedupeKey: "x" },
      ]),
    ).toThrow(/differ/);
  });
});
