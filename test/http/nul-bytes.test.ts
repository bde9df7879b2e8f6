import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createApp } from "../../src/http/app.js";
import { enterprises, tips } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { cookieHeader, hiddenCsrf, login, makeStaff, ORIGIN, post } from "./admin-support.js";

const GATEWAY_SECRET = "gateway-shared-secret-nul";
const TIP_TEXT = "南宁市兴宁区某工厂\u0000夜里偷排废气，附近居民头晕";
const sign = (body: string) => createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex");

/**
 * PostgreSQL refuses U+0000 in text: every way a NUL can arrive from outside is either stripped (a tip's
 * own words: the tip is kept) or refused with a 400 (identifiers, search terms), never a 500 or a 503.
 */
describe.each(DB_KINDS)("NUL bytes at the edge on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let staff: { cookie: string; csrf: string };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { SMS_GATEWAY_SECRET: GATEWAY_SECRET } });
    app = createApp({ deps });
    await makeStaff(deps, { username: "nul-committee", role: "committee", jurisdictionCode: "450100" });
    staff = await login(app, "nul-committee");
  }, 120_000);
  afterAll(async () => database?.close());

  const storedText = async (trackingCode: string) => (await deps.db.select({ text: tips.text }).from(tips).where(eq(tips.trackingCode, trackingCode)))[0]?.text;

  it("a NUL in a username on /admin/login is a refused sign-in, not a 500", async () => {
    const page = await app.request("/admin/login");
    const cookie = cookieHeader(page);
    const res = await post(app, "/admin/login", { _csrf: hiddenCsrf(await page.text()), username: "a\u0000b", password: "whatever whatever" }, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("输入不完整或不正确");
  });

  it("?q=%00 on the queue and the enterprise search answers 400 in the staff member's language", async () => {
    for (const path of ["/admin?q=%00", "/admin?q=a%00b&status=received", "/admin/enterprises?q=%00", "/admin/units?jurisdiction=4501%00"]) {
      const res = await app.request(path, { headers: { Cookie: staff.cookie } });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain("输入不完整或不正确");
    }
  });

  it("a NUL in an admin form field (a reason, a rule) is a 400, and nothing is written", async () => {
    const res = await post(
      app,
      "/admin/rules/set",
      { _csrf: staff.csrf, jurisdictionCode: "450102", sectorCode: "fire", unitId: "1", reason: "理由\u0000理由" },
      staff.cookie,
    );
    expect(res.status).toBe(400);
  });

  it("an enterprise CSV with a NUL is refused with a clear error; nothing is imported", async () => {
    const credit = "91450102MA0000N01" + creditCodeCheckChar("91450102MA0000N01");
    const csv = `name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted\n南宁某\u0000化工厂,${credit},hazardous_chemicals,450102,county,average,0\n`;
    const form = new FormData();
    form.set("_csrf", staff.csrf);
    form.set("file", new File([csv], "e.csv", { type: "text/csv" }));
    const res = await app.request("/admin/enterprises/import", { method: "POST", body: form, headers: { Origin: ORIGIN, Cookie: staff.cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("UTF-8");
    expect(await deps.db.select().from(enterprises).where(eq(enterprises.creditCode, credit))).toEqual([]);
    // The same row without the NUL is imported: the refusal above was about the NUL alone.
    const clean = new FormData();
    clean.set("_csrf", staff.csrf);
    clean.set("file", new File([csv.replace("\u0000", "")], "e.csv", { type: "text/csv" }));
    expect((await app.request("/admin/enterprises/import", { method: "POST", body: clean, headers: { Origin: ORIGIN, Cookie: staff.cookie } })).status).toBe(
      200,
    );
    const inline = await post(app, "/admin/enterprises/import", { _csrf: staff.csrf, csv }, staff.cookie);
    expect(inline.status).toBe(400);
  });

  it("the web form keeps a tip whose text carries a NUL, without the NUL", async () => {
    const form = new URLSearchParams({ text: TIP_TEXT, place: "南宁市\u0000兴宁区", contact: "138\u000000138000", formToken: "" });
    const res = await app.request("/tips", { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    const code = /([A-Z0-9]{3,}-[A-Z0-9-]+)/.exec(await res.text())?.[1];
    expect(code).toBeTruthy();
  });

  it("the API keeps a tip whose text carries a NUL; a NUL in a receipt code is not found, one in the URL refused", async () => {
    const res = await app.request("/api/v1/tips", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "nul-test-key-0001" },
      body: JSON.stringify({ text: TIP_TEXT, place: "南宁\u0000", enterprise: "某\u0000厂", contact: "1\u00002" }),
    });
    expect(res.status).toBe(201);
    const { trackingCode, secret } = (await res.json()) as { trackingCode: string; secret: string };
    expect(await storedText(trackingCode)).toBe(TIP_TEXT.replace("\u0000", ""));
    // A receipt code is checked against its format before any query: one with a NUL is simply not found.
    const status = await app.request("/api/v1/tips/status", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ trackingCode: `${trackingCode}\u0000`, secret }),
    });
    expect(status.status).toBe(404);
    expect((await app.request("/api/v1/tips/status?x=%00", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(400);
    const info = await app.request("/api/v1/tips/info", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ trackingCode, secret, text: "补充\u0000信息：夜里两点开始排放" }),
    });
    expect(info.status).toBe(201);
    const badKey = await app.request("/api/v1/tips", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "nul-key-%00" },
      body: JSON.stringify({ text: TIP_TEXT }),
    });
    expect(badKey.status).not.toBe(500);
  });

  it("the /track page answers a NUL in the code with its not-found page, not a 500", async () => {
    const res = await app.request("/track", {
      method: "POST",
      body: new URLSearchParams({ code: "ABC\u0000", secret: "x\u0000y" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
  });

  it("a signed gateway SMS: a NUL in the text keeps the tip, a NUL id or sender is a 400 (not a 503 retried for ever)", async () => {
    const good = JSON.stringify({ from: "+8613900139077", text: TIP_TEXT, id: "gw-nul-1" });
    const res = await app.request("/sms/inbound", { method: "POST", headers: { "content-type": "application/json", "x-signature": sign(good) }, body: good });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reply: string }).reply).toMatch(/查询码/);
    for (const body of [
      JSON.stringify({ from: "+8613900139078", text: TIP_TEXT, id: "\u0000" }),
      JSON.stringify({ from: "+86139\u000000139078", text: TIP_TEXT, id: "gw-nul-2" }),
    ]) {
      const r = await app.request("/sms/inbound", { method: "POST", headers: { "content-type": "application/json", "x-signature": sign(body) }, body });
      expect(r.status, body).toBe(400);
    }
  });
});
