import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";

/**
 * `npm start` on a freshly seeded database, where no unit or committee has a liaison yet: an urgent tip
 * posted to the JSON API and the web form gets a receipt that claims no alert — it says staff will be
 * alerted, and names nobody as told. (#12.7; the case with a bound liaison is test/http/urgent-alerts.test.ts.)
 */
describe.each(DB_KINDS)("the receipt of an urgent tip from the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  beforeAll(async () => {
    db = await serviceDb(kind);
    svc = await startService(db.env);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  });

  it("says only what happened: nobody told, staff will be alerted", async () => {
    const res = await fetch(`${svc!.url}/api/v1/tips`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({ text: "兴宁区一个工地基坑塌方，有两名工人被困在下面", place: "南宁市兴宁区", urgent: true }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { notice: string | null; routing: { urgent: boolean; explanation: string; alerted: unknown[] } };
    expect(body.routing.urgent).toBe(true);
    expect(body.routing.alerted).toEqual([]);
    expect(body.notice).toBe("您报告了现实危险，这条举报已标记为紧急，工作人员将在举报处理系统中收到提醒。如有人员生命危险，请立即拨打 119 或 110。");
    expect(JSON.stringify(body)).not.toMatch(/已同时告知|已通知|alerted at once/);

    const web = await fetch(`${svc!.url}/tips`, {
      method: "POST",
      signal: AbortSignal.timeout(20_000),
      body: new URLSearchParams({ text: "兴宁区商场地下室着火冒烟，安全出口被锁住了", county: "450102", urgent: "1", lang: "en" }),
    });
    const html = await web.text();
    expect(web.status, html.slice(0, 300)).toBe(200);
    expect(html).toContain('id="urgent-notice"');
    expect(html).not.toMatch(/已同时告知|已通知|alerted at once|has been alerted/);
  }, 60_000);
});
