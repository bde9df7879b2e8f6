import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders, hiddenCsrf } from "./http-support.js";
import { STAFF_PASSWORD } from "../http/admin-support.js";

/**
 * The HTTP surface as deployed: `npm start`, staff accounts made with the real CLI, every page fetched
 * through the Node server. Headers are asserted on the wire because secureHeaders + c.header() after
 * next() lost them only there (app.request showed them).
 */
describe.each(DB_KINDS)("security headers and admin checks on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  let totpUri: string | undefined;
  const receipt = { trackingCode: "", secret: "" };
  const guilinReceipt = { trackingCode: "" };

  beforeAll(async () => {
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so accounts come first.
    ({ totpUri } = await cliCreateStaff(db.env, ["--username", "wire-nanning", "--role", "committee", "--jurisdiction", "450100", "--totp"]));
    await cliCreateStaff(db.env, ["--username", "wire-guilin", "--role", "committee", "--jurisdiction", "450300"]);
    await cliCreateStaff(db.env, ["--username", "wire-unit", "--role", "unit", "--unit", "450102:emergency"]);
    svc = await startService(db.env);
    const tip = async (text: string, jurisdictionCode: string) => {
      const res = await fetch(`${svc.url}/api/v1/tips`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text, jurisdictionCode, sector: "fire_safety" }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { trackingCode: string; secret: string };
    };
    Object.assign(receipt, await tip("南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着", "450102"));
    guilinReceipt.trackingCode = (await tip("桂林市秀峰区某酒店消防通道堆满杂物，安全出口上锁", "450302")).trackingCode;
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("public pages: GET /, GET /track, POST /track (with the secret), refusals and errors", async () => {
    const form = (body: Record<string, string>) => ({
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual" as const,
    });
    const pages: [string, Promise<Response>, number][] = [
      ["GET /", fetch(`${svc.url}/`), 200],
      ["GET /?lang=en", fetch(`${svc.url}/?lang=en`), 200],
      ["GET /track", fetch(`${svc.url}/track`), 200],
      ["GET /public/audit", fetch(`${svc.url}/public/audit`), 200],
      ["GET /public/audit?lang=en", fetch(`${svc.url}/public/audit?lang=en`), 200],
      ["GET /public/draws", fetch(`${svc.url}/public/draws`), 200],
      ["GET /public/draws?lang=en", fetch(`${svc.url}/public/draws?lang=en`), 200],
      ["GET /public/draws/999999 (none)", fetch(`${svc.url}/public/draws/999999`), 404],
      ["POST /track (receipt)", fetch(`${svc.url}/track`, form({ code: receipt.trackingCode, secret: receipt.secret })), 200],
      ["POST /track (wrong secret)", fetch(`${svc.url}/track`, form({ code: receipt.trackingCode, secret: "WRONG-SECRET" })), 404],
      ["POST /tips (invalid form)", fetch(`${svc.url}/tips`, form({ text: "短" })), 422],
      ["POST /track/add (wrong secret)", fetch(`${svc.url}/track/add`, form({ code: receipt.trackingCode, secret: "x", text: "补充" })), 404],
      ["POST /track/objection (wrong secret)", fetch(`${svc.url}/track/objection`, form({ code: receipt.trackingCode, secret: "x", text: "不服" })), 404],
      [
        "POST /track/objection (not answered yet)",
        fetch(`${svc.url}/track/objection`, form({ code: receipt.trackingCode, secret: receipt.secret, text: "不服" })),
        409,
      ],
      [
        "POST /track/reward-claim (no reward)",
        fetch(`${svc.url}/track/reward-claim`, form({ code: receipt.trackingCode, secret: receipt.secret, account: "现场领取" })),
        409,
      ],
      ["GET /public/stats", fetch(`${svc.url}/public/stats`), 200],
      ["GET /public/stats?lang=en", fetch(`${svc.url}/public/stats?lang=en`), 200],
      ["GET /public/stats.csv?table=city", fetch(`${svc.url}/public/stats.csv?table=city`), 200],
      ["GET /public/stats.csv?table=nope", fetch(`${svc.url}/public/stats.csv?table=nope`), 400],
      ["GET /public", fetch(`${svc.url}/public`), 200],
      ["GET /public?lang=en&area=450100&quarter=2026-Q4", fetch(`${svc.url}/public?lang=en&area=450100&quarter=2026-Q4`), 200],
      ["GET /public?area=bad&quarter=bad", fetch(`${svc.url}/public?area=bad&quarter=bad`), 200],
      ["GET /public/exposures.atom", fetch(`${svc.url}/public/exposures.atom`), 200],
      ["GET /public/exposures.json", fetch(`${svc.url}/public/exposures.json`), 200],
      ["GET /public/blacklist.atom", fetch(`${svc.url}/public/blacklist.atom`), 200],
      ["GET /public/blacklist.json", fetch(`${svc.url}/public/blacklist.json`), 200],
      ["GET /public/closed.atom", fetch(`${svc.url}/public/closed.atom`), 200],
      ["GET /public/closed.json?area=450300", fetch(`${svc.url}/public/closed.json?area=450300`), 200],
      ["GET /no-such-page", fetch(`${svc.url}/no-such-page`), 404],
      ["GET /open311/v2/discovery.json", fetch(`${svc.url}/open311/v2/discovery.json`), 200],
      ["GET /open311/v2/services.xml", fetch(`${svc.url}/open311/v2/services.xml`), 200],
      ["GET /open311/v2/services/fire_safety.json", fetch(`${svc.url}/open311/v2/services/fire_safety.json`), 200],
      ["GET /open311/v2/requests.json", fetch(`${svc.url}/open311/v2/requests.json`), 200],
      ["GET /open311/v2/requests.xml?status=nope", fetch(`${svc.url}/open311/v2/requests.xml?status=nope`), 400],
      ["GET /open311/v2/requests/nothing.xml", fetch(`${svc.url}/open311/v2/requests/nothing.xml`), 404],
      [
        "POST /open311/v2/requests.json (no api_key)",
        fetch(`${svc.url}/open311/v2/requests.json`, form({ service_code: "fire_safety", address_string: "兴宁区", description: "商场安全出口被锁住了" })),
        403,
      ],
      [
        "POST /api/v1/tips/status",
        fetch(`${svc.url}/api/v1/tips/status`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
        400,
      ],
      [
        "POST /api/v1/tips/objection",
        fetch(`${svc.url}/api/v1/tips/objection`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
        400,
      ],
    ];
    for (const [label, pending, status] of pages) {
      const res = await pending;
      expect(res.status, label).toBe(status);
      expectSecurityHeaders(res, label);
      await res.arrayBuffer();
    }
    const status = await fetch(`${svc.url}/track`, form({ code: receipt.trackingCode, secret: receipt.secret }));
    expect(status.headers.get("cache-control")).toBe("no-store");
    expect(status.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await status.text()).toContain(receipt.trackingCode);
  });

  it("admin pages, signed in with password and TOTP: GET and POST, redirects and error pages", async () => {
    const anon = new Browser(svc.url);
    for (const [label, res, status] of [
      ["GET /admin (no session)", await anon.fetch("/admin"), 303],
      ["GET /admin/login", await anon.fetch("/admin/login"), 200],
      ["POST /admin/login (no token)", await anon.post("/admin/login", { username: "x", password: "y" }, { csrf: false }), 403],
    ] as const) {
      expect(res.status, label).toBe(status);
      expectSecurityHeaders(res, label);
    }
    const staff = new Browser(svc.url);
    const login = await staff.login("wire-nanning", totpUri);
    expectSecurityHeaders(login, "POST /admin/login (303)");
    const queue = await staff.fetch("/admin");
    const html = await queue.text();
    const tipId = new RegExp(`href="/admin/tips/(\\d+)"[^>]*>\\s*${receipt.trackingCode}`).exec(html)?.[1] ?? /href="\/admin\/tips\/(\d+)"/.exec(html)?.[1];
    expect(tipId, "a tip on the queue").toBeTruthy();
    for (const path of [
      "/admin",
      "/admin?q=%E6%B6%88%E9%98%B2",
      "/admin?due=overdue&sort=deadline",
      "/admin?due=soon",
      `/admin/tips/${tipId}`,
      "/admin/audit",
      "/admin/units",
      "/admin/enterprises",
      "/admin/campaigns",
      "/admin/rules",
      "/admin/rewards",
      "/admin/rewards?status=all",
      "/admin/tips/999999999",
      "/admin/intake",
      "/admin/intake/999999999/receipt",
      "/admin/tips/999999999/letter",
      "/admin/staff",
      "/admin/tips/export?format=csv",
      "/admin/tips/export?format=xlsx",
      "/admin/account",
      "/admin/inspections",
      "/admin/inspections/new",
      "/admin/inspections/999999999",
      "/admin/password-reset/not-a-live-token-0123456789",
      "/admin/no-such-page",
    ]) {
      const res = await staff.fetch(path);
      expect([200, 404], path).toContain(res.status);
      expectSecurityHeaders(res, `GET ${path} (${res.status})`);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
      await res.arrayBuffer();
    }
    // open311: api_keys are the admins' alone; a committee account is refused with the same headers.
    const keys = await staff.fetch("/admin/open311-keys");
    expect(keys.status, "GET /admin/open311-keys (committee)").toBe(403);
    expectSecurityHeaders(keys, "GET /admin/open311-keys (403)");
    expect(keys.headers.get("cache-control")).toBe("no-store");
    await keys.arrayBuffer();
    const accepted = await staff.post(`/admin/tips/${tipId}/accept`, {});
    expect(accepted.status).toBe(303);
    expectSecurityHeaders(accepted, "POST accept (303)");
    // unit-import: the unit CSV upload answers with the units page (a refused row here: nothing created).
    const unitImport = await staff.post("/admin/units/import", { csv: "name,jurisdiction_code,kind\n不存在的单位,450102,衙门\n" });
    expect([400, 403], "POST /admin/units/import").toContain(unitImport.status);
    expectSecurityHeaders(unitImport, `POST /admin/units/import (${unitImport.status})`);
    expect(unitImport.headers.get("cache-control")).toBe("no-store");
    await unitImport.arrayBuffer();
    const forged = await staff.post(`/admin/tips/${tipId}/accept`, {}, { csrf: false });
    expect(forged.status).toBe(403);
    expectSecurityHeaders(forged, "POST without the CSRF token (403)");
  });

  it("unit desk pages: sign-in at /desk/login, the duties page, error pages, a committee account's refusal", async () => {
    const anon = new Browser(svc.url);
    for (const [label, res, status] of [
      ["GET /desk (no session)", await anon.fetch("/desk"), 303],
      ["GET /desk/login", await anon.fetch("/desk/login"), 200],
      ["POST /desk/login (no token)", await anon.post("/desk/login", { username: "x", password: "y" }, { csrf: false }), 403],
      ["GET /desk/in/<token> (SMS sign-in link)", await anon.fetch(`/desk/in/${"A".repeat(22)}`), 200],
      ["POST /desk/in/<unknown token>", await anon.post(`/desk/in/${"A".repeat(22)}`, {}, { csrf: false }), 410],
    ] as const) {
      expect(res.status, label).toBe(status);
      expectSecurityHeaders(res, label);
      await res.arrayBuffer();
    }
    const unit = new Browser(svc.url);
    const token = hiddenCsrf(await (await unit.fetch("/desk/login")).text());
    const login = await unit.fetch("/desk/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: svc.url },
      body: new URLSearchParams({ _csrf: token, username: "wire-unit", password: STAFF_PASSWORD }),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/desk");
    expectSecurityHeaders(login, "POST /desk/login (303)");
    const desk = await unit.fetch("/desk");
    expect(desk.status).toBe(200);
    unit.csrf = hiddenCsrf(await desk.text());
    expectSecurityHeaders(desk, "GET /desk");
    expect(desk.headers.get("cache-control")).toBe("no-store");
    for (const [label, res, status] of [
      ["GET /desk/figures/999999999", await unit.fetch("/desk/figures/999999999"), 404],
      ["GET /desk/no-such-page", await unit.fetch("/desk/no-such-page"), 404],
      ["GET /desk/inspections/new", await unit.fetch("/desk/inspections/new"), 200],
      ["POST /desk/inspections (nothing chosen)", await unit.post("/desk/inspections", {}), 400],
      ["POST /desk/duties/999999999/done", await unit.post("/desk/duties/999999999/done", {}), 404],
      ["POST /desk/figures/999999999 (no token)", await unit.post("/desk/figures/999999999", {}, { csrf: false }), 403],
      ["GET /desk?q=%00", await unit.fetch("/desk?q=%00"), 400],
    ] as const) {
      expect(res.status, label).toBe(status);
      expectSecurityHeaders(res, label);
      await res.arrayBuffer();
    }
    const committee = new Browser(svc.url);
    await committee.login("wire-guilin");
    const refused = await committee.fetch("/desk");
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused, "GET /desk (committee, 403)");
    expect(await refused.text()).toContain('href="/admin"');
  });

  it("unknown tip actions, including Object.prototype names, are 404 and change nothing", async () => {
    const staff = new Browser(svc.url);
    await staff.login("wire-nanning", totpUri);
    const html = await (await staff.fetch("/admin")).text();
    const tipId = /href="\/admin\/tips\/(\d+)"/.exec(html)![1];
    const before = await (await staff.fetch(`/admin/tips/${tipId}`)).text();
    for (const action of ["__proto__", "hasOwnProperty", "valueOf", "constructor", "toString", "isPrototypeOf", "nope"]) {
      const res = await staff.post(`/admin/tips/${tipId}/${action}`, { reason: "理由理由" });
      expect(res.status, action).toBe(404);
      expectSecurityHeaders(res, `POST ${action} (404)`);
      await res.arrayBuffer();
    }
    const after = await (await staff.fetch(`/admin/tips/${tipId}`)).text();
    expect(after.split("<li").length, "no event was added").toBe(before.split("<li").length);
  });

  it("a 南宁 committee member sees nothing of 桂林 on the audit page or by id; a NUL in the search is a 400", async () => {
    const guilin = new Browser(svc.url);
    await guilin.login("wire-guilin");
    const queue = await (await guilin.fetch("/admin")).text();
    const guilinTipId = /href="\/admin\/tips\/(\d+)"/.exec(queue)![1];
    expect(queue).toContain(guilinReceipt.trackingCode);
    const rejected = await guilin.post(`/admin/tips/${guilinTipId}/reject`, { reason: "桂林驳回理由：重复举报" });
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get("location")).toContain("done=");

    const nanning = new Browser(svc.url);
    await nanning.login("wire-nanning", totpUri);
    const audit = await nanning.fetch("/admin/audit");
    expect(audit.status).toBe(200);
    const text = await audit.text();
    expect(text).not.toContain("桂林驳回理由");
    expect(text).not.toContain("wire-guilin");
    expect(text).not.toContain(`/admin/tips/${guilinTipId}"`);
    expect((await nanning.fetch(`/admin/tips/${guilinTipId}`)).status).toBe(404);
    expect((await nanning.post(`/admin/tips/${guilinTipId}/accept`, {})).status).toBe(404);
    // 桂林 itself sees its entry.
    expect(await (await guilin.fetch("/admin/audit")).text()).toContain("桂林驳回理由");

    for (const path of ["/admin?q=%00", "/admin/enterprises?q=a%00b"]) {
      const res = await nanning.fetch(path);
      expect(res.status, path).toBe(400);
      expectSecurityHeaders(res, `GET ${path} (400)`);
      await res.arrayBuffer();
    }
  });
});
