import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { cliCreateStaff, STAFF_PASSWORD } from "../deployed/http-support.js";

const CHROMIUM = "/usr/bin/chromium";
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the plans browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );

const UNIT = "430422 衡南县应急管理局";

/**
 * On the real `npm start` process, in headless Chromium at 390 px: one committee member of 衡南县 generates the
 * county emergency bureau's plan on /admin/plans, a second approves it, the first draws three enterprises and
 * lands on the published draw. No page scrolls sideways.
 */
describe.runIf(AVAILABLE || REQUIRED).each(DB_KINDS)("plans and draws in Chromium (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;
  let browser: Browser;

  beforeAll(async () => {
    db = await serviceDb(kind);
    const rows = ["name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted"];
    let n = 0;
    const code = () => {
      const first17 = `914304229999${String(++n).padStart(5, "0")}`;
      return first17 + creditCodeCheckChar(first17);
    };
    for (let i = 0; i < 3; i++) rows.push(`衡南烟花${i}号,${code()},fireworks,430422103,county,average,0`);
    for (let i = 0; i < 8; i++) rows.push(`衡南五金${i}号,${code()},industry_trade,430422002,county,good,0`);
    const file = join(db.dataDir, "enterprises.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    await runCli(db.env, ["enterprises:import", "--file", file]);
    await cliCreateStaff(db.env, ["--username", "pl-a", "--role", "committee", "--jurisdiction", "430422"]);
    await cliCreateStaff(db.env, ["--username", "pl-b", "--role", "committee", "--jurisdiction", "430422"]);
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

  const signIn = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(`${svc.url}/admin/login`);
    await page.fill("input[name=username]", username);
    await page.fill("input[name=password]", STAFF_PASSWORD);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[type=submit]")]);
    return page;
  };
  const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("generate → approve by a second person → draw, at 390 px", async () => {
    const a = await signIn("pl-a");
    await a.goto(`${svc.url}/admin/plans?year=2027`);
    expect(await fitsPhone(a)).toBe(true);
    await a.selectOption("#plan-generate select[name=unitId]", { label: UNIT });
    await a.fill("#plan-generate input[name=randomRatePct]", "50");
    await Promise.all([a.waitForURL(/\/admin\/plans\/\d+\?done=1$/), a.click("#plan-generate button[type=submit]")]);
    const planUrl = a.url().replace(/\?done=1$/, "");
    const items = await a.locator("#plan-items tbody tr").count();
    expect(items).toBe(3 + 4); // three fireworks enterprises (full coverage) and half of the eight 承诺 ones
    expect(await a.locator("form[action$='/approve']").count()).toBe(0); // the generator is offered no approval
    expect(await fitsPhone(a)).toBe(true);

    const b = await signIn("pl-b");
    await b.goto(planUrl);
    await Promise.all([b.waitForURL(/\?done=1$/), b.click("form[action$='/approve'] button")]);
    expect(await b.locator("#plan-status").textContent()).toContain("已批准");

    await a.goto(`${svc.url}/admin/plans?year=2027`);
    expect(await a.locator("#plans-list").textContent()).toContain("已批准");
    await a.selectOption("#draw-form select[name=unitId]", { label: UNIT });
    await a.fill("#draw-form input[name=drawnOn]", "2027-04-01");
    await a.fill("#draw-form input[name=count]", "3");
    await a.selectOption("#draw-form select[name=sectorCode]", "industry_trade");
    await Promise.all([a.waitForURL(/\/public\/draws\/\d+$/), a.click("#draw-form button[type=submit]")]);
    expect(await a.locator("#draw-result tbody tr").count()).toBe(3);
    expect(await a.locator("#draw-seed").textContent()).toMatch(/^[0-9a-f]{64}$/);
    for (const name of await a.locator("#draw-result tbody tr td:first-child").allTextContents()) expect(name).toMatch(/^衡南五金\d号$/);
    expect(await fitsPhone(a)).toBe(true);
  }, 180_000);
});
