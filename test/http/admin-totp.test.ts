import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TOTP, URI } from "otpauth";
import type { Deps } from "../../src/app/deps.js";
import { THROTTLE } from "../../src/app/staff/login-throttle.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { cookieHeader, hiddenCsrf, makeStaff, ORIGIN, STAFF_PASSWORD } from "./admin-support.js";

/** A fixed clock: codes are generated for the very instant the server checks them. */
const NOW = new Date("2025-06-02T02:00:00Z");

/**
 * The route derives the throttle's client key from Node's socket address (c.env.incoming.socket), or
 * on Workers from CF-Connecting-IP; app.request's third argument is that env, so a test can pose as
 * any client. X-Forwarded-For counts only with TRUST_PROXY.
 */
const nodeEnv = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe.each(DB_KINDS)("admin TOTP and per-client throttling on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let totp: TOTP;

  /** One sign-in through the real form, from one client. */
  const attempt = async (
    form: { username: string; password?: string; totp?: string },
    env: object = nodeEnv("203.0.113.1"),
    headers: Record<string, string> = {},
  ) => {
    const page = await app.request("/admin/login", {}, env);
    const body = new URLSearchParams({ _csrf: hiddenCsrf(await page.text()), username: form.username, password: form.password ?? STAFF_PASSWORD });
    if (form.totp !== undefined) body.set("totp", form.totp);
    return app.request(
      "/admin/login",
      {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookieHeader(page), ...headers },
      },
      env,
    );
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => NOW });
    app = createApp({ deps });
    const created = await makeStaff(deps, { username: "tina", role: "committee", jurisdictionCode: "450100", totp: true });
    expect(created.totpUri).toMatch(/^otpauth:\/\/totp\//);
    totp = URI.parse(created.totpUri!) as TOTP;
    await makeStaff(deps, { username: "paul", role: "committee", jurisdictionCode: "450100" });
  }, 240_000);
  afterAll(async () => database?.close());

  it("signs a TOTP-enrolled user in only with the current code", async () => {
    const client = nodeEnv("203.0.113.10");
    const missing = await attempt({ username: "tina" }, client);
    expect(missing.status).toBe(401);
    expect(await missing.text()).toContain("请输入身份验证器中的动态验证码");
    expect(missing.headers.getSetCookie().some((c) => c.startsWith("jubao_admin="))).toBe(false);

    const wrongCode = String((Number(totp.generate({ timestamp: NOW.getTime() })) + 1) % 1_000_000).padStart(6, "0");
    expect((await attempt({ username: "tina", totp: wrongCode }, client)).status).toBe(401);
    const stale = totp.generate({ timestamp: NOW.getTime() - 10 * 60_000 });
    expect((await attempt({ username: "tina", totp: stale }, client)).status).toBe(401);
    // A correct code never rescues a wrong password.
    expect((await attempt({ username: "tina", password: "wrong password here", totp: totp.generate({ timestamp: NOW.getTime() }) }, client)).status).toBe(401);

    const ok = await attempt({ username: "tina", totp: totp.generate({ timestamp: NOW.getTime() }) }, client);
    expect(ok.status).toBe(303);
    const cookie = cookieHeader(ok);
    expect(cookie).toMatch(/jubao_admin=/);
    expect((await app.request("/admin", { headers: { Cookie: cookie } }, client)).status).toBe(200);
  });

  it("counts missing and wrong codes as failures: the account locks, and then even the right code is refused", async () => {
    const client = nodeEnv("203.0.113.20");
    // The previous test's success cleared tina's account count; five bad second factors lock it again.
    const bad = [undefined, "000000", "123456", undefined, "999999"].filter((c) => c !== totp.generate({ timestamp: NOW.getTime() }));
    for (const code of bad) expect((await attempt({ username: "tina", totp: code }, client)).status).toBe(401);
    for (let i = bad.length; i < THROTTLE.accountAttempts; i++) expect((await attempt({ username: "tina", totp: "000001" }, client)).status).toBe(401);
    const locked = await attempt({ username: "tina", totp: totp.generate({ timestamp: NOW.getTime() }) }, nodeEnv("203.0.113.21"));
    expect(locked.status).toBe(429);
    // The lock ends with its window.
    const later = new Date(NOW.getTime() + THROTTLE.lockMs + 60_000);
    const laterApp = createApp({ deps: { ...deps, clock: () => later } });
    const page = await laterApp.request("/admin/login", {}, client);
    const res = await laterApp.request(
      "/admin/login",
      {
        method: "POST",
        body: new URLSearchParams({
          _csrf: hiddenCsrf(await page.text()),
          username: "tina",
          password: STAFF_PASSWORD,
          totp: totp.generate({ timestamp: later.getTime() }),
        }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookieHeader(page) },
      },
      client,
    );
    expect(res.status).toBe(303);
  });

  it("limits failures per client across many usernames, before hashing; another client is unaffected", async () => {
    const sprayer = nodeEnv("198.51.100.7");
    for (let i = 0; i < THROTTLE.clientAttempts; i++) {
      // Each username stays far below the per-account limit: only the client bound can stop this.
      expect((await attempt({ username: `spray${i}`, password: `guess number ${i}` }, sprayer)).status).toBe(401);
    }
    // The right password of a real account is refused too: the client bound is checked before hashing.
    const refused = await attempt({ username: "paul" }, sprayer);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("尝试次数过多");
    // A forged CF-Connecting-IP does not escape the socket address on Node.
    expect((await attempt({ username: "paul" }, sprayer, { "CF-Connecting-IP": "192.0.2.99" })).status).toBe(429);

    // Nor does X-Forwarded-For, which anyone can send, unless TRUST_PROXY says a proxy wrote it.
    expect((await attempt({ username: "paul" }, sprayer, { "X-Forwarded-For": "198.51.100.9" })).status).toBe(429);

    // paul's own account was never failed, so the same password works from another client.
    expect((await attempt({ username: "paul" }, nodeEnv("198.51.100.8"))).status).toBe(303);

    // Behind one trusted proxy the client is the address the proxy appended (the right-most entry):
    // the sprayer cannot escape by inventing entries to its left, and others sharing the proxy are not locked out.
    app = createApp({ deps: testDeps(database, { clock: () => NOW, env: { TRUST_PROXY: "1" } }) });
    try {
      const proxy = nodeEnv("10.0.0.2");
      expect((await attempt({ username: "paul" }, proxy, { "X-Forwarded-For": "203.0.113.9, 198.51.100.7" })).status).toBe(429);
      expect((await attempt({ username: "paul" }, sprayer, { "X-Forwarded-For": "198.51.100.10" })).status).toBe(303);
    } finally {
      app = createApp({ deps });
    }
  }, 120_000);

  it("on Workers (no socket) keys the client by CF-Connecting-IP", async () => {
    const cf = (ip: string) => ({ "CF-Connecting-IP": ip });
    for (let i = 0; i < THROTTLE.clientAttempts; i++) {
      expect((await attempt({ username: `cf${i}`, password: `guess number ${i}` }, {}, cf("192.0.2.50"))).status).toBe(401);
    }
    expect((await attempt({ username: "paul" }, {}, cf("192.0.2.50"))).status).toBe(429);
    expect((await attempt({ username: "paul" }, {}, cf("192.0.2.51"))).status).toBe(303);
  }, 120_000);
});
