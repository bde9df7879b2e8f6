import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { campaigns, monthlyReports, obligations } from "../../src/db/schema.js";
import { rows } from "../../src/db/client.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { figures, insertReport, unitId } from "../app/figures-fixtures.js";
import { login, makeStaff, post } from "./admin-support.js";

type Session = { cookie: string; csrf: string };

describe.each(DB_KINDS)("admin campaign and figures pages on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let committee: Session, unitStaff: Session, viewer: Session, admin: Session;
  let hengnan: number;
  let guangxi: number;
  const get = (path: string, s: Session) => app.request(path, { headers: { Cookie: s.cookie } });

  beforeAll(async () => {
    database = await openTestDb(kind);
    // 2018-08-20 in Shanghai: July's figures (due 5 August) are due, August's are not.
    deps = testDeps(database, { clock: () => new Date("2018-08-20T04:00:00Z") });
    app = createApp({ deps });
    await makeStaff(deps, { username: "hn_committee", role: "committee", jurisdictionCode: "430422" });
    await makeStaff(deps, { username: "hn_town", role: "unit", unit: "430422001:township" });
    await makeStaff(deps, { username: "hn_viewer", role: "viewer", jurisdictionCode: "430422" });
    await makeStaff(deps, { username: "root", role: "admin" });
    [committee, unitStaff, viewer, admin] = [
      await login(app, "hn_committee"),
      await login(app, "hn_town"),
      await login(app, "hn_viewer"),
      await login(app, "root"),
    ];
    // A campaign far outside Hengnan's subtree, started by the province.
    guangxi = (await startCampaign(deps, { template: "guangxi-2020", jurisdictionCode: "450000", actor: "test" })).campaignId;
  }, 240_000);
  afterAll(async () => database?.close());

  it("starts a campaign from the page: CSRF enforced, unit and viewer roles refused, scope checked", async () => {
    const form = { template: "hengnan-2018", jurisdictionCode: "430422", year: "2018", figuresDueDay: "5" };
    expect((await post(app, "/admin/campaigns", form, committee.cookie)).status).toBe(403);
    expect((await post(app, "/admin/campaigns", { ...form, _csrf: "x".repeat(committee.csrf.length) }, committee.cookie)).status).toBe(403);
    expect((await post(app, "/admin/campaigns", { ...form, _csrf: unitStaff.csrf }, unitStaff.cookie)).status).toBe(403);
    expect((await post(app, "/admin/campaigns", { ...form, _csrf: viewer.csrf }, viewer.cookie)).status).toBe(403);
    const outside = await post(
      app,
      "/admin/campaigns",
      { ...form, template: "guangxi-2020", jurisdictionCode: "450000", _csrf: committee.csrf },
      committee.cookie,
    );
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain("只能为本辖区启动专项行动");
    expect(await deps.db.select().from(campaigns).where(eq(campaigns.issuingJurisdictionCode, "430422"))).toHaveLength(0);

    // The 2018 campaign started on 2018-08-20: its June and July duties are already past due. The page asks first.
    const asked = await post(app, "/admin/campaigns", { ...form, _csrf: committee.csrf }, committee.cookie);
    expect(asked.status).toBe(200);
    const warning = await asked.text();
    expect(warning).toContain('id="past-due"');
    expect(warning).toMatch(/该行动的日期（2018-\d\d-\d\d 至 2018-12-31）已部分过去：\d+ 项任务在今天之前就已到期（[^）]*2018-07/);
    expect(warning).toContain('name="pastDue" value="not_applicable"');
    expect(await deps.db.select().from(campaigns).where(eq(campaigns.issuingJurisdictionCode, "430422"))).toHaveLength(0);
    const res = await post(app, "/admin/campaigns", { ...form, pastDue: "keep", _csrf: committee.csrf }, committee.cookie);
    expect(res.status).toBe(303);
    const [row] = await deps.db.select().from(campaigns).where(eq(campaigns.issuingJurisdictionCode, "430422"));
    expect(row.figuresDueDay).toBe(5);
    expect(row.startsOn.startsWith("2018")).toBe(true);
    expect(res.headers.get("Location")).toBe(`/admin/campaigns/${row.id}`);
    hengnan = row.id;
    const again = await post(app, "/admin/campaigns", { ...form, pastDue: "keep", _csrf: committee.csrf }, committee.cookie);
    expect(again.status).toBe(409);

    const list = await (await get("/admin/campaigns", committee)).text();
    expect(list).toContain(`/admin/campaigns/${hengnan}`);
    expect(list).not.toContain(`/admin/campaigns/${guangxi}"`);
    // The unit sees the campaign it takes part in, but gets no start form.
    const unitList = await (await get("/admin/campaigns", unitStaff)).text();
    expect(unitList).toContain(`/admin/campaigns/${hengnan}`);
    expect(unitList).not.toContain('action="/admin/campaigns"');
  });

  it("the campaign page lists every duty by unit with its status, and filters by kind", async () => {
    const all = await deps.db.select().from(obligations).where(eq(obligations.campaignId, hengnan));
    const html = await (await get(`/admin/campaigns/${hengnan}`, committee)).text();
    expect(html.match(/<tr class="duty /g)?.length).toBe(all.length);
    // 2018-08-20: the deployment report due in June is late (still open); the August figures are open.
    const deployment = all.find((o) => o.kind === "deliverable" && o.dueOn < "2018-08-20");
    expect(deployment).toBeDefined();
    expect(html).toContain('class="duty duty-late"');
    expect(html).toContain('class="duty duty-open"');
    const unitsWithDuties = new Set(all.map((o) => o.unitId));
    expect(html.match(/<section class="card" data-unit=/g)?.length).toBe(unitsWithDuties.size);

    const figuresOnly = await (await get(`/admin/campaigns/${hengnan}?kind=figures`, committee)).text();
    expect(figuresOnly.match(/<tr class="duty /g)?.length).toBe(all.filter((o) => o.kind === "figures").length);
    // A unit's staff see only their own unit's duties.
    const mine = await (await get(`/admin/campaigns/${hengnan}`, unitStaff)).text();
    const ownId = await unitId(deps.db, "430422001:township");
    expect(mine.match(/<tr class="duty /g)?.length).toBe(all.filter((o) => o.unitId === ownId).length);
  });

  it("the dashboard shows the matrix, roll-up numbers equal the database's, and one SVG bar per unit", async () => {
    const town1 = await unitId(deps.db, "430422001:township");
    const town2 = await unitId(deps.db, "430422002:township");
    await insertReport(deps.db, {
      campaignId: hengnan,
      unitId: town1,
      period: "2018-07",
      values: figures({ enforcement_actions: 3, fines: 1.25, units_inspected: 9 }),
    });
    await insertReport(deps.db, { campaignId: hengnan, unitId: town2, period: "2018-07", values: figures({ enforcement_actions: 4, fines: 0.5 }), late: true });
    await insertReport(deps.db, { campaignId: hengnan, unitId: town1, period: "2018-06", values: figures({ enforcement_actions: 2 }) });

    // Unasked, the dashboard opens on the latest month with filings (July), not on August with none yet.
    expect(await (await get(`/admin/campaigns/${hengnan}/figures`, committee)).text()).toMatch(/<option value="2018-07" selected/);
    const res = await get(`/admin/campaigns/${hengnan}/figures?month=2018-07&metric=enforcement_actions`, committee);
    expect(res.status).toBe(200);
    const html = await res.text();
    const row = (id: number) => new RegExp(`<tr data-unit="${id}">(.*?)</tr>`).exec(html)?.[1] ?? "";
    expect(row(town1)).toMatch(/filing-on_time[^>]*>按时/);
    expect(row(town2)).toMatch(/filing-late[^>]*>迟报/);
    expect(html).toContain("filing-missing");
    expect(html).toContain("filing-not_yet_due");

    const [db] = await rows<{ actions: string; fines: string }>(
      deps.db,
      sql`
      select sum((r."values"->>'enforcement_actions')::int) as actions, sum((r."values"->>'fines')::int) as fines
      from monthly_reports r join units u on u.id = r.unit_id
      where r.campaign_id = ${hengnan} and r.current and r.period = '2018-07' and u.jurisdiction_code like '430422%'`,
    );
    const cell = (span: string, metric: string) =>
      new RegExp(`<tr data-jurisdiction="430422" data-span="${span}">.*?<td data-metric="${metric}">([^<]*)</td>`).exec(html)?.[1];
    expect(cell("month", "enforcement_actions")).toBe(String(Number(db.actions)));
    expect(cell("month", "enforcement_actions")).toBe("7");
    expect(cell("month", "fines")).toBe((Number(db.fines) / 100).toFixed(2));
    expect(cell("cumulative", "enforcement_actions")).toBe("9");

    const svg = /<svg[^>]*>.*<\/svg>/s.exec(html)?.[0] ?? "";
    expect(svg).not.toBe("");
    const owing = await deps.db
      .selectDistinct({ unitId: obligations.unitId })
      .from(obligations)
      .where(and(eq(obligations.campaignId, hengnan), eq(obligations.kind, "figures")));
    // Two units filed July; every other unit owing the form is drawn as "not filed", not as a zero bar.
    expect(svg.match(/<rect class="bar"/g)?.length).toBe(2);
    expect(svg.match(/<rect class="bar-missing"/g)?.length).toBe(owing.length - 2);
    expect(svg).toMatch(new RegExp(`<rect class="bar" data-key="${town2}"`));
    expect(html).toContain(`已报送 2/${owing.length} 个单位`);
    // A filed zero is a zero-length bar labelled 0; a unit that did not file says so.
    const arrests = await (await get(`/admin/campaigns/${hengnan}/figures?month=2018-07&metric=criminal_arrests`, committee)).text();
    expect(arrests).toMatch(new RegExp(`<rect class="bar" data-key="${town1}"[^>]*width="0"`));
    expect(arrests).toMatch(/<rect class="bar-missing"[^>]*>.*?<\/rect><text[^>]*>未报送<\/text>/s);
    expect(html).not.toMatch(/<script|style="/);
    // English page, other metric: labels from the form, in English.
    const en = await (
      await app.request(`/admin/campaigns/${hengnan}/figures?month=2018-07&metric=fines`, { headers: { Cookie: `${committee.cookie}; jubao_admin_lang=en` } })
    ).text();
    expect(en).toContain("Fines (10,000 yuan)");
  });

  it("exports xlsx and csv as attachments", async () => {
    const xlsx = await get(`/admin/campaigns/${hengnan}/export?month=2018-07&format=xlsx`, committee);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Disposition")).toMatch(/^attachment; filename="figures-\d+-2018-07\.xlsx"$/);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    const csv = await get(`/admin/campaigns/${hengnan}/export?month=2018-07&format=csv`, committee);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(csv.headers.get("Content-Disposition")).toContain("attachment");
    expect(await csv.text()).toContain("检查生产经营单位");
    // A unit's staff download their own unit's form only.
    const own = await get(`/admin/campaigns/${hengnan}/export?month=2018-07&format=csv`, unitStaff);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Disposition")).toContain(`-unit-${await unitId(deps.db, "430422001:township")}.csv`);
    expect((await get(`/admin/campaigns/${hengnan}/export?month=2018-13&format=csv`, committee)).status).toBe(400);
  });

  it("a campaign outside the user's scope is 404 on every id route", async () => {
    for (const path of [
      `/admin/campaigns/${guangxi}`,
      `/admin/campaigns/${guangxi}?kind=figures`,
      `/admin/campaigns/${guangxi}/figures`,
      `/admin/campaigns/${guangxi}/figures?month=2020-07`,
      `/admin/campaigns/${guangxi}/export?month=2020-07&format=xlsx`,
      `/admin/campaigns/${guangxi}/export?month=2020-07&format=csv`,
    ]) {
      expect((await get(path, committee)).status, path).toBe(404);
      expect((await get(path, unitStaff)).status, path).toBe(404);
      expect((await get(path, viewer)).status, path).toBe(404);
    }
    expect((await get(`/admin/campaigns/99999999/figures`, committee)).status).toBe(404);
    expect((await get(`/admin/campaigns/abc`, committee)).status).toBe(404);
    // The admin sees it; an unauthenticated request is sent to the login page.
    expect((await get(`/admin/campaigns/${guangxi}/figures?month=2020-07`, admin)).status).toBe(200);
    expect((await app.request(`/admin/campaigns/${hengnan}`)).status).toBe(303);
    const [{ n }] = await deps.db.select({ n: sql<number>`count(*)` }).from(monthlyReports);
    expect(Number(n)).toBe(3);
  });

  it("starting a past year with past months marked not applicable stores those duties cancelled: no reminders, nothing missing", async () => {
    const form = { template: "hengnan-2018", jurisdictionCode: "430422", year: "2017", figuresDueDay: "", pastDue: "not_applicable" };
    const res = await post(app, "/admin/campaigns", { ...form, _csrf: committee.csrf }, committee.cookie);
    expect(res.status).toBe(303);
    const id = Number(/\/admin\/campaigns\/(\d+)/.exec(res.headers.get("Location") ?? "")?.[1]);
    const duties = await deps.db.select({ status: obligations.status, dueOn: obligations.dueOn }).from(obligations).where(eq(obligations.campaignId, id));
    expect(duties.length).toBeGreaterThan(0);
    // The whole of 2017 is before 2018-08-20: every duty is not applicable.
    expect(duties.filter((d) => d.status !== "cancelled")).toEqual([]);
    const page = await (await get(`/admin/campaigns/${id}/figures`, committee)).text();
    expect(page).not.toContain("filing-missing");
  });
});
