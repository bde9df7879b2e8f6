import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/app/deps.js";
import { exposureBoard } from "../../src/app/exposure/exposure-board.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { createCampaign, figures, insertReport, unitId } from "./figures-fixtures.js";

/** The 曝光台's campaign progress: the 月报表 roll-up summed over the quarter's months for the chosen area. */
describe.each(DB_KINDS)("曝光台 campaign progress on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    const campaignId = await createCampaign(deps.db, { jurisdiction: "450000", name: "强执法防事故" });
    const report = async (key: string, period: string, actions: number, fines: number) =>
      insertReport(deps.db, { campaignId, unitId: await unitId(deps.db, key), period, values: figures({ enforcement_actions: actions, fines }) });
    await report("450100:emergency", "2018-06", 20, 2);
    await report("450102:emergency", "2018-07", 7, 0.07);
    await report("450102:emergency", "2018-08", 3, 0.03);
    await report("450321:housing", "2018-07", 4, 0.04);
  });
  afterAll(async () => database?.close());

  it("sums the quarter's months and shows the 累计数 at its end, per city, county and the whole province", async () => {
    const of = async (area: string | null) => (await exposureBoard(deps, { area, quarter: "2018-Q3", campaigns: true })).campaigns;
    const city = await of("450100");
    expect(city).toHaveLength(1);
    expect(city[0]).toMatchObject({ name: "强执法防事故", unitsReporting: 1 });
    expect(city[0].quarter).toMatchObject({ enforcement_actions: 10, fines: 0.1 });
    expect(city[0].cumulative).toMatchObject({ enforcement_actions: 30, fines: 2.1 });
    expect((await of("450102"))[0].cumulative).toMatchObject({ enforcement_actions: 10 });
    expect((await of(null))[0].quarter).toMatchObject({ enforcement_actions: 14 });
    expect((await of("450300"))[0].quarter).toMatchObject({ enforcement_actions: 4 });
    // No campaign month in the quarter: nothing to show.
    expect(await exposureBoard(deps, { area: "450100", quarter: "2019-Q2", campaigns: true }).then((b) => b.campaigns)).toEqual([]);
  });
});
