import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { listLiaisons } from "../../src/app/liaisons/list-liaisons.js";
import { createApp } from "../../src/http/app.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { unitId } from "../app/figures-fixtures.js";
import { makeStaff, STAFF_PASSWORD } from "../http/admin-support.js";

const CHROMIUM = "/usr/bin/chromium";
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(`[jubao tests] ${CHROMIUM} is missing: the invite sheet browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure).`);

/**
 * #13 item 2 on the admin unit page, in headless Chromium without JavaScript: a committee account adds a
 * phone-only liaison, and prints an invite sheet whose QR code is an inline SVG beside the link, on one
 * A4 page.
 */
describe.runIf(AVAILABLE || REQUIRED)("the unit page's phone liaison and invite sheet in headless Chromium", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  let unit: number;

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database, { env: { TELEGRAM_BOT_USERNAME: "jubao_test_bot" } });
    unit = await unitId(deps.db, "430422103:township");
    await makeStaff(deps, { username: "hengyang", displayName: "衡阳县安委办", role: "committee", jurisdictionCode: "430422" });
    const app = createApp({ deps });
    await new Promise<void>((resolve) => {
      http = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => http?.close(r));
    await database?.close();
  });

  it("adds a phone liaison and prints an A4 invite sheet with an SVG QR code and the link", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", "hengyang");
    await page.fill("input[name=password]", STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);
    await page.goto(`${base}/admin/units/${unit}`);

    await page.fill("#phone-liaison input[name=phone]", "138-0013-8011");
    await Promise.all([page.waitForLoadState("load"), page.click("#phone-liaison button[type=submit]")]);
    expect(await page.locator("#phone-added").textContent()).toBe("已添加短信联络员 +86138****8011。");
    expect(await page.locator("main").textContent()).not.toContain("13800138011");
    const { liaisons } = await listLiaisons(deps, { unit });
    expect(liaisons.filter((l) => l.phone && !l.telegram && l.active)).toHaveLength(1);
    await page.fill("#phone-liaison input[name=phone]", "13800138011");
    await Promise.all([page.waitForLoadState("load"), page.click("#phone-liaison button[type=submit]")]);
    expect(await page.locator("#phone-refused").textContent()).toBe("该手机号已是本单位的联络员。");

    // The invite on the unit page carries its QR code too.
    await Promise.all([page.waitForLoadState("load"), page.click(`form[action="/admin/units/${unit}/invite"] button`)]);
    expect(await page.locator("#invite svg.qr path").count()).toBeGreaterThan(0);

    await Promise.all([page.waitForLoadState("load"), page.click(`form[action="/admin/units/${unit}/invite-sheet"] button`)]);
    const sheet = page.locator("#invite-sheet");
    expect(await sheet.locator("h1").textContent()).toBe("茶市镇人民政府 联络员邀请");
    const link = (await sheet.locator("#invite-link").textContent())?.trim() ?? "";
    expect(link).toMatch(/^https:\/\/t\.me\/jubao_test_bot\?start=li_[A-Za-z0-9_-]{20,61}$/);
    const qr = sheet.locator("svg.qr");
    expect(await qr.count()).toBe(1);
    expect(await qr.getAttribute("viewBox")).toMatch(/^0 0 \d+ \d+$/);
    expect(((await qr.locator("path").last().getAttribute("d")) ?? "").length).toBeGreaterThan(500);
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThan(150);
    expect(await sheet.textContent()).toContain("用手机相机扫描下方二维码");

    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    await context.close();
  }, 120_000);
});
