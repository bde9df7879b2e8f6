import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const AVAILABLE = existsSync(CHROMIUM);
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
if (!AVAILABLE)
  console.warn(
    REQUIRED
      ? `[jubao tests] ${CHROMIUM} is missing and JUBAO_BROWSER_REQUIRED=1: the browser test will fail.`
      : `[jubao tests] ${CHROMIUM} is missing: the public statistics browser test is SKIPPED.`,
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

describe.runIf(AVAILABLE || REQUIRED)("public statistics in headless Chromium at 390 px, no JavaScript", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  let now = new Date("2026-10-12T02:00:00Z");

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database, { clock: () => now });
    for (let i = 0; i < 4; i++)
      await submitTip(deps, { channel: "web", text: `南宁市兴宁区某商场消防通道被堵第${i}处`, jurisdictionCode: "450102", sector: "fire_safety" });
    now = new Date("2026-11-12T02:00:00Z");
    await submitTip(deps, { channel: "web", text: "桂林市秀峰区某工地没有安全网", jurisdictionCode: "450302", sector: "construction" });
    const app = createApp({ deps });
    const port = await new Promise<number>((resolve) => {
      http = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
    });
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (http ? http.close(r) : r(undefined)));
    await database?.close();
  });

  it("fits the phone, says <3 where a reporter could be singled out, and explains the rule", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/public/stats?lang=en`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.locator("#suppression-rule").textContent()).toContain("1 or 2");
    const received = await page.locator("#stats-month tbody tr").evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent));
    // 4 and 1: the 1 is hidden and so is the 4 (else 5 − 4 gives it back); the total 5 is shown.
    expect(received).toEqual(["<3", "<3", "5"]);
    const chart = page.locator("svg.chart");
    expect((await chart.boundingBox())!.width).toBeLessThanOrEqual(390);
    expect(await chart.locator("rect.bar-missing").count()).toBe(2);
    await context.close();
  }, 60_000);
});
