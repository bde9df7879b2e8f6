import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { cliCreateStaff, STAFF_PASSWORD } from "../deployed/http-support.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the staff-and-units browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );

const INITIAL = "first day at the office 1";
const CHANGED = "my own choice of words 2";
const FROM_LINK = "set through the link 3";

/**
 * On the real `npm start` process, in headless Chromium: an admin creates 岐山办事处 under 衡南县
 * (430422) and a unit account for it; the account signs in with its initial password, changes it,
 * sets another through a one-time reset link; the admin disables it, and its open session and any new
 * sign-in are refused.
 */
describe.runIf(AVAILABLE || REQUIRED).each(DB_KINDS)("staff accounts and units in Chromium (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  let browser: Browser;

  beforeAll(async () => {
    db = await serviceDb(kind);
    await cliCreateStaff(db.env, ["--username", "su-admin", "--role", "admin"]);
    svc = await startService(db.env);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  const signIn = async (page: Page, username: string, password: string) => {
    await page.goto(`${svc.url}/admin/login`);
    await page.fill("input[name=username]", username);
    await page.fill("input[name=password]", password);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[type=submit]")]);
    await page.waitForLoadState();
  };

  it("admin creates 岐山办事处 and its account; the account changes its password, uses a reset link, is disabled and refused", async () => {
    const errors: string[] = [];
    const adminContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const admin = await adminContext.newPage();
    admin.on("pageerror", (e) => errors.push(e.message));
    await signIn(admin, "su-admin", STAFF_PASSWORD);
    expect(new URL(admin.url()).pathname).toBe("/admin");

    // The unit, under 衡南县, with the fireworks sector routed to it.
    await admin.goto(`${svc.url}/admin/units?jurisdiction=430422`);
    expect(await admin.locator("tr.no-unit", { hasText: "衡州监狱" }).count(), "a prison is shown without a unit").toBe(1);
    await admin.fill("#create-unit input[name=name]", "岐山办事处");
    expect(await admin.inputValue("#create-unit input[name=jurisdictionCode]")).toBe("430422");
    await admin.selectOption("#create-unit select[name=kind]", "township");
    await admin.check("#create-unit input[name=sectors][value=fireworks]");
    await admin.check("#create-unit input[name=route]");
    await Promise.all([admin.waitForURL(/\/admin\/units\/\d+\?done=created/), admin.click("#create-unit button[type=submit]")]);
    expect(await admin.locator("h1").textContent()).toContain("岐山办事处");
    const key = (await admin.locator("h1 small").textContent())!.trim();
    expect(key).toMatch(/^430422:u\d+$/);
    mkdirSync(SHOTS, { recursive: true });
    await admin.screenshot({ path: join(SHOTS, "admin-unit-created.png"), fullPage: true });

    // Its account, role unit, with an initial password.
    await admin.goto(`${svc.url}/admin/staff`);
    const create = admin.locator("form[action='/admin/staff']");
    await create.locator("input[name=username]").fill("qishan");
    await create.locator("input[name=displayName]").fill("岐山办事处联络员");
    await create.locator("input[name=password]").fill(INITIAL);
    await create.locator("select[name=role]").selectOption("unit");
    await create.locator("input[name=unit]").fill(key);
    await Promise.all([admin.waitForResponse((r) => r.request().method() === "POST"), create.locator("button[type=submit]").click()]);
    await admin.waitForLoadState();
    expect(await admin.locator(".flash").first().textContent()).toContain("qishan");
    expect(await admin.locator("tr[data-username=qishan]").textContent()).toContain("岐山办事处");

    // The account signs in with the initial password and changes it (the current one required).
    const unitContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const unit = await unitContext.newPage();
    unit.on("pageerror", (e) => errors.push(e.message));
    await signIn(unit, "qishan", INITIAL);
    expect(new URL(unit.url()).pathname).toBe("/admin");
    await unit.goto(`${svc.url}/admin/account`);
    await unit.fill("input[name=current]", "not the current one at all");
    await unit.fill("form[action='/admin/account/password'] input[name=password]", CHANGED);
    await Promise.all([unit.waitForResponse((r) => r.request().method() === "POST"), unit.click("form[action='/admin/account/password'] button[type=submit]")]);
    await unit.waitForLoadState();
    expect(await unit.locator(".flash.err").textContent()).toContain("当前密码不正确");
    await unit.fill("input[name=current]", INITIAL);
    await unit.fill("form[action='/admin/account/password'] input[name=password]", CHANGED);
    await Promise.all([unit.waitForURL(/done=password/), unit.click("form[action='/admin/account/password'] button[type=submit]")]);
    expect(await unit.locator(".flash.ok").textContent()).toContain("密码已修改");

    // The admin makes a one-time reset link; it sets a new password once, then is spent.
    await admin.goto(`${svc.url}/admin/staff`);
    await Promise.all([
      admin.waitForResponse((r) => r.request().method() === "POST"),
      admin.click("tr[data-username=qishan] form[action$='/reset-password'] button"),
    ]);
    await admin.waitForLoadState();
    const link = (await admin.locator("#reset-link code").textContent())!.trim();
    expect(link).toMatch(/\/admin\/password-reset\/[A-Za-z0-9_-]{20,}$/);
    await admin.goto(`${svc.url}/admin/staff`);
    expect(await admin.locator("#reset-link").count(), "the link is shown once").toBe(0);
    const other = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await other.goto(link);
    await other.fill("input[name=password]", FROM_LINK);
    await Promise.all([other.waitForResponse((r) => r.request().method() === "POST"), other.click("button[type=submit]")]);
    await other.waitForLoadState();
    expect(await other.locator(".flash.ok").textContent()).toContain("新密码已设置");
    await other.goto(link);
    expect(await other.locator(".flash.err").textContent()).toContain("已失效");
    // Using the link ended the account's sessions: sign in again with the password it set.
    await unit.goto(`${svc.url}/admin/account`);
    expect(new URL(unit.url()).pathname).toBe("/admin/login");
    await signIn(unit, "qishan", FROM_LINK);
    expect(new URL(unit.url()).pathname).toBe("/admin");

    // The admin disables it: the open session is refused on its next request, and so is a new sign-in.
    await admin.goto(`${svc.url}/admin/staff`);
    expect(await admin.locator("tr[data-username=qishan]").textContent()).not.toContain("从未登录");
    await Promise.all([admin.waitForURL(/done=disable/), admin.click("tr[data-username=qishan] form[action$='/disable'] button")]);
    expect(await admin.locator("tr[data-username=qishan]").textContent()).toContain("已停用");
    await admin.screenshot({ path: join(SHOTS, "admin-staff.png"), fullPage: true });
    await unit.goto(`${svc.url}/admin/account`);
    expect(new URL(unit.url()).pathname).toBe("/admin/login");
    await unit.fill("input[name=username]", "qishan");
    await unit.fill("input[name=password]", FROM_LINK);
    await Promise.all([unit.waitForResponse((r) => r.request().method() === "POST"), unit.click("button[type=submit]")]);
    await unit.waitForLoadState();
    expect(new URL(unit.url()).pathname).toBe("/admin/login");
    expect(await unit.locator(".flash.err").textContent()).toContain("用户名、密码或验证码不正确");
    expect(errors).toEqual([]);
  });
});
