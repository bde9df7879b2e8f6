import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { obligations } from "../../src/db/schema.js";
import { rollupFigures } from "../../src/app/figures/rollup.js";
import { figuresGrids } from "../../src/app/figures/export-figures.js";
import { getReport } from "../../src/app/figures/get-report.js";
import { figuresView } from "../../src/app/figures/figures-view.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { correctFigures } from "../../src/app/figures/correct-figures.js";
import type { FiguresState } from "../../src/app/figures/figures-conversation.js";
import type { Deps } from "../../src/app/deps.js";
import { METRICS, type Figures } from "../../src/domain/figures.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, figures, unitId } from "./figures-fixtures.js";

/**
 * The dashboard's roll-up, the 月报表 export and the review screen of a filing all show 累计数; they read
 * it from one query (src/app/figures/cumulative.ts). Here they must agree after the two events that
 * made them disagree before: a cancelled duty (the export dropped the unit's filed months, the
 * roll-up kept them) and a corrected month (only the current version counts).
 */
describe.each(DB_KINDS)("累计数 agrees across dashboard, export and review on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let campaign: number;
  let township: number, fire: number, emergency: number;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2018-07-03T02:00:00Z") });
    campaign = await createCampaign(deps.db, { jurisdiction: "430422" });
    township = await unitId(deps.db, "430422001:township");
    fire = await unitId(deps.db, "430422:fire");
    emergency = await unitId(deps.db, "430422:emergency");
    const months = ["2018-06", "2018-07", "2018-08"];
    for (const u of [township, fire, emergency]) await addFiguresObligations(deps.db, campaign, u, months);
    const file = (unit: number, period: string, actions: number, fines: number) =>
      submitFigures(deps, { campaignId: campaign, unitId: unit, period, values: figures({ enforcement_actions: actions, fines }), by: "test" });
    await file(township, "2018-06", 1, 0.1);
    await file(township, "2018-07", 2, 0.25);
    await file(fire, "2018-06", 40, 4);
    await file(emergency, "2018-06", 7, 0.07);
    await file(emergency, "2018-07", 500, 50);
    // A correction: July of the emergency bureau was 500 by mistake, 5 in truth.
    await correctFigures(deps, {
      campaignId: campaign,
      unitId: emergency,
      period: "2018-07",
      values: figures({ enforcement_actions: 5, fines: 0.5 }),
      by: "test",
      reason: "录入错误",
    });
    // The fire brigade's duties are cancelled after it filed June: what it filed still counts.
    await deps.db.update(obligations).set({ status: "cancelled" }).where(eq(obligations.unitId, fire));
  });
  afterAll(async () => database?.close());

  const exported = async (month: string, unit?: number) => {
    const grids = await figuresGrids(deps, { campaignId: campaign, month, unitId: unit });
    const grid = unit ? grids[1].grid : grids[0].grid;
    const row = (zh: string) => grid.find((r) => r[0] === zh)!;
    return {
      month: (code: string) => row(METRICS.find((m) => m.code === code)!.zh)[2],
      cumulative: (code: string) => row(METRICS.find((m) => m.code === code)!.zh)[3],
    };
  };

  it("the county's July totals are the same on the dashboard and in the export summary", async () => {
    const county = (await rollupFigures(deps, { campaignId: campaign, month: "2018-07" })).find((r) => r.code === "430422")!;
    const sheet = await exported("2018-07");
    // June 1 + 40 + 7, July 2 + 5 (the corrected value, not 500).
    expect(county.cumulative.enforcement_actions).toBe(1 + 2 + 40 + 7 + 5);
    expect(county.month.enforcement_actions).toBe(2 + 5);
    for (const m of METRICS) {
      expect(sheet.cumulative(m.code)).toBe(county.cumulative[m.code]);
      expect(sheet.month(m.code)).toBe(county.month[m.code]);
    }
    expect(county.cumulative.fines).toBe(0.1 + 0.25 + 4 + 0.07 + 0.5);
  });

  it("a unit's sheet, its report page and the review of its next month agree", async () => {
    const report = await getReport(deps, { campaignId: campaign, unitId: emergency, period: "2018-07" });
    const sheet = await exported("2018-07", emergency);
    expect(report.cumulative.enforcement_actions).toBe(12);
    for (const m of METRICS) expect(sheet.cumulative(m.code)).toBe(report.cumulative[m.code]);

    // Filing August: the review adds the new month to July's 累计数, exactly.
    const august: Figures = figures({ enforcement_actions: 3, fines: 0.3 });
    const state: FiguresState = {
      liaisonId: 1,
      obligationId: 1,
      campaignId: campaign,
      unitId: emergency,
      unitName: "应急管理局",
      period: "2018-08",
      mode: "new",
      values: august,
      lastMonth: null,
      medians: {},
      step: { kind: "review" },
    };
    const review = await figuresView(deps, state);
    if (review.kind !== "review") throw new Error(`expected the review, got ${review.kind}`);
    for (const row of review.rows) expect(row.cumulative).toBeCloseTo(report.cumulative[row.code] + august[row.code], 10);
    await submitFigures(deps, { campaignId: campaign, unitId: emergency, period: "2018-08", values: august, by: "test" });
    const after = await getReport(deps, { campaignId: campaign, unitId: emergency, period: "2018-08" });
    for (const row of review.rows) expect(after.cumulative[row.code]).toBeCloseTo(row.cumulative, 10);
  });

  it("a unit whose duties were cancelled keeps its filed months in every view", async () => {
    const sheet = await exported("2018-07", fire);
    const report = await getReport(deps, { campaignId: campaign, unitId: fire, period: "2018-07" });
    expect(report.cumulative.enforcement_actions).toBe(40);
    expect(sheet.cumulative("enforcement_actions")).toBe(40);
    expect(sheet.month("enforcement_actions")).toBeNull();
  });
});
