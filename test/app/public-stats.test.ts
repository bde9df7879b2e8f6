import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/app/deps.js";
import { publicStats } from "../../src/app/public/public-stats.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { tipRewards } from "../../src/db/schema.js";
import { suppressColumn } from "../../src/domain/small-counts.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { createApp } from "../../src/http/app.js";
import { createCampaign, figures, insertReport, unitId } from "./figures-fixtures.js";

describe("small-count suppression", () => {
  it("hides 1 and 2, and one more cell (or the total) so the total cannot give a hidden cell back", () => {
    expect(suppressColumn([5, 2])).toEqual({ cells: [null, null], total: 7 });
    expect(suppressColumn([5, 2, 4])).toEqual({ cells: [5, null, null], total: 11 });
    expect(suppressColumn([0, 2, 0])).toEqual({ cells: [0, null, 0], total: null });
    expect(suppressColumn([1, 1])).toEqual({ cells: [null, null], total: null });
    expect(suppressColumn([2, 1, 9])).toEqual({ cells: [null, null, 9], total: 12 });
    expect(suppressColumn([3, 0, 4])).toEqual({ cells: [3, 0, 4], total: 7 });
  });
});

const COMMITTEE: StaffActor = {
  id: 970,
  username: "stats",
  displayName: "Stats",
  role: "committee",
  jurisdictionCode: "450000",
  unitId: null,
  locale: "zh-CN",
};

describe.each(DB_KINDS)("public statistics on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-10-12T02:00:00Z");
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
  });
  afterAll(async () => database?.close());

  it("counts by month, sector and city, and never shows a count of 1 or 2 nor lets the total give it back", async () => {
    const oct: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await submitTip(deps, { channel: "web", text: `南宁市兴宁区某商场消防通道被堵第${i}处`, jurisdictionCode: "450102", sector: "fire_safety" });
      oct.push(t.tipId);
    }
    for (const tipId of oct.slice(0, 3)) await acceptTip(deps, { actor: COMMITTEE, tipId });
    for (const tipId of oct.slice(0, 2)) {
      await startInvestigation(deps, { actor: COMMITTEE, tipId });
      await recordResult(deps, { actor: COMMITTEE, tipId, result: "substantiated", findings: "属实", fineYuan: 10000 });
      await closeTip(deps, { actor: COMMITTEE, tipId, conclusion: "属实", summary: "现场检查属实", decision: "责令整改", rewardEligibility: "符合" });
    }
    await deps.db.insert(tipRewards).values(
      oct.slice(0, 2).map((tipId, i) => ({
        tipId,
        status: "paid" as const,
        amountYuan: 1000 + i * 1000,
        proposedYuan: 1000 + i * 1000,
        basis: { kind: "fine" },
        decidedAt: now,
        decidedBy: "stats",
        claimDueAt: now,
      })),
    );
    now = new Date("2026-11-05T02:00:00Z");
    const nov = [];
    for (let i = 0; i < 2; i++)
      nov.push(await submitTip(deps, { channel: "web", text: `桂林市秀峰区某工地没有安全网第${i}处`, jurisdictionCode: "450302", sector: "construction" }));
    await acceptTip(deps, { actor: COMMITTEE, tipId: nov[0].tipId });

    const stats = await publicStats(deps);
    const month = stats.tables.month;
    expect(month.rows.map((r) => r.key)).toEqual(["2026-10", "2026-11"]);
    // received 5 and 2: the 2 is hidden, and so is the 5, since the total 7 is shown.
    expect(month.rows.map((r) => r.counts.received)).toEqual([null, null]);
    expect(month.total.counts.received).toBe(7);
    // accepted 3 and 1: both hidden, total 4 shown.
    expect(month.rows.map((r) => r.counts.accepted)).toEqual([null, null]);
    expect(month.total.counts.accepted).toBe(4);
    // verified 2 and 0: the total would be 2, hidden too.
    expect(month.rows.map((r) => r.counts.verified)).toEqual([null, 0]);
    expect(month.total.counts.verified).toBeNull();
    expect(month.total.counts.closedOnTime).toBeNull();
    // two rewards paid (1000 + 2000 yuan): neither count nor amount anywhere.
    expect(month.rows.map((r) => [r.counts.rewardsPaid, r.rewardsPaidYuan])).toEqual([
      [null, null],
      [0, 0],
    ]);
    expect(month.total).toMatchObject({ rewardsPaidYuan: null });

    expect(stats.tables.city.rows.map((r) => [r.key, r.nameZh])).toEqual([
      ["450100", expect.stringContaining("南宁")],
      ["450300", expect.stringContaining("桂林")],
    ]);
    expect(stats.tables.sector.rows.map((r) => r.key).sort()).toEqual(["construction", "fire_safety"]);
    expect(JSON.stringify(stats)).not.toMatch(/"(received|accepted|verified|closed|closedOnTime|rewardsPaid)":[12][,}]/);

    // Three more in November: now every cell is at least 3 and shown as it is.
    for (let i = 0; i < 3; i++)
      await submitTip(deps, { channel: "web", text: `桂林市秀峰区某工厂仓库堆满易燃物第${i}处`, jurisdictionCode: "450302", sector: "construction" });
    const again = (await publicStats(deps)).tables.month;
    expect(again.rows.map((r) => r.counts.received)).toEqual([5, 5]);
    expect(again.total.counts.received).toBe(10);
  });

  it("the page, its chart and the CSV show a hidden month as <3, never its number", async () => {
    // October 5 tips, November 5: all shown. One more tip in December makes a cell of 1.
    now = new Date("2026-12-03T02:00:00Z");
    await submitTip(deps, { channel: "web", text: "南宁市青秀区某加油站旁有人违规卸油", jurisdictionCode: "450103", sector: "fire_safety" });
    const app = createApp({ deps });
    const html = await (await app.request("/public/stats")).text();
    expect(html).toMatch(/<rect class="bar-missing" data-key="2026-12"/);
    expect(html).not.toMatch(/<title>[^<]*: [12]<\/title>/);
    const bytes = new Uint8Array(await (await app.request("/public/stats.csv?table=month")).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const received = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",").slice(0, 2));
    // The 1 is hidden and, a single hidden cell, takes the smallest other (a 5) with it.
    expect(received).toEqual([
      ["2026-10", "<3"],
      ["2026-11", "5"],
      ["2026-12", "<3"],
      ["合计", "11"],
    ]);
  });

  it("reads the 月报表 roll-up by month from the 累计数 query: current versions only, every unit added", async () => {
    const campaignId = await createCampaign(deps.db, { name: "公开统计测试行动" });
    const emergency = await unitId(deps.db, "430422:emergency");
    const housing = await unitId(deps.db, "430422:housing");
    await insertReport(deps.db, { campaignId, unitId: emergency, period: "2018-06", values: figures({ units_inspected: 4 }), current: false });
    await insertReport(deps.db, { campaignId, unitId: emergency, period: "2018-06", values: figures({ units_inspected: 7, fines: 1.5 }), version: 2 });
    await insertReport(deps.db, { campaignId, unitId: housing, period: "2018-06", values: figures({ units_inspected: 3 }) });
    await insertReport(deps.db, { campaignId, unitId: housing, period: "2018-07", values: figures({ units_inspected: 2 }) });
    const c = (await publicStats(deps)).campaigns.find((x) => x.campaignId === campaignId)!;
    expect(c.months.map((m) => m.month)).toEqual(["2018-06", "2018-07", "2018-08", "2018-09", "2018-10", "2018-11", "2018-12"]);
    expect(c.months[0]).toMatchObject({ unitsReporting: 2, figures: { units_inspected: 10, fines: 1.5 } });
    expect(c.months[1]).toMatchObject({ unitsReporting: 1, figures: { units_inspected: 2, fines: 0 } });
    expect(c.months[2]).toMatchObject({ unitsReporting: 0, figures: { units_inspected: 0 } });
    const app = createApp({ deps });
    const csv = await (await app.request(`/public/stats.csv?table=figures&campaign=${campaignId}&lang=en`)).text();
    const [head, june] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(head).toMatch(/^Month,Units reporting,.*Business units inspected \(units\)/);
    expect(june.split(",").slice(0, 2)).toEqual(["2018-06", "2"]);
    expect(june.split(",")).toContain("10");
    expect(june.split(",")).toContain("1.5");
    expect((await app.request("/public/stats.csv?table=figures&campaign=99999")).status).toBe(404);
    expect(await (await app.request("/public/stats?lang=en")).text()).toContain("Monthly report totals: 公开统计测试行动");
  });
});
