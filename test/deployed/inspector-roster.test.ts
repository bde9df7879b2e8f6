import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

/**
 * `npm start`: a 衡南县 committee member opens /admin/inspectors, picks the county emergency bureau, adds two officers,
 * deactivates one with a reason, and then plans every unit of the county for 2027 with one button on /admin/plans.
 */
describe.each(DB_KINDS)("the inspector roster and plans for all units through the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "roster-cs", "--role", "committee", "--jurisdiction", "430422"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("adds, lists and deactivates officers, and generates the county's plans", async () => {
    const b = new Browser(svc.url);
    await b.login("roster-cs");
    const picker = await b.fetch("/admin/inspectors");
    expect(picker.status).toBe(200);
    expectSecurityHeaders(picker, "GET /admin/inspectors");
    const unitId = /<option value="(\d+)"[^>]*>430422 衡南县应急管理局<\/option>/.exec(await picker.text())?.[1];
    expect(unitId).toBeDefined();
    for (const [name, cert] of [
      ["刘洋", "HN-01"],
      ["陈静", "HN-02"],
    ]) {
      const res = await b.post("/admin/inspectors", { unitId: unitId!, name, certificateNo: cert });
      expect(res.headers.get("location")).toBe(`/admin/inspectors?unit=${unitId}&done=1`);
    }
    let html = await (await b.fetch(`/admin/inspectors?unit=${unitId}`)).text();
    const chen = /<tr data-inspector="(\d+)"><td>陈静<\/td>/.exec(html)?.[1];
    expect(chen).toBeDefined();
    expect(html).toContain("刘洋");
    const off = await b.post(`/admin/inspectors/${chen}/deactivate`, { unitId: unitId!, reason: "调离" });
    expect(off.headers.get("location")).toContain("done=1");
    html = await (await b.fetch(`/admin/inspectors?unit=${unitId}`)).text();
    expect(html).toMatch(/<td>陈静<\/td>.*?<td>已停用<\/td>/s);

    const all = await b.post("/admin/plans/generate-all", { year: "2027", randomRatePct: "10" });
    expect(all.headers.get("location")).toMatch(/^\/admin\/plans\?year=2027&done=1/);
    const plans = await (await b.fetch("/admin/plans?year=2027")).text();
    expect(plans).toContain("衡南县应急管理局");
    expect((plans.match(/<tr data-plan="/g) ?? []).length).toBeGreaterThan(1);
  }, 120_000);
});
