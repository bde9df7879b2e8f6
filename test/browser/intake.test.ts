import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { createApp } from "../../src/http/app.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(`[jubao tests] ${CHROMIUM} is missing: the intake browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure).`);
const PASSWORD = "a long enough pass phrase 2024";

/** A letter entered through the real form in Chromium; its receipt prints on one A4 sheet without the staff bar. */
describe.runIf(AVAILABLE || REQUIRED)("staff intake in headless Chromium", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database);
    await createStaff(deps, { username: "clerk", displayName: "南宁安委办", role: "committee", jurisdictionCode: "450100", password: PASSWORD });
    const app = createApp({ deps });
    await new Promise<void>((resolve) => {
      http = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
        base = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => http?.close(r));
    await database?.close();
  });

  it("records a letter from the form and prints its receipt on A4, the secret once", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", "clerk");
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);
    await Promise.all([page.waitForURL(`${base}/admin/intake`), page.click('header a[href="/admin/intake"]')]);
    await page.selectOption("select[name=channel]", "letter");
    await page.fill("textarea[name=text]", "来信反映：兴宁区某烟花爆竹仓库超量储存，仓库旁边就是居民楼");
    await page.selectOption("select[name=jurisdictionCode]", "450102");
    await page.check("input[name=reply][value=paper]");
    await Promise.all([page.waitForURL(/\/admin\/intake\/\d+\/receipt$/), page.click("#intake-form button[type=submit]")]);
    const code = await page.locator("#tracking-code").textContent();
    const secret = await page.locator("#secret").textContent();
    expect(secret).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);
    mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ path: join(SHOTS, "intake-receipt.png"), fullPage: true });
    expect(shot.subarray(1, 4).toString()).toBe("PNG");

    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.no-print").isVisible()).toBe(false);
    expect(await page.locator("article.sheet").isVisible()).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    // One sheet: Chromium writes one /Type /Page object per page.
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
    // A4 in points, 595 × 842 (Chromium writes 594.96 × 841.92).
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);

    await page.emulateMedia({ media: "screen" });
    await page.reload();
    expect(await page.locator("#tracking-code").textContent()).toBe(code);
    expect(await page.content()).not.toContain(secret!);
    expect(await page.locator("#secret-gone").isVisible()).toBe(true);
  }, 120_000);
});
