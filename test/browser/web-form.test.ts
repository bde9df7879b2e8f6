import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import { tips } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
if (!HAVE_CHROMIUM) {
  console.warn(
    REQUIRED
      ? `[jubao tests] ${CHROMIUM} is missing and JUBAO_BROWSER_REQUIRED=1: the browser test will fail.`
      : `[jubao tests] ${CHROMIUM} is missing: the web form browser test is SKIPPED (apt-get install chromium; CI sets JUBAO_BROWSER_REQUIRED=1).`,
  );
}
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
const SHOTS = join(tmpdir(), "jubao-screenshots");

describe.runIf(HAVE_CHROMIUM || REQUIRED).each(DB_KINDS)("web form in headless Chromium on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    const app = createApp({ deps });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
    });
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await database?.close();
  });

  it("a reporter on a phone fills the form, attaches a photo, gets the receipt, and checks the status", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: "zh-CN" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on("pageerror", (e) => problems.push(e.message));

    await page.goto(`${base}/`);
    expect(await page.evaluate(() => document.compatMode)).toBe("CSS1Compat"); // standards mode
    expect(await page.title()).toContain("安全生产举报");
    // The stylesheet loaded under the CSP (no inline styles anywhere), and nothing overflows a phone screen.
    expect(await page.locator("header").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(183, 28, 28)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.selectOption("#sector", "fire_safety");
    await page.selectOption("#city", "450100");
    await page.selectOption("#county", "450102");
    await page.fill("#place", "朝阳路 1 号 百货商场");
    await page.fill("#enterprise", "南宁某某百货有限公司");
    await page.fill("#text", "商场把消防通道和安全出口都堵死了，晚上人很多，一旦起火跑不出去");
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#48c" } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
      .toBuffer();
    await page.setInputFiles("#attachments", { name: "exit.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.screenshot({ path: join(SHOTS, `form-${kind}.png`), fullPage: true });
    await Promise.all([page.waitForURL(`${base}/tips`), page.click("button[type=submit]")]);

    const code = (await page.textContent("#tracking-code"))!.trim();
    const secret = (await page.textContent("#secret"))!.trim();
    expect(code).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(secret).toMatch(/^([2-9A-Z]{4}-){5}[2-9A-Z]{4}$/);
    expect(await page.textContent("#routed")).toContain("已转交 南宁市消防救援支队 处理");
    const shot = await page.screenshot({ fullPage: true });
    writeFileSync(join(SHOTS, `receipt-${kind}.png`), shot);
    expect(shot.byteLength).toBeGreaterThan(10_000);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    expect(tip).toMatchObject({ channel: "web", sectorCode: "fire_safety", jurisdictionCode: "450102" });

    await page.click("main >> text=查询进展");
    await page.fill("#secret", secret);
    expect(await page.inputValue("#code")).toBe(code);
    await page.click("button[type=submit]");
    expect((await page.textContent("#status-label"))!.trim()).toBe("已接收");
    expect(await page.textContent("#tip-text")).toContain("消防通道");
    const statusShot = await page.screenshot({ fullPage: true });
    writeFileSync(join(SHOTS, `track-${kind}.png`), statusShot);
    expect(statusShot.byteLength).toBeGreaterThan(10_000);

    await page.click("text=English");
    expect(await page.textContent("h1")).toContain("Check the progress of a tip");
    expect(problems).toEqual([]);
    await context.close();
  });
});
