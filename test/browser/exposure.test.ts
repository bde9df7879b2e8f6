import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { importEnterprises } from "../../src/app/enterprises/import-enterprises.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { CLI_ACTOR } from "../../src/app/staff/actor.js";
import { createApp } from "../../src/http/app.js";
import { enterprises, tips } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const AVAILABLE = existsSync(CHROMIUM);
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
if (!AVAILABLE)
  console.warn(
    REQUIRED
      ? `[jubao tests] ${CHROMIUM} is missing and JUBAO_BROWSER_REQUIRED=1: the browser test will fail.`
      : `[jubao tests] ${CHROMIUM} is missing: the 曝光台 browser test is SKIPPED.`,
  );
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PASSWORD = "correct horse battery staple 42";
const FIRST = "91450102MA5B00001";
const CREDIT = FIRST + creditCodeCheckChar(FIRST);

describe.runIf(AVAILABLE || REQUIRED)("曝光台 and 黑名单 in headless Chromium, no JavaScript", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  let tipId = 0;

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database);
    for (const username of ["alice", "bob"])
      await createStaff(deps, { username, displayName: username, role: "committee", jurisdictionCode: "450100", password: PASSWORD });
    const csv = `name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted\n南宁市兴宁区某某商贸有限公司,${CREDIT},fire_safety,450102,county,good,no\n`;
    expect(await importEnterprises(deps, CLI_ACTOR, { csv })).toMatchObject({ ok: true });
    const tip = await submitTip(deps, {
      channel: "web",
      text: "某某商贸有限公司仓库消防通道被货物堵死，安全出口上锁",
      jurisdictionCode: "450102",
      sector: "fire_safety",
    });
    tipId = tip.tipId;
    // What the router stores when it matches the enterprise a tip names (tips.enterprise_id).
    const [e] = await deps.db.select().from(enterprises).where(eq(enterprises.creditCode, CREDIT));
    await deps.db.update(tips).set({ enterpriseId: e.id }).where(eq(tips.id, tip.tipId));
    const app = createApp({ deps });
    base = await new Promise<string>((resolve) => {
      http = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (http ? http.close(r) : r(undefined)));
    await database?.close();
  });

  const signIn = async (username: string, width = 1280): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", username);
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);
    await page.close();
    return context;
  };
  const fits = (page: import("playwright-core").Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("publish → visible on /public at 390 px → withdraw → gone with a notice", async () => {
    const alice = await (await signIn("alice")).newPage();
    await alice.goto(`${base}/admin/exposure`);
    await alice.selectOption("#prepare select[name=kind]", "violation");
    await alice.selectOption("#prepare select[name=source]", "manual");
    await alice.fill("#prepare input[name=creditCode]", CREDIT);
    await alice.fill("#prepare input[name=occurredOn]", new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await alice.fill("#prepare textarea[name=findings]", "仓库消防通道被货物长期占用，安全出口上锁");
    await alice.fill("#prepare textarea[name=measures]", "责令立即改正，罚款三万元");
    await Promise.all([alice.waitForURL(/done=1/), alice.click("#prepare button[type=submit]")]);
    const row = alice.locator("#exposures tbody tr").first();
    expect(await row.textContent()).toContain("等待另一人审核");
    expect(await row.locator("button").count()).toBe(0);

    const bob = await (await signIn("bob")).newPage();
    await bob.goto(`${base}/admin/exposure`);
    await Promise.all([bob.waitForURL(/done=1/), bob.locator("#exposures tbody tr").first().locator("button:has-text('审核并发布')").click()]);
    expect(await bob.locator("#exposures tbody tr").first().textContent()).toContain("已发布");

    const publicContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled: false });
    const phone = await publicContext.newPage();
    await phone.goto(`${base}/public`);
    const entry = phone.locator("#exposures li.entry").first();
    expect(await entry.textContent()).toContain("仓库消防通道被货物长期占用");
    expect(await entry.textContent()).toContain("南宁市兴宁区某某商贸有限公司");
    expect(await fits(phone)).toBe(true);
    // The page renders: a real PNG with more than one colour band's worth of bytes.
    const shot = await phone.screenshot({ fullPage: true });
    expect(shot.subarray(1, 4).toString()).toBe("PNG");
    expect(shot.byteLength).toBeGreaterThan(10_000);
    await phone.goto(`${base}/public?lang=en`);
    expect(await fits(phone)).toBe(true);

    await bob.goto(`${base}/admin/exposure`);
    const published = bob.locator("#exposures tbody tr").first();
    await published.locator("input[name=reason]").fill("企业已申请复核");
    await Promise.all([bob.waitForURL(/done=1/), published.locator("button:has-text('撤回')").click()]);
    await phone.goto(`${base}/public?lang=zh-CN`);
    const notice = await phone.locator("#exposures li.entry").first().textContent();
    expect(notice).toMatch(/此条曝光已于 \d{4}-\d{2}-\d{2} 撤回。/);
    expect(await phone.content()).not.toContain("仓库消防通道被货物长期占用");
    await publicContext.close();
  }, 90_000);

  it("a listing shows on the enterprise page, flags the tip in the queue and on its page, and on /public at 390 px", async () => {
    const context = await signIn("alice");
    const page = await context.newPage();
    await page.goto(`${base}/admin/blacklist`);
    await page.fill("#add input[name=creditCode]", CREDIT);
    await page.fill("#add input[name=legalBasis]", "《安全生产法》第一百一十二条");
    await page.fill("#add input[name=listingUnit]", "南宁市应急管理局");
    await page.fill("#add input[name=startsOn]", "2026-11-01");
    await page.fill("#add input[name=plannedEndOn]", "2027-10-31");
    await page.fill("#add textarea[name=reason]", "拒不执行停产整改决定");
    await Promise.all([page.waitForURL(/done=1/), page.click("#add button[type=submit]")]);

    const [e] = await deps.db.select().from(enterprises).where(eq(enterprises.creditCode, CREDIT));
    expect(e).toMatchObject({ blacklisted: true, riskClass: "poor" });
    await page.goto(`${base}/admin/enterprises/${e.id}`);
    expect(await page.locator("#blacklisted-banner").isVisible()).toBe(true);
    expect(await page.locator("#blacklist table").textContent()).toContain("拒不执行停产整改决定");
    await page.goto(`${base}/admin`);
    expect(await page.locator(`#queue tr[data-tip-id="${tipId}"] .blacklisted`).textContent()).toContain("黑名单企业");
    await page.goto(`${base}/admin/tips/${tipId}`);
    expect(await page.locator("#tip-blacklisted").textContent()).toContain("黑名单企业");

    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })).newPage();
    await phone.goto(`${base}/public?area=450102`);
    expect(await phone.locator("#blacklist li.entry").first().textContent()).toContain("拒不执行停产整改决定");
    expect(await fits(phone)).toBe(true);
    const narrowAdmin = await (await signIn("bob", 390)).newPage();
    await narrowAdmin.goto(`${base}/admin/enterprises/${e.id}`);
    expect(await fits(narrowAdmin)).toBe(true);
  }, 90_000);
});
