import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, campaignTemplates, campaignUnits, campaigns, jurisdictions, obligations, units } from "../../src/db/schema.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { listObligations } from "../../src/app/campaigns/list-obligations.js";
import { AppError, type Deps } from "../../src/app/deps.js";
import { GUANGXI_2020 } from "../../src/domain/campaign-templates.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("campaigns on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2020-01-20T02:00:00Z") });
  });
  afterAll(async () => database?.close());

  const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;
  const dutiesOf = async (campaignId: number, key: string) =>
    (
      await deps.db
        .select()
        .from(obligations)
        .where(and(eq(obligations.campaignId, campaignId), eq(obligations.unitId, await unitId(key))))
    )
      .map((o) => `${o.code}|${o.period}|${o.dueOn}`)
      .sort();
  const rejection = async (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: unknown) => e as AppError,
    );

  it("Guangxi 2020 for 450000: the region's departments and the 14 city committees report; every city and county exposes quarterly", async () => {
    // The seeded shape this campaign resolves against, counted independently of the verb.
    const cities = await deps.db.select().from(jurisdictions).where(eq(jurisdictions.parentCode, "450000"));
    expect(cities).toHaveLength(14);
    const [{ n: counties }] = await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(jurisdictions)
      .where(and(eq(jurisdictions.level, "county"), sql`${jurisdictions.code} like '45%'`));
    const regionDepartments = await deps.db
      .select()
      .from(units)
      .where(and(eq(units.jurisdictionCode, "450000"), eq(units.kind, "department")));
    expect(regionDepartments.map((u) => u.name).sort()).toEqual(
      ["交通运输厅", "住房和城乡建设厅", "公安厅", "应急管理厅", "文化和旅游厅", "消防救援总队"].map((n) => `广西壮族自治区${n}`).sort(),
    );
    const [{ n: cityDepartments }] = await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(units)
      .innerJoin(jurisdictions, eq(jurisdictions.code, units.jurisdictionCode))
      .where(and(eq(jurisdictions.parentCode, "450000"), eq(units.kind, "department")));

    const started = await startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "450000", actor: "staff:alice" });
    const reporters = 14 + 6;
    const exposers = 14 + Number(counties);
    const trainers = 6 + Number(cityDepartments);
    expect(Number(counties)).toBe(111);
    expect(started.byCode).toEqual({
      deployment_report: reporters,
      half_year_summary: reporters,
      annual_summary: reporters,
      quarterly_exposure: 4 * exposers,
      monthly_special_inspection: 12 * 6,
      yearly_training: trainers,
    });
    expect(started.obligations).toEqual({ deliverable: 60, recurring: 4 * exposers + 72 + trainers, figures: 0, total: 60 + 4 * exposers + 72 + trainers });
    expect(started.units).toBe(reporters + Number(counties) + Number(cityDepartments));
    expect(started.emptyAssignees).toEqual([]);
    expect([started.startsOn, started.endsOn, started.figuresDueDay]).toEqual(["2020-01-01", "2020-12-31", null]);

    const [{ n: stored }] = await deps.db.select({ n: sql<number>`count(*)` }).from(obligations).where(eq(obligations.campaignId, started.campaignId));
    expect(Number(stored)).toBe(started.obligations.total);
    expect(await dutiesOf(started.campaignId, "450100:committee")).toEqual([
      "annual_summary||2020-12-20",
      "deployment_report||2020-02-10",
      "half_year_summary||2020-06-30",
      "quarterly_exposure|2020-Q1|2020-03-31",
      "quarterly_exposure|2020-Q2|2020-06-30",
      "quarterly_exposure|2020-Q3|2020-09-30",
      "quarterly_exposure|2020-Q4|2020-12-31",
    ]);
    expect(await dutiesOf(started.campaignId, "450102:committee")).toHaveLength(4); // a district: quarterly exposure only
    const emergency = await dutiesOf(started.campaignId, "450000:emergency");
    expect(emergency.filter((d) => d.startsWith("monthly_special_inspection"))).toHaveLength(12);
    expect(emergency).toContain("monthly_special_inspection|2020-02|2020-02-29");
    expect(emergency).toContain("yearly_training|2020|2020-12-31");
    expect(emergency).toContain("deployment_report||2020-02-10");
    expect(await dutiesOf(started.campaignId, "450100:emergency")).toEqual(["yearly_training|2020|2020-12-31"]);
    expect(await dutiesOf(started.campaignId, "450000:committee")).toEqual([]);

    const [c] = await deps.db.select().from(campaigns).where(eq(campaigns.id, started.campaignId));
    expect(c).toMatchObject({
      templateCode: "guangxi-2020",
      issuingJurisdictionCode: "450000",
      issuingUnitId: await unitId("450000:committee"),
      createdBy: "staff:alice",
      status: "active",
    });
    expect(c.name).toBe("广西壮族自治区2020年安全生产“强监管严执法年”专项行动");
    const roles = await deps.db.select().from(campaignUnits).where(eq(campaignUnits.campaignId, started.campaignId));
    expect(roles.filter((r) => r.role === "issuer").map((r) => r.unitId)).toEqual([await unitId("450000:committee")]);
    expect(roles.filter((r) => r.role === "assignee")).toHaveLength(started.units);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "campaign.started"), eq(auditLog.entityId, String(started.campaignId))));
    expect(audit.actor).toBe("staff:alice");
    expect(audit.after).toMatchObject({ template: "guangxi-2020", jurisdiction: "450000", year: 2020, obligations: started.obligations });
  });

  it("refuses to start the same template for the same jurisdiction and year twice, and writes nothing", async () => {
    const before = await deps.db.select({ n: sql<number>`count(*)` }).from(obligations);
    const err = await rejection(startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "450000", actor: "staff:bob" }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(await deps.db.select({ n: sql<number>`count(*)` }).from(obligations)).toEqual(before);
    // Another year is another campaign.
    const next = await startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "450000", year: 2021, actor: "staff:bob" });
    expect(next.startsOn).toBe("2021-01-01");
  });

  it("Hengnan 2018 for 430422: township units and county departments, the form due on the 5th or the 10th", async () => {
    const [{ n: townships }] = await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(units)
      .innerJoin(jurisdictions, eq(jurisdictions.code, units.jurisdictionCode))
      .where(and(eq(jurisdictions.parentCode, "430422"), eq(units.kind, "township")));
    expect(Number(townships)).toBeGreaterThanOrEqual(20);
    const assignees = Number(townships) + 6;
    const fifth = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", figuresDueDay: 5, actor: "staff:li" });
    expect(fifth.obligations).toEqual({ deliverable: 3 * assignees, recurring: 0, figures: 6 * assignees, total: 9 * assignees });
    expect(fifth.figuresDueDay).toBe(5);
    expect(await dutiesOf(fifth.campaignId, "430422103:township")).toEqual([
      "deployment||2018-06-20",
      "implementation_plan||2018-06-15",
      "monthly_figures|2018-06|2018-07-05",
      "monthly_figures|2018-07|2018-08-05",
      "monthly_figures|2018-08|2018-09-05",
      "monthly_figures|2018-09|2018-10-05",
      "monthly_figures|2018-10|2018-11-05",
      "monthly_figures|2018-11|2018-12-05",
      "summary||2018-12-31",
    ]);
    expect((await deps.db.select().from(campaigns).where(eq(campaigns.id, fifth.campaignId)))[0].figuresDueDay).toBe(5);
    // The county's 安委办 issues; it files nothing itself.
    expect(await dutiesOf(fifth.campaignId, "430422:committee")).toEqual([]);

    const tenth = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", year: 2019, actor: "staff:li" });
    expect(tenth.figuresDueDay).toBe(10);
    expect((await dutiesOf(tenth.campaignId, "430422:emergency")).filter((d) => d.startsWith("monthly_figures"))[0]).toBe("monthly_figures|2019-06|2019-07-10");
  });

  it("lists a unit's open duties in due-date order with English titles from the template", async () => {
    const { items, total } = await listObligations(deps, { unitIds: [await unitId("450100:committee")], limit: 3 });
    expect(total).toBe(14); // 7 duties in each of the 2020 and 2021 campaigns
    expect(items.map((i) => i.dueOn)).toEqual(["2020-02-10", "2020-03-31", "2020-06-30"]);
    expect(items[0]).toMatchObject({ titleZh: "专项行动部署安排情况", titleEn: "Deployment arrangements", kind: "deliverable", status: "open" });
  });

  it("refuses a template issued at another level, unknown templates and jurisdictions", async () => {
    expect((await rejection(startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "430422", actor: "x" }))).code).toBe("invalid_input");
    expect((await rejection(startCampaign(deps, { template: "nowhere-2020", jurisdictionCode: "450000", actor: "x" }))).code).toBe("not_found");
    expect((await rejection(startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "459999", actor: "x" }))).code).toBe("not_found");
    expect(
      (await rejection(startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", year: 2020, figuresDueDay: 30, actor: "x" }))).code,
    ).toBe("invalid_input");
  });

  it("starts a campaign from a template given as data, keeps it under its code, and refuses another body under that code", async () => {
    const custom = { ...GUANGXI_2020, code: "nanning-2020", nameZh: "南宁市专项行动", issuerLevel: "city" as const, defaultIssuer: "450100" };
    const started = await startCampaign(deps, { template: custom, jurisdictionCode: "450100", actor: "staff:wu" });
    // For a city issuer, "city" committees are its descendants at city level: none. Its departments report.
    expect(started.emptyAssignees).toEqual(["city:committee", "city:department"]);
    expect(started.byCode.deployment_report).toBe(6);
    expect(started.byCode.quarterly_exposure).toBeGreaterThan(0);
    const [stored] = await deps.db.select().from(campaignTemplates).where(eq(campaignTemplates.code, "nanning-2020"));
    expect(stored.name).toBe("南宁市专项行动");
    const err = await rejection(startCampaign(deps, { template: { ...custom, nameZh: "别的" }, jurisdictionCode: "450100", year: 2021, actor: "staff:wu" }));
    expect(err.code).toBe("conflict");
    expect(err.message).toContain("nanning-2020");
  });
});
