import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Deps } from "../../src/app/deps.js";
import { createApp } from "../../src/http/app.js";
import { staffUsers } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { cookieHeader, hiddenCsrf, login, makeStaff, post, STAFF_PASSWORD } from "./admin-support.js";

describe.each(DB_KINDS)("/admin/staff, /admin/account and the reset page on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  it("the login page says how the first account is made while none exists, and stops saying it after", async () => {
    const empty = await (await app.request("/admin/login")).text();
    expect(empty).toContain('id="first-account"');
    expect(empty).toContain("npm run cli -- admin:create");
    await makeStaff(deps, { username: "hs-committee", role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "hs-unit", role: "unit", unit: "450102:emergency" });
    expect(await (await app.request("/admin/login")).text()).not.toContain('id="first-account"');
  });

  it("committee staff manage their own city's accounts; unit staff get a 404", async () => {
    const committee = await login(app, "hs-committee");
    const page = await app.request("/admin/staff", { headers: { Cookie: committee.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-username="hs-unit"');
    expect(html).not.toContain('<option value="admin"');
    const unit = await login(app, "hs-unit");
    expect((await app.request("/admin/staff", { headers: { Cookie: unit.cookie } })).status).toBe(404);
    const made = await post(
      app,
      "/admin/staff",
      { _csrf: committee.csrf, username: "hs-admin", password: "correct horse battery staple 99", role: "admin" },
      committee.cookie,
    );
    expect(made.status).toBe(403);
  });

  it("an account enrols TOTP on its own page; then signing in needs the code", async () => {
    const unit = await login(app, "hs-unit");
    const start = await post(app, "/admin/account/totp", { _csrf: unit.csrf }, unit.cookie);
    expect(start.status).toBe(200);
    const html = await start.text();
    const sealed = /name="sealed" value="([^"]+)"/.exec(html)![1];
    const secret = /<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(html)![1];
    const [before] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "hs-unit"));
    expect(before.totpSecretEnc).toBeNull();
    const wrong = await post(app, "/admin/account/totp/confirm", { _csrf: unit.csrf, sealed, code: "000000" }, unit.cookie);
    expect(wrong.status).toBe(400);
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const ok = await post(app, "/admin/account/totp/confirm", { _csrf: unit.csrf, sealed, code }, unit.cookie);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin/account?done=totp");
    const page = await app.request("/admin/login");
    const res = await post(app, "/admin/login", { _csrf: hiddenCsrf(await page.text()), username: "hs-unit", password: STAFF_PASSWORD }, cookieHeader(page));
    expect(res.status).toBe(401);
  });

  it("a reset link that does not exist is a 404 page, and its form is refused without the token cookie", async () => {
    const res = await app.request("/admin/password-reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("已失效");
    const forged = await post(app, "/admin/password-reset/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", { _csrf: "x", password: "whatever long enough 1" }, "");
    expect(forged.status).toBe(403);
  });
});
