import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createApp } from "../../src/http/app.js";
import { loginThrottle, staffSessions, staffUsers } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { cookieHeader, hiddenCsrf, login, makeStaff, post } from "./admin-support.js";

describe.each(DB_KINDS)("admin sign-in and protections on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "alice", role: "committee", jurisdictionCode: "450100" });
  }, 240_000);
  afterAll(async () => database?.close());

  it("stores only a scrypt hash, refuses weak passwords", async () => {
    const [u] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "alice"));
    expect(u.passwordHash).toMatch(/^scrypt\$17\$8\$1\$/);
    const { createStaff } = await import("../../src/app/staff/create-staff.js");
    await expect(createStaff(deps, { username: "bob", role: "viewer", jurisdictionCode: "450100", password: "short" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(createStaff(deps, { username: "bob", role: "viewer", jurisdictionCode: "450100", password: "bob-bob-bob-bob-bob" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("signs in with a HttpOnly SameSite=Strict session cookie stored as a hash, and sends strict security headers", async () => {
    const { cookie, loginResponse } = await login(app, "alice");
    const setCookie = loginResponse.headers.getSetCookie().find((c) => c.startsWith("jubao_admin="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is not https here
    const id = /jubao_admin=([^;]+)/.exec(setCookie)![1];
    const sessions = await deps.db.select().from(staffSessions);
    expect(sessions.some((s) => s.idHash === id)).toBe(false);
    expect(sessions.some((s) => s.idHash === deps.crypto.hash("staff-session", id))).toBe(true);

    const res = await app.request("/admin", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const csp = res.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.text()).not.toMatch(/<script/i);
  });

  it("marks the cookie Secure (and __Host-) when PUBLIC_URL is https", async () => {
    const secureApp = createApp({ deps: testDeps(database, { env: { PUBLIC_URL: "https://jubao.example.org" } }) });
    const page = await secureApp.request("https://jubao.example.org/admin/login");
    const res = await secureApp.request("https://jubao.example.org/admin/login", {
      method: "POST",
      body: new URLSearchParams({ _csrf: hiddenCsrf(await page.text()), username: "alice", password: "correct horse battery staple 42" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://jubao.example.org", Cookie: cookieHeader(page) },
    });
    expect(res.status).toBe(303);
    const c = res.headers.getSetCookie().find((x) => x.startsWith("__Host-jubao_admin="))!;
    expect(c).toMatch(/Secure/);
    expect(c).toMatch(/HttpOnly/);
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("rejects forms without the CSRF token or from another origin with 403, and nothing changes", async () => {
    const { cookie, csrf } = await login(app, "alice");
    expect((await post(app, "/admin/logout", {}, cookie)).status).toBe(403);
    expect((await post(app, "/admin/logout", { _csrf: "wrong" }, cookie)).status).toBe(403);
    expect((await post(app, "/admin/logout", { _csrf: csrf }, cookie, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await app.request("/admin", { headers: { Cookie: cookie } })).status).toBe(200);
    const page = await app.request("/admin/login");
    expect((await post(app, "/admin/login", { username: "alice", password: "correct horse battery staple 42" }, cookieHeader(page))).status).toBe(403);
  });

  it("logs out by revoking the session server-side", async () => {
    const { cookie, csrf } = await login(app, "alice");
    const out = await post(app, "/admin/logout", { _csrf: csrf }, cookie);
    expect(out.status).toBe(303);
    const after = await app.request("/admin", { headers: { Cookie: cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get("Location")).toBe("/admin/login");
  });

  it("throttles wrong passwords per account before hashing, then refuses even the right one; keys are hashes", async () => {
    await makeStaff(deps, { username: "carol", role: "committee", jurisdictionCode: "450100" });
    const attempt = async (password: string) => {
      const page = await app.request("/admin/login");
      return post(app, "/admin/login", { _csrf: hiddenCsrf(await page.text()), username: "carol", password }, cookieHeader(page));
    };
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong password ${i}`)).status).toBe(401);
    const started = Date.now();
    const locked = await attempt("correct horse battery staple 42");
    expect(locked.status).toBe(429);
    expect(Date.now() - started).toBeLessThan(2_000); // refused without a 0.5 s scrypt hash (generous bound)
    const rows = await deps.db.select().from(loginThrottle);
    expect(rows.some((r) => r.key.includes("carol"))).toBe(false);
    expect(rows.every((r) => /^(account|client):[A-Za-z0-9_-]+$/.test(r.key))).toBe(true);
    const unauth = await app.request("/admin", { redirect: "manual" });
    expect(unauth.status).toBe(303);
  });
});
