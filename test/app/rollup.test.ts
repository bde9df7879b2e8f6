import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupFigures } from "../../src/app/figures/rollup.js";
import type { Deps } from "../../src/app/deps.js";
import type { MetricCode } from "../../src/domain/figures.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { createCampaign, figures, insertReport, unitId } from "./figures-fixtures.js";

describe.each(DB_KINDS)("roll-up by jurisdiction on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let campaign: number;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    campaign = await createCampaign(deps.db, { jurisdiction: "430422" });
    const report = async (key: string, period: string, actions: number, fines: number, extra: { version?: number; current?: boolean } = {}) => {
      const id = await unitId(deps.db, key);
      await insertReport(deps.db, {
        campaignId: campaign,
        unitId: id,
        period,
        values: figures({ enforcement_actions: actions, officers_deployed: actions * 2, fines }),
        ...extra,
      });
    };
    // Hengnan: two townships and a county department; June and July.
    await report("430422001:township", "2018-06", 1, 0.1);
    await report("430422001:township", "2018-07", 2, 0.2);
    await report("430422002:township", "2018-07", 3, 0.3);
    await report("430422:emergency", "2018-07", 10, 1.05);
    // A superseded version and a later month must not count.
    await report("430422:fire", "2018-07", 500, 50, { version: 1, current: false });
    await report("430422:fire", "2018-07", 5, 0.5, { version: 2 });
    await report("430422:fire", "2018-08", 700, 70);
    // Guangxi: a district of Nanning, Nanning's own department, and Yangshuo county (Guilin).
    await report("450102:emergency", "2018-07", 7, 0.07);
    await report("450100:emergency", "2018-07", 20, 2);
    await report("450321:housing", "2018-07", 4, 0.04);
  });
  afterAll(async () => database?.close());

  const get = async (month: string) => {
    const rows = await rollupFigures(deps, { campaignId: campaign, month });
    return (code: string) => {
      const row = rows.find((r) => r.code === code);
      if (!row) throw new Error(`no totals for ${code}`);
      return row;
    };
  };
  const pair = (t: { month: Record<MetricCode, number>; cumulative: Record<MetricCode, number> }, code: MetricCode) => [t.month[code], t.cumulative[code]];

  it("adds township units and county departments into the county, counties into cities, cities into provinces", async () => {
    const t = await get("2018-07");
    expect(pair(t("430422001"), "enforcement_actions")).toEqual([2, 3]);
    expect(t("430422001").level).toBe("township");
    expect(pair(t("430422"), "enforcement_actions")).toEqual([2 + 3 + 10 + 5, 1 + 2 + 3 + 10 + 5]);
    expect(pair(t("430422"), "fines")).toEqual([2.05, 2.15]);
    expect(t("430422").unitsReporting).toBe(4);
    expect(pair(t("430400"), "enforcement_actions")).toEqual(pair(t("430422"), "enforcement_actions"));
    expect(pair(t("430000"), "officers_deployed")).toEqual(pair(t("430400"), "officers_deployed"));
    expect(t("430000").level).toBe("province");

    expect(pair(t("450102"), "enforcement_actions")).toEqual([7, 7]);
    expect(pair(t("450100"), "enforcement_actions")).toEqual([27, 27]);
    expect(pair(t("450300"), "enforcement_actions")).toEqual([4, 4]);
    expect(pair(t("450000"), "enforcement_actions")).toEqual([31, 31]);
    expect(pair(t("450000"), "fines")).toEqual([2.11, 2.11]);
    expect(t("450000").unitsReporting).toBe(3);
  });

  it("counts only months up to the one asked for, and June alone before July", async () => {
    const june = await get("2018-06");
    expect(pair(june("430000"), "enforcement_actions")).toEqual([1, 1]);
    await expect(get("2018-06").then((g) => g("450000"))).rejects.toThrow("no totals");
    const august = await get("2018-08");
    expect(pair(august("430422"), "enforcement_actions")).toEqual([700, 721]);
  });
});
