import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { getReport } from "../../src/app/figures/get-report.js";
import { startFigures } from "../../src/app/figures/start-figures.js";
import { createApp } from "../../src/http/app.js";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { obligationDocuments, obligations } from "../../src/db/schema.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, addLiaison, createCampaign, figures, insertReport, unitId } from "../app/figures-fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the unit desk browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );

const PASSWORD = "a long enough pass phrase 2024";
const CHAT = 7_401;

describe.runIf(AVAILABLE || REQUIRED)("the unit desk in headless Chromium at 390 px", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  let campaign: number, unit: number, july: number, deliverable: number;

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database, { clock: () => new Date("2018-08-03T04:00:00Z") });
    unit = await unitId(deps.db, "430422001:township");
    campaign = await createCampaign(deps.db);
    july = (await addFiguresObligations(deps.db, campaign, unit, ["2018-07"]))["2018-07"];
    await insertReport(deps.db, {
      campaignId: campaign,
      unitId: unit,
      period: "2018-06",
      values: figures({ enforcement_actions: 10, officers_deployed: 30, units_inspected: 8 }),
    });
    await addLiaison(deps, unit, CHAT);
    [{ id: deliverable }] = await deps.db
      .insert(obligations)
      .values({
        campaignId: campaign,
        unitId: unit,
        kind: "deliverable",
        code: "deployment_report",
        title: "行动部署情况报告",
        period: "2018-06",
        dueOn: "2018-08-20",
      })
      .returning({ id: obligations.id });
    await createStaff(deps, { username: "town", displayName: "演陂镇安办", role: "unit", unit: "430422001:township", password: PASSWORD });
    const app = createApp({ deps });
    await new Promise<void>((resolve) => {
      http = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
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
    await new Promise((r) => http?.close(r));
    await database?.close();
  });

  const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it("marks a deliverable done with a photo attached through the real form; the photo loses its GPS metadata", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/desk/login`);
    await page.fill("input[name=username]", "town");
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/desk`), page.click("button[type=submit]")]);
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#36c" } })
      .jpeg()
      .withExif({ IFD0: { Make: "LeakyPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "26/1 56/1 0/1" } })
      .toBuffer();
    const card = page.locator(`section[data-obligation="${deliverable}"]`);
    await card.locator("input[type=file]").setInputFiles({ name: "现场.jpg", mimeType: "image/jpeg", buffer: photo });
    await Promise.all([page.waitForURL(/done=ok/), card.locator("button[type=submit]").click()]);
    expect(await page.locator("p.flash.ok").textContent()).toBe("已标记完成。");
    expect(await page.locator(`section[data-obligation="${deliverable}"]`).count()).toBe(0);
    expect(await fitsPhone(page)).toBe(true);
    const [doc] = await deps.db.select().from(obligationDocuments).where(eq(obligationDocuments.obligationId, deliverable));
    expect(doc).toMatchObject({ fileName: "现场.jpg", mimeType: "image/jpeg" });
    expect((await sharp(Buffer.from(doc.body!)).metadata()).exif).toBeUndefined();
    expect(Buffer.from(doc.body!).includes("LeakyPhone")).toBe(false);
    await context.close();
  }, 120_000);

  it("signs in, files July with 三十五 and a confirmed warning through the real form, and the bot sees the month", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/desk`);
    expect(page.url()).toBe(`${base}/desk/login`);
    await page.fill("input[name=username]", "town");
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/desk`), page.click("button[type=submit]")]);
    expect(await page.locator("h1").textContent()).toBe("待办事项");
    expect(await page.locator("main").textContent()).toContain("2018年7月");
    expect(await fitsPhone(page)).toBe(true);

    await Promise.all([page.waitForURL(`${base}/desk/figures/${july}`), page.click(`a[href="/desk/figures/${july}"]`)]);
    expect(await page.locator("form.card").textContent()).toContain("上月：10");
    await page.fill("input[name=m_enforcement_actions]", "三十五");
    await page.fill("input[name=m_officers_deployed]", "十");
    await page.fill("input[name=m_units_inspected]", "十二家");
    for (const code of [
      "cases_opened",
      "fines",
      "suspensions",
      "licences_suspended_or_revoked",
      "closures",
      "officials_held_accountable",
      "administrative_detentions",
      "criminal_arrests",
    ]) {
      await page.fill(`input[name=m_${code}]`, "0");
    }
    await Promise.all([page.waitForLoadState("load"), page.click("button[value=check]")]);
    await page.locator("#review").waitFor();
    expect(await page.locator("li.warning").first().textContent()).toContain("少于执法活动 35 次所需的 70 人次");
    expect(await page.locator('tr[data-metric="enforcement_actions"] td.cumulative').textContent()).toBe("45");
    expect(await fitsPhone(page)).toBe(true);
    mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ path: join(SHOTS, "desk-figures-review.png"), fullPage: true });
    expect(shot.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(true);
    expect(shot.length).toBeGreaterThan(8_000);
    expect((await getReport(deps, { campaignId: campaign, unitId: unit, period: "2018-07" })).current).toBeNull();

    await page.check("input[name=confirm]");
    await Promise.all([page.waitForLoadState("load"), page.click("button[value=submit]")]);
    await page.locator("p.flash.ok").waitFor();
    expect(await page.locator("p.flash.ok").textContent()).toContain("月报表已报送");

    const report = await getReport(deps, { campaignId: campaign, unitId: unit, period: "2018-07" });
    expect(report.current?.values).toMatchObject({ enforcement_actions: 35, officers_deployed: 10, units_inspected: 12 });
    const bot = await startFigures(deps, { chatId: CHAT, period: "2018-07" });
    expect(bot).toMatchObject({ kind: "review", mode: "correct" });
    await context.close();
  }, 120_000);
});
