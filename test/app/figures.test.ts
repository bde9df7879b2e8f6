import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { monthlyReports, obligations } from "../../src/db/schema.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { correctFigures } from "../../src/app/figures/correct-figures.js";
import { getReport } from "../../src/app/figures/get-report.js";
import { startFigures } from "../../src/app/figures/start-figures.js";
import { recordFigureAnswer } from "../../src/app/figures/record-figure-answer.js";
import { statusMatrix } from "../../src/app/figures/status-matrix.js";
import { exportFigures } from "../../src/app/figures/export-figures.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { AppError, type Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, addLiaison, createCampaign, figures, unitId } from "./figures-fixtures.js";

const at =
  (iso: string) =>
  (deps: Deps): Deps => ({ ...deps, clock: () => new Date(iso) });

describe.each(DB_KINDS)("figures verbs on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const rejects = async (p: Promise<unknown>, code: AppError["code"]) => {
    const err = await p.then(
      () => null,
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
  };

  it("is on time until 23:59:59.999 of the due day in Asia/Shanghai and late after it", async () => {
    const campaign = await createCampaign(deps.db);
    const a = await unitId(deps.db, "430422:emergency"),
      b = await unitId(deps.db, "430422:transport");
    await addFiguresObligations(deps.db, campaign, a, ["2018-07"]);
    await addFiguresObligations(deps.db, campaign, b, ["2018-07"]);
    const values = figures({ enforcement_actions: 1, officers_deployed: 2 });
    const onTime = await submitFigures(at("2018-08-10T15:59:59.999Z")(deps), { campaignId: campaign, unitId: a, period: "2018-07", values, by: "test" });
    const late = await submitFigures(at("2018-08-10T16:00:00.000Z")(deps), { campaignId: campaign, unitId: b, period: "2018-07", values, by: "test" });
    expect([onTime.late, late.late]).toEqual([false, true]);
    const done = await deps.db.select({ status: obligations.status }).from(obligations).where(eq(obligations.campaignId, campaign));
    expect(done.map((o) => o.status)).toEqual(["done", "done"]);
    // A second first filing is refused: changes after submission are corrections.
    await rejects(submitFigures(deps, { campaignId: campaign, unitId: a, period: "2018-07", values, by: "test" }), "conflict");
  });

  it("refuses invalid values, a month the unit owes no form for, and corrections without a reason or a filing", async () => {
    const campaign = await createCampaign(deps.db);
    const u = await unitId(deps.db, "430422:housing");
    await addFiguresObligations(deps.db, campaign, u, ["2018-07"]);
    const key = { campaignId: campaign, unitId: u, period: "2018-07", by: "test" };
    await rejects(submitFigures(deps, { ...key, values: figures({ fines: 0.001 }) }), "invalid_input");
    await rejects(submitFigures(deps, { ...key, values: figures({ cases_opened: -1 }) }), "invalid_input");
    await rejects(submitFigures(deps, { ...key, values: figures({ closures: 1.5 }) }), "invalid_input");
    await rejects(submitFigures(deps, { ...key, period: "2018-09", values: figures() }), "not_found");
    await rejects(correctFigures(deps, { ...key, values: figures(), reason: "typo fixed" }), "not_found");
    await submitFigures(deps, { ...key, values: figures({ fines: 1.15 }) });
    await rejects(correctFigures(deps, { ...key, values: figures(), reason: " " }), "invalid_input");
    const [row] = await deps.db.select().from(monthlyReports).where(eq(monthlyReports.campaignId, campaign));
    expect(row.values).toMatchObject({ fines: 115 }); // 1.15 万元 stored exactly as 115 hundredths
  });

  it("keeps exactly one current version through concurrent corrections", async () => {
    const campaign = await createCampaign(deps.db);
    const u = await unitId(deps.db, "430422:police");
    await addFiguresObligations(deps.db, campaign, u, ["2018-07"]);
    const key = { campaignId: campaign, unitId: u, period: "2018-07", by: "staff:a" };
    await submitFigures(deps, { ...key, values: figures({ enforcement_actions: 1 }) });
    const results = await Promise.allSettled(
      [2, 3, 4].map((n) => correctFigures(deps, { ...key, values: figures({ enforcement_actions: n }), reason: `fix ${n}` })),
    );
    for (const r of results) if (r.status === "rejected") expect((r.reason as AppError).code).toBe("conflict");
    const rows = await deps.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.campaignId, campaign)));
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(rows.map((r) => r.version).sort()).toEqual(rows.map((_, i) => i + 1));
    const report = await getReport(deps, key);
    expect(report.current?.version).toBe(rows.length);
    expect(report.cumulative.enforcement_actions).toBe(report.current?.values.enforcement_actions);
  });

  it("starts nothing for a finished campaign, and answers without a conversation are passed on", async () => {
    const finished = await createCampaign(deps.db, { status: "finished" });
    const u = await unitId(deps.db, "430422:culture");
    await addFiguresObligations(deps.db, finished, u, ["2018-07"]);
    await addLiaison(deps, u, 8801);
    expect((await startFigures(deps, { chatId: 8801 })).kind).toBe("no_open");
    expect((await recordFigureAnswer(deps, { chatId: 8801, answer: { type: "text", text: "12" } })).kind).toBe("no_conversation");
  });

  it("builds the unit × month status matrix: on time, late, missing only once due, not yet due", async () => {
    const campaign = await createCampaign(deps.db);
    const a = await unitId(deps.db, "430422001:township"),
      b = await unitId(deps.db, "430422002:township");
    await addFiguresObligations(deps.db, campaign, a, ["2018-06", "2018-07", "2018-08"]);
    await addFiguresObligations(deps.db, campaign, b, ["2018-06", "2018-07", "2018-08"]);
    const file = (iso: string, unit: number, period: string) =>
      submitFigures(at(iso)(deps), { campaignId: campaign, unitId: unit, period, values: figures(), by: "test" });
    await file("2018-07-09T02:00:00Z", a, "2018-06");
    await file("2018-08-12T02:00:00Z", a, "2018-07");
    await file("2018-07-11T02:00:00Z", b, "2018-06");
    // A correction after the deadline does not make an on-time filing late.
    await correctFigures(at("2018-09-01T02:00:00Z")(deps), {
      campaignId: campaign,
      unitId: a,
      period: "2018-06",
      values: figures({ closures: 1 }),
      by: "test",
      reason: "复核",
    });
    const m = await statusMatrix(at("2018-08-15T02:00:00Z")(deps), { campaignId: campaign });
    expect(m.months).toEqual(["2018-06", "2018-07", "2018-08"]);
    const cells = Object.fromEntries(m.units.map((u) => [u.unitId, u.cells]));
    expect(cells[a]).toEqual({ "2018-06": "on_time", "2018-07": "late", "2018-08": "not_yet_due" });
    expect(cells[b]).toEqual({ "2018-06": "late", "2018-07": "missing", "2018-08": "not_yet_due" });
    expect(m.counts).toEqual({ on_time: 1, late: 2, missing: 1, not_yet_due: 2 });
  });

  it("works on a campaign started from the hengnan-2018 template with its due day set to the 5th", async () => {
    // 2019: the fixtures' campaigns stand for 2018, and a template runs once per jurisdiction and year.
    const started = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", year: 2019, figuresDueDay: 5, actor: "test" });
    const u = await unitId(deps.db, "430422:emergency");
    await addLiaison(deps, u, 8802);
    const reply = await startFigures(deps, { chatId: 8802 });
    expect(reply).toMatchObject({ kind: "ask", period: "2019-06", index: 0, unitName: "衡南县应急管理局" });
    const filed = await submitFigures(at("2019-07-05T16:00:00Z")(deps), {
      campaignId: started.campaignId,
      unitId: u,
      period: "2019-06",
      values: figures({ enforcement_actions: 2, officers_deployed: 4 }),
      by: "liaison:test",
    });
    expect(filed.late).toBe(true);
    const csv = new TextDecoder().decode((await exportFigures(deps, { campaignId: started.campaignId, month: "2019-06", format: "csv", unit: u })).body);
    expect(csv).toContain("安全监管“强执法防事故”行动情况月报表");
    expect(csv).toContain("每月5日前向县安委办报送(上月情况)");
    expect(csv).toContain("执法活动,次,2,2");
  });
});
