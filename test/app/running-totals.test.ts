import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { figureTotals, monthlyReports, obligations } from "../../src/db/schema.js";
import { rows } from "../../src/db/client.js";
import { unitTotals, type UnitTotals } from "../../src/app/figures/cumulative.js";
import { rollupFigures, type JurisdictionTotals } from "../../src/app/figures/rollup.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { correctFigures } from "../../src/app/figures/correct-figures.js";
import type { Deps } from "../../src/app/deps.js";
import { METRIC_CODES } from "../../src/domain/figures.js";
import { fromStored, type StoredValues } from "../../src/app/figures/stored-values.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { ROOT_DIR } from "../support/paths.js";
import { addFiguresObligations, createCampaign, figures, unitId } from "./figures-fixtures.js";

const MONTHS = ["2018-06", "2018-07", "2018-08", "2018-09"];

/**
 * The 累计数 from scratch, the way unitTotals computed it before figure_totals existed: the current
 * versions of every month up to `month`, summed per unit; units with nothing filed up to `month` absent.
 */
async function fromScratch(deps: Deps, campaignId: number, month: string): Promise<UnitTotals[]> {
  const filed = await deps.db
    .select({ unitId: monthlyReports.unitId, period: monthlyReports.period, values: monthlyReports.values, at: monthlyReports.submittedAt })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.campaignId, campaignId), eq(monthlyReports.current, true)));
  const byUnit = new Map<number, UnitTotals>();
  const zero = () => Object.fromEntries(METRIC_CODES.map((c) => [c, 0])) as StoredValues;
  for (const r of filed.filter((f) => f.period <= month).sort((a, b) => a.unitId - b.unitId)) {
    const t = byUnit.get(r.unitId) ?? { unitId: r.unitId, jurisdictionCode: "", month: null, monthFiledAt: null, cumulative: zero(), before: zero() };
    const v = r.values as Record<string, number>;
    for (const c of METRIC_CODES) t.cumulative[c] += Number(v[c] ?? 0);
    if (r.period === month) {
      t.month = Object.fromEntries(METRIC_CODES.map((c) => [c, Number(v[c] ?? 0)])) as StoredValues;
      t.monthFiledAt = r.at;
    } else for (const c of METRIC_CODES) t.before[c] += Number(v[c] ?? 0);
    byUnit.set(r.unitId, t);
  }
  return [...byUnit.values()];
}

/**
 * The roll-up worked out the plain way from unitTotals' per-unit rows: each unit added to its
 * jurisdiction and every ancestor, read one by one from the jurisdictions table; provinces first, then
 * by code. rollupFigures must give exactly this, order included.
 */
async function rollupFromUnits(deps: Deps, perUnit: UnitTotals[]): Promise<JurisdictionTotals[]> {
  const tree = new Map(
    (
      await rows<{ code: string; parent_code: string | null; name: string; level: JurisdictionTotals["level"] }>(
        deps.db,
        sql`select code, parent_code, name, level from jurisdictions`,
      )
    ).map((j) => [j.code, j]),
  );
  const sums = new Map<string, { reporting: number; month: StoredValues; cumulative: StoredValues }>();
  const zero = () => Object.fromEntries(METRIC_CODES.map((c) => [c, 0])) as StoredValues;
  for (const u of perUnit) {
    for (let j = tree.get(u.jurisdictionCode); j; j = j.parent_code ? tree.get(j.parent_code) : undefined) {
      const t = sums.get(j.code) ?? { reporting: 0, month: zero(), cumulative: zero() };
      t.reporting += u.month ? 1 : 0;
      for (const c of METRIC_CODES) {
        t.month[c] += u.month?.[c] ?? 0;
        t.cumulative[c] += u.cumulative[c];
      }
      sums.set(j.code, t);
    }
  }
  const order = { province: 0, city: 1, county: 2, township: 3 };
  return [...sums.entries()]
    .map(([code, t]) => {
      const j = tree.get(code)!;
      return {
        code,
        name: j.name,
        level: j.level,
        parentCode: j.parent_code,
        unitsReporting: t.reporting,
        month: fromStored(t.month),
        cumulative: fromStored(t.cumulative),
      };
    })
    .sort((a, b) => order[a.level] - order[b.level] || (a.code < b.code ? -1 : 1));
}

const comparable = (ts: UnitTotals[]) =>
  ts.map((t) => ({ unitId: t.unitId, month: t.month, at: t.monthFiledAt?.getTime() ?? null, cumulative: t.cumulative, before: t.before }));

describe.each(DB_KINDS)("running totals (figure_totals) on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let township: number, fire: number, emergency: number;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2018-07-03T02:00:00Z") });
    township = await unitId(deps.db, "430422001:township");
    fire = await unitId(deps.db, "430422:fire");
    emergency = await unitId(deps.db, "430422:emergency");
  });
  afterAll(async () => database?.close());

  const file = (campaignId: number, unit: number, period: string, actions: number) =>
    submitFigures(deps, { campaignId, unitId: unit, period, values: figures({ enforcement_actions: actions }), by: "test" });
  const correct = (campaignId: number, unit: number, period: string, actions: number) =>
    correctFigures(deps, { campaignId, unitId: unit, period, values: figures({ enforcement_actions: actions }), by: "test", reason: "录入错误" });
  const actionsOf = async (campaignId: number, month: string, unit: number) => {
    const [t] = await unitTotals(deps.db, { campaignId, month, unitIds: [unit] });
    return t ? { month: t.month?.enforcement_actions ?? null, cumulative: t.cumulative.enforcement_actions } : null;
  };

  it("a correction of an earlier month changes the 累计数 of every later month, kept rows included", async () => {
    const c = await createCampaign(deps.db);
    await addFiguresObligations(deps.db, c, township, MONTHS);
    await file(c, township, "2018-06", 10);
    await file(c, township, "2018-07", 20);
    await file(c, township, "2018-09", 40); // August skipped
    expect(await actionsOf(c, "2018-08", township)).toEqual({ month: null, cumulative: 30 });
    await correct(c, township, "2018-06", 1);
    expect(await actionsOf(c, "2018-06", township)).toEqual({ month: 1, cumulative: 1 });
    expect(await actionsOf(c, "2018-07", township)).toEqual({ month: 20, cumulative: 21 });
    expect(await actionsOf(c, "2018-08", township)).toEqual({ month: null, cumulative: 21 });
    expect(await actionsOf(c, "2018-09", township)).toEqual({ month: 40, cumulative: 61 });
    // After the last filed month, the last 累计数 answers; before the first, the unit is absent.
    expect(await actionsOf(c, "2018-12", township)).toEqual({ month: null, cumulative: 61 });
    expect(await actionsOf(c, "2018-05", township)).toBeNull();
    // The stored rows themselves, not only what the query makes of them.
    const stored = await deps.db
      .select({ period: figureTotals.period, filed: figureTotals.filed, last: figureTotals.last, cumulative: figureTotals.cumulative })
      .from(figureTotals)
      .where(and(eq(figureTotals.campaignId, c), eq(figureTotals.unitId, township)))
      .orderBy(figureTotals.period);
    expect(stored.map((s) => [s.period, s.filed, s.last, (s.cumulative as Record<string, number>).enforcement_actions])).toEqual([
      ["2018-06", true, false, 1],
      ["2018-07", true, false, 21],
      ["2018-08", false, false, 21],
      ["2018-09", true, true, 61],
    ]);
  });

  it("a cancelled duty keeps its filed months; months after never count; units that filed nothing are absent", async () => {
    const c = await createCampaign(deps.db);
    for (const u of [township, fire, emergency]) await addFiguresObligations(deps.db, c, u, MONTHS);
    await file(c, fire, "2018-06", 40);
    await file(c, township, "2018-07", 3);
    await deps.db
      .update(obligations)
      .set({ status: "cancelled" })
      .where(and(eq(obligations.campaignId, c), eq(obligations.unitId, fire)));
    const june = await unitTotals(deps.db, { campaignId: c, month: "2018-06" });
    expect(june.map((t) => t.unitId)).toEqual([fire]);
    const august = await unitTotals(deps.db, { campaignId: c, month: "2018-08" });
    expect(august.map((t) => [t.unitId, t.month, t.cumulative.enforcement_actions]).sort()).toEqual(
      [
        [fire, null, 40],
        [township, null, 3],
      ].sort(),
    );
    expect(comparable(august)).toEqual(comparable(await fromScratch(deps, c, "2018-08")));
  });

  it("two months of one unit filed at the same time both count in the later month's 累计数", async () => {
    // On the server the two transactions run on two connections at once (pool of 4); the advisory
    // lock in figure_totals_refresh makes the second wait for the first and read its rows.
    for (let round = 0; round < 5; round++) {
      const c = await createCampaign(deps.db);
      await addFiguresObligations(deps.db, c, emergency, MONTHS);
      await Promise.all([file(c, emergency, "2018-06", 6), file(c, emergency, "2018-07", 7), file(c, emergency, "2018-08", 8)]);
      expect(await actionsOf(c, "2018-08", emergency)).toEqual({ month: 8, cumulative: 21 });
      expect(await actionsOf(c, "2018-07", emergency)).toEqual({ month: 7, cumulative: 13 });
      await Promise.all([correct(c, emergency, "2018-06", 60), correct(c, emergency, "2018-08", 80)]);
      expect(await actionsOf(c, "2018-08", emergency)).toEqual({ month: 80, cumulative: 147 });
    }
  });

  it("the migration's backfill rebuilds the totals from monthly_reports alone", async () => {
    const c = await createCampaign(deps.db);
    for (const u of [township, fire]) await addFiguresObligations(deps.db, c, u, MONTHS);
    await file(c, township, "2018-06", 5);
    await file(c, township, "2018-08", 7);
    await correct(c, township, "2018-06", 9);
    await file(c, fire, "2018-07", 11);
    const expected = await Promise.all(MONTHS.map((m) => unitTotals(deps.db, { campaignId: c, month: m })));
    await deps.db.delete(figureTotals);
    expect(await unitTotals(deps.db, { campaignId: c, month: "2018-08" })).toEqual([]);
    // Found by name, not number: migrations are renumbered when branches merge.
    const name = readdirSync(join(ROOT_DIR, "migrations")).find((f) => f.endsWith("_rollup.sql"))!;
    const migration = readFileSync(join(ROOT_DIR, "migrations", name), "utf8");
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    expect(backfill).toMatch(/^-- Backfill/m);
    await deps.db.execute(sql.raw(backfill));
    for (const [i, m] of MONTHS.entries()) {
      const got = await unitTotals(deps.db, { campaignId: c, month: m });
      expect(got).toEqual(expected[i]);
      expect(comparable(got)).toEqual(comparable(await fromScratch(deps, c, m)));
    }
  });

  it("property: after any sequence of filings and corrections the running totals equal the sums from scratch", async () => {
    // Two more in another province, so the roll-up's tree walk has two branches to keep apart.
    const units = [township, fire, emergency, await unitId(deps.db, "450102:emergency"), await unitId(deps.db, "450321:housing")];
    const op = fc.record({
      unit: fc.integer({ min: 0, max: units.length - 1 }),
      month: fc.integer({ min: 0, max: MONTHS.length - 1 }),
      actions: fc.integer({ min: 0, max: 1000 }),
      fines: fc.integer({ min: 0, max: 10_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const c = await createCampaign(deps.db);
        for (const u of units) await addFiguresObligations(deps.db, c, u, MONTHS);
        const done = new Set<string>();
        for (const o of ops) {
          const key = `${o.unit}:${o.month}`;
          const input = {
            campaignId: c,
            unitId: units[o.unit],
            period: MONTHS[o.month],
            values: figures({ enforcement_actions: o.actions, fines: o.fines / 100 }),
            by: "test",
          };
          if (done.has(key)) await correctFigures(deps, { ...input, reason: "更正" });
          else await submitFigures(deps, input);
          done.add(key);
        }
        for (const m of ["2018-05", ...MONTHS, "2018-11"]) {
          const [kept, scratch] = await Promise.all([unitTotals(deps.db, { campaignId: c, month: m }), fromScratch(deps, c, m)]);
          expect(comparable(kept)).toEqual(comparable(scratch));
          // The roll-up is those units added to each of their jurisdictions and its ancestors, nothing else.
          expect(await rollupFigures(deps, { campaignId: c, month: m })).toEqual(await rollupFromUnits(deps, kept));
        }
        const [{ n }] = await rows<{ n: number }>(
          deps.db,
          sql`select count(*)::int as n from ${figureTotals} where ${figureTotals.campaignId} = ${c} and ${figureTotals.last}`,
        );
        expect(Number(n)).toBe(new Set(ops.map((o) => o.unit)).size);
      }),
      { numRuns: 15 },
    );
  });
});
