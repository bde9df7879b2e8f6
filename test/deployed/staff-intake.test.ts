import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders, hiddenCsrf } from "./http-support.js";

/** "YYYY-MM-DDTHH:mm" in Asia/Shanghai, `ms` from now: what the datetime-local field holds. */
function shanghaiLocal(ms: number): string {
  return new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16);
}

const ANSWER = {
  conclusion: "来电反映属实",
  summary: "执法人员现场检查，消防通道确被货物堵塞",
  decision: "责令当场清理，处罚款一万元",
  rewardEligibility: "符合举报奖励条件，另行通知",
};

/**
 * `npm start`: a clerk signs in, records a phone call on /admin/intake over HTTP, prints the receipt (the
 * secret once: a reload shows it no more), the reporter's code and secret work on the JSON API, the tip
 * is routed and in the queue, and once closed the printable answer letter carries the four items.
 */
describe.each(DB_KINDS)("a tip taken by phone, through the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "intake-clerk", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("records the call, prints the receipt once, routes it, and prints the answer letter after closing", async () => {
    const clerk = new Browser(svc.url);
    await clerk.login("intake-clerk");
    const formPage = await clerk.fetch("/admin/intake");
    expect(formPage.status).toBe(200);
    expectSecurityHeaders(formPage, "GET /admin/intake");
    const formHtml = await formPage.text();
    const formToken = /name="formToken" value="([^"]+)"/.exec(formHtml)![1];
    expect(formHtml).toContain('name="receivedAt"');

    const fields = {
      formToken,
      channel: "phone",
      receivedAt: shanghaiLocal(-3 * 3600_000),
      text: "12350来电：兴宁区某商场把消防通道用货物堵死了，安全出口也上了锁",
      jurisdictionCode: "450102",
      sector: "fire_safety",
      enterprise: "某商场",
      locale: "zh-CN",
      name: "张先生",
      contact: "13900180009",
      reply: "paper",
    };
    // A date in the future is refused with its reason, and nothing is stored.
    const future = await clerk.post("/admin/intake", { ...fields, receivedAt: shanghaiLocal(2 * 86_400_000), formToken: "future-token-00000001" });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain("收到时间不能晚于现在");

    const posted = await clerk.post("/admin/intake", fields);
    expect(posted.status).toBe(303);
    const location = posted.headers.get("location")!;
    const tipId = /^\/admin\/intake\/(\d+)\/receipt$/.exec(location)?.[1];
    expect(tipId, location).toBeTruthy();

    const receipt = await clerk.fetch(location);
    expect(receipt.status).toBe(200);
    expectSecurityHeaders(receipt, "GET receipt");
    expect(receipt.headers.get("cache-control")).toBe("no-store");
    const receiptHtml = await receipt.text();
    const code = /id="tracking-code">([^<]+)</.exec(receiptHtml)![1];
    const secret = /id="secret">([^<]+)</.exec(receiptHtml)![1];
    expect(secret).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);
    expect(receiptHtml).toContain('href="/admin/static/print.css"');
    expect(receiptHtml).toContain("举报受理回执");
    const css = await (await clerk.fetch("/admin/static/print.css")).text();
    expect(css).toContain("size:A4");
    expect(css).toContain("@media print");

    // A reload (or a double submit of the same form) shows the code, never the secret again.
    const reload = await (await clerk.fetch(location)).text();
    expect(reload).toContain(code);
    expect(reload).not.toContain(secret);
    expect(reload).toContain('id="secret-gone"');
    const again = await clerk.post("/admin/intake", fields);
    expect(again.headers.get("location")).toBe(location);
    expect(await (await clerk.fetch(location)).text()).not.toContain(secret);

    const status = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: code, secret }),
    });
    expect(status.status).toBe(200);
    const view = (await status.json()) as { status: string; sector: string; unit: { name: string }; answer: unknown };
    expect(view).toMatchObject({ status: "received", sector: "fire_safety", answer: null });
    expect(view.unit.name).toBeTruthy();

    const queue = await (await clerk.fetch("/admin?channel=phone")).text();
    expect(queue).toContain(code);
    const page = await (await clerk.fetch(`/admin/tips/${tipId}`)).text();
    expect(page).toContain("来电");
    expect(page).toContain(view.unit.name);
    // The reporter did not consent: the clerk's colleagues see no name or number on the tip page.
    expect(page).not.toContain("张先生");
    expect(page).not.toContain("13900180009");

    for (const [action, form] of [
      ["accept", {}],
      ["investigate", {}],
      ["result", { result: "substantiated", findings: "消防通道堵塞属实", fineYuan: "10000" }],
      ["close", ANSWER],
    ] as const) {
      const res = await clerk.post(`/admin/tips/${tipId}/${action}`, form);
      expect(res.headers.get("location"), action).toBe(`/admin/tips/${tipId}?done=${action}`);
    }
    const tipPage = await (await clerk.fetch(`/admin/tips/${tipId}`)).text();
    expect(tipPage).toContain(`href="/admin/tips/${tipId}/letter"`);
    const letter = await clerk.fetch(`/admin/tips/${tipId}/letter`);
    expect(letter.status).toBe(200);
    expectSecurityHeaders(letter, "GET letter");
    const letterHtml = await letter.text();
    for (const v of Object.values(ANSWER)) expect(letterHtml).toContain(v);
    for (const label of ["核查结论", "简要核查情况", "处理决定", "符合奖励条件情况"]) expect(letterHtml).toContain(label);
    expect(letterHtml).toContain(code);
    // Answered on paper, handed over: no name or number on the sheet.
    expect(letterHtml).not.toContain("张先生");
    expect(letterHtml).not.toContain("13900180009");
    expect(letterHtml).not.toContain(secret);
    expect(hiddenCsrf(await (await clerk.fetch("/admin")).text())).toBeTruthy();
  }, 120_000);
});
