import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { getReport } from "../../src/app/figures/get-report.js";
import { startFigures } from "../../src/app/figures/start-figures.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { monthlyReports, obligationDocuments, obligations } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, addLiaison, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";
import { cookieHeader, hiddenCsrf, makeStaff, ORIGIN, post, STAFF_PASSWORD } from "./admin-support.js";

type Session = { cookie: string; csrf: string };
const LIAISON_CHAT = 7_301;

/** Sign in through the desk's own login form (the /admin machinery mounted under /desk). */
async function deskLogin(app: ReturnType<typeof createApp>, username: string): Promise<Session & { landing: Response }> {
  const page = await app.request("/desk/login");
  let cookie = cookieHeader(page);
  const html = await page.text();
  expect(html).toContain('action="/desk/login"');
  expect(html).toContain("单位工作台登录");
  const res = await post(app, "/desk/login", { _csrf: hiddenCsrf(html), username, password: STAFF_PASSWORD }, cookie);
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/desk");
  cookie = cookieHeader(res, cookie);
  const landing = await app.request("/desk", { headers: { Cookie: cookie } });
  return { cookie, csrf: hiddenCsrf(await landing.clone().text()), landing };
}

/** The eleven fields as the desk form names them. */
function form(values: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const all = {
    ...Object.fromEntries(
      [
        "enforcement_actions",
        "officers_deployed",
        "units_inspected",
        "cases_opened",
        "fines",
        "suspensions",
        "licences_suspended_or_revoked",
        "closures",
        "officials_held_accountable",
        "administrative_detentions",
        "criminal_arrests",
      ].map((c) => [c, "0"]),
    ),
    ...values,
  };
  return { ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`m_${k}`, v])), ...extra };
}
const reviewedOf = (html: string) => /name="reviewed" value="([^"]+)"/.exec(html)?.[1] ?? "";

describe.each(DB_KINDS)("the unit desk on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let town: Session;
  let townUnit: number, otherUnit: number, campaign: number;
  let july: number, may: number, otherJuly: number, deliverable: number, otherDeliverable: number;
  const get = (path: string, s: Session) => app.request(path, { headers: { Cookie: s.cookie } });

  beforeAll(async () => {
    database = await openTestDb(kind);
    // 2018-08-20 in Shanghai: July's figures were due on 10 August.
    deps = testDeps(database, { clock: () => new Date("2018-08-20T04:00:00Z") });
    app = createApp({ deps });
    townUnit = await unitId(deps.db, "430422001:township");
    otherUnit = await unitId(deps.db, "430422002:township");
    campaign = await createCampaign(deps.db);
    const mine = await addFiguresObligations(deps.db, campaign, townUnit, ["2018-06", "2018-07", "2018-05"]);
    may = mine["2018-05"];
    july = mine["2018-07"];
    otherJuly = (await addFiguresObligations(deps.db, campaign, otherUnit, ["2018-07"]))["2018-07"];
    await deps.db.update(obligations).set({ status: "done" }).where(eq(obligations.id, mine["2018-06"]));
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: townUnit,
      period: "2018-06",
      values: figures({ enforcement_actions: 10, officers_deployed: 30, units_inspected: 12, cases_opened: 2, fines: 1.5 }),
    });
    const deliverables = await deps.db
      .insert(obligations)
      .values([
        {
          campaignId: campaign,
          unitId: townUnit,
          kind: "deliverable",
          code: "deployment_report",
          title: "行动部署情况报告",
          period: "2018-06",
          dueOn: "2018-06-20",
        },
        {
          campaignId: campaign,
          unitId: otherUnit,
          kind: "deliverable",
          code: "deployment_report",
          title: "行动部署情况报告",
          period: "2018-06",
          dueOn: "2018-06-20",
        },
      ])
      .returning({ id: obligations.id });
    [deliverable, otherDeliverable] = deliverables.map((d) => d.id);
    await addLiaison(deps, townUnit, LIAISON_CHAT);
    await makeStaff(deps, { username: "desk_town", role: "unit", unit: "430422001:township" });
    await makeStaff(deps, { username: "desk_committee", role: "committee", jurisdictionCode: "430422" });
    town = await deskLogin(app, "desk_town");
  }, 240_000);
  afterAll(async () => database?.close());

  it("lists the unit's open duties by due date, and only its own", async () => {
    const html = await (await get("/desk", town)).text();
    expect(html).toContain(`href="/desk/figures/${july}"`);
    expect(html).toContain(`action="/desk/duties/${deliverable}/done"`);
    expect(html).not.toContain(`/desk/figures/${otherJuly}"`);
    expect(html).not.toContain(`/desk/duties/${otherDeliverable}/`);
    // Due 20 June comes before due 10 August, and it is overdue on 20 August.
    expect(html.indexOf(`data-obligation="${deliverable}"`)).toBeLessThan(html.indexOf(`data-obligation="${july}"`));
    expect(html).toContain("已逾期");
  });

  it("files July with a Chinese numeral and a confirmed warning, then corrects it with a reason; the bot's verbs see it", async () => {
    const page = await (await get(`/desk/figures/${july}`, town)).text();
    expect(page).toContain("上月：10");
    expect(page).toContain("上月：1.50");
    // 三十五 actions with 十 officers: fewer than two officers per action; a fine with no case opened.
    const typed = form({ enforcement_actions: "三十五", officers_deployed: "十", units_inspected: "12家", fines: "3500元" });
    const check = await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "check", ...typed }, town.cookie);
    expect(check.status).toBe(200);
    const review = await check.text();
    expect(review).toContain("出动执法人员 10 人次，少于执法活动 35 次所需的 70 人次");
    expect(review).toContain("但立案调查为 0");
    // 累计数 before submitting: June's 10 actions plus July's 35; June's 1.50 万元 plus 0.35.
    expect(review).toMatch(/data-metric="enforcement_actions">.*?<td class="num cumulative">45<\/td>/s);
    expect(review).toMatch(/data-metric="fines">.*?<td class="num cumulative">1.85<\/td>/s);
    const reviewed = reviewedOf(review);
    expect(reviewed).not.toBe("");
    expect(await deps.db.select().from(monthlyReports).where(eq(monthlyReports.period, "2018-07"))).toHaveLength(0);

    const unconfirmed = await (await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "submit", reviewed, ...typed }, town.cookie)).text();
    expect(unconfirmed).toContain("请先勾选确认以上提示");
    expect(await deps.db.select().from(monthlyReports).where(eq(monthlyReports.period, "2018-07"))).toHaveLength(0);
    // Changed after the check: checked again, not filed.
    const changed = await (
      await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "submit", reviewed, confirm: "1", ...typed, m_closures: "1" }, town.cookie)
    ).text();
    expect(changed).toContain("数据在核对后有改动");

    const filed = await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "submit", reviewed, confirm: "1", ...typed }, town.cookie);
    expect(filed.status).toBe(200);
    expect(await filed.text()).toContain("月报表已报送");
    const first = await getReport(deps, { campaignId: campaign, unitId: townUnit, period: "2018-07" });
    expect(first.current).toMatchObject({ version: 1, late: true });
    expect(first.current!.values).toMatchObject({ enforcement_actions: 35, officers_deployed: 10, units_inspected: 12, fines: 0.35 });
    expect(first.current!.submittedBy).toMatch(/^staff:\d+:desk_town$/);
    expect((await deps.db.select().from(obligations).where(eq(obligations.id, july)))[0].status).toBe("done");

    // The correction: the page opens on the filed figures; a reason is required.
    const again = await (await get(`/desk/figures/${july}`, town)).text();
    expect(again).toContain("当前为第 1 版");
    expect(again).toContain('name="m_enforcement_actions" value="35"');
    const fixed = form({ enforcement_actions: "35", officers_deployed: "七十", units_inspected: "12", fines: "0.35" });
    const review2 = await (await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "check", ...fixed }, town.cookie)).text();
    expect(review2).toContain('name="reason"');
    // As in the bot, a correction asks only about what it changed: officers now fit, the fine was not touched.
    expect(review2).not.toContain('class="warning"');
    expect(review2).not.toContain('name="confirm"');
    const r2 = reviewedOf(review2);
    const noReason = await (
      await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "submit", reviewed: r2, confirm: "1", ...fixed }, town.cookie)
    ).text();
    expect(noReason).toContain("请写明更正原因");
    const corrected = await post(
      app,
      `/desk/figures/${july}`,
      { _csrf: town.csrf, action: "submit", reviewed: r2, confirm: "1", reason: "出动人数漏填", ...fixed },
      town.cookie,
    );
    expect(await corrected.text()).toContain("已更正（第 2 版）");

    const report = await getReport(deps, { campaignId: campaign, unitId: townUnit, period: "2018-07" });
    expect(report.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(report.current).toMatchObject({ version: 2, reason: "出动人数漏填" });
    expect(report.current!.values.officers_deployed).toBe(70);
    expect(report.cumulative.enforcement_actions).toBe(45);
    // The bot opens the same month as a correction, prefilled with the desk's version.
    const bot = await startFigures(deps, { chatId: LIAISON_CHAT, period: "2018-07" });
    expect(bot).toMatchObject({ kind: "review", mode: "correct" });
    if (bot.kind !== "review") throw new Error("not a review");
    expect(bot.rows.find((r) => r.code === "officers_deployed")?.month).toBe(70);
  });

  it("a month filed in the bot opens on the desk as a correction of that filing", async () => {
    await submitFigures(deps, {
      campaignId: campaign,
      unitId: townUnit,
      period: "2018-05",
      values: figures({ enforcement_actions: 4, officers_deployed: 9, fines: 0.25 }),
      by: "liaison:1",
    });
    const list = await (await get("/desk", town)).text();
    expect(list).toContain(`href="/desk/figures/${may}"`);
    const html = await (await get(`/desk/figures/${may}`, town)).text();
    expect(html).toContain("当前为第 1 版");
    expect(html).toContain('name="m_officers_deployed" value="9"');
    expect(html).toContain('name="m_fines" value="0.25"');
  });

  it("refuses what the bot's parser refuses, naming the field, and stores nothing", async () => {
    const res = await post(
      app,
      `/desk/figures/${july}`,
      { _csrf: town.csrf, action: "check", ...form({ units_inspected: "三家半", fines: "3501元" }) },
      town.cookie,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请改正标红的项目");
    expect(html).toContain("最多保留两位小数");
    expect(html).not.toContain('name="reviewed"');
  });

  it("marks a deliverable done with its document (stored as the bot stores it)", async () => {
    const body = new FormData();
    body.set("_csrf", town.csrf);
    body.set("document", new File([new TextEncoder().encode("%PDF-1.4 部署报告")], "部署报告.pdf", { type: "application/pdf" }));
    const res = await app.request(`/desk/duties/${deliverable}/done`, { method: "POST", body, headers: { Origin: ORIGIN, Cookie: town.cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/desk?done=late");
    const [o] = await deps.db.select().from(obligations).where(eq(obligations.id, deliverable));
    expect(o.status).toBe("done");
    const [doc] = await deps.db.select().from(obligationDocuments).where(eq(obligationDocuments.obligationId, deliverable));
    expect(doc).toMatchObject({ id: o.documentAttachmentId, fileName: "部署报告.pdf", mimeType: "application/pdf", liaisonId: null });
    expect(await (await get("/desk?done=late", town)).text()).toContain("记为逾期");
    const twice = await post(app, `/desk/duties/${deliverable}/done`, { _csrf: town.csrf }, town.cookie);
    expect(twice.headers.get("location")).toBe("/desk?done=already_done");
  });

  it("another unit's duty reads as missing on every desk route, and nothing of it changes", async () => {
    expect((await get(`/desk/figures/${otherJuly}`, town)).status).toBe(404);
    expect((await post(app, `/desk/figures/${otherJuly}`, { _csrf: town.csrf, action: "check", ...form({}) }, town.cookie)).status).toBe(404);
    expect((await post(app, `/desk/duties/${otherDeliverable}/done`, { _csrf: town.csrf }, town.cookie)).status).toBe(404);
    expect((await post(app, `/desk/duties/${otherJuly}/done`, { _csrf: town.csrf }, town.cookie)).status).toBe(404);
    const theirs = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.unitId, otherUnit)));
    expect(theirs.every((o) => o.status === "open")).toBe(true);
  });

  it("is for unit staff: others get a clear page; no session, no CSRF token or a NUL are refused", async () => {
    const committee = await deskLogin(app, "desk_committee");
    expect(committee.landing.status).toBe(403);
    const html = await committee.landing.text();
    expect(html).toContain("单位工作台仅供单位工作人员使用");
    expect(html).toContain('href="/admin"');
    expect((await get(`/desk/figures/${july}`, committee)).status).toBe(403);
    const loginPage = await app.request("/desk/login");
    const wrong = await post(
      app,
      "/desk/login",
      { _csrf: hiddenCsrf(await loginPage.text()), username: "desk_town", password: "not the password at all" },
      cookieHeader(loginPage),
    );
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('action="/desk/login"');
    expect(wrongHtml).toContain('role="alert"');
    const anonymous = await app.request("/desk");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/desk/login");
    expect((await post(app, `/desk/figures/${july}`, { action: "check", ...form({}) }, town.cookie)).status).toBe(403);
    expect((await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "check", ...form({ closures: "1\u0000" }) }, town.cookie)).status).toBe(400);
    const huge = await post(app, `/desk/figures/${july}`, { _csrf: town.csrf, action: "check", ...form({ closures: "1".repeat(70_000) }) }, town.cookie);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("提交的内容太大");
    const page = await get("/desk", town);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});
