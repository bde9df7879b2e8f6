import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { makeStaff, STAFF_PASSWORD } from "../http/admin-support.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(`[jubao tests] ${CHROMIUM} is missing: the possible-danger browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure).`);

/**
 * #14 item 2 on the staff tip page, as a person sees it: a tip the router read as possibly dangerous
 * (a cracked scaffold with workers on it, nothing saying "now"), which the reporter did not flag,
 * carries a "possible danger" badge and the words it was read from; an urgent tip names where its
 * urgency came from (reporter, router, both) and carries no such badge; an ordinary tip carries neither.
 */
describe.runIf(AVAILABLE || REQUIRED).each(DB_KINDS)("the possible-danger badge on the tip page in headless Chromium, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  const ids = { possible: 0, classifier: 0, both: 0, reporter: 0, plain: 0 };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    const app = createApp({ deps });
    await makeStaff(deps, { username: "nn-possible", displayName: "南宁市安委办 王芳", role: "committee", jurisdictionCode: "450100" });
    const submit = async (text: string, urgent = false) => (await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区", urgent })).tipId;
    // "有点漏油": danger possible, not certain (the session 7 model reads "油桶在漏油" alone as urgent).
    ids.possible = await submit("兴宁区一个仓库门口的油桶有点漏油");
    ids.classifier = await submit("兴宁区一个工地基坑塌方，有两名工人被困在下面");
    ids.both = await submit("兴宁区一个工地基坑塌方，有两名工人被困在下面", true);
    ids.reporter = await submit("兴宁区一家商场把消防通道堵死了", true);
    ids.plain = await submit("兴宁区一家商场把消防通道堵死了");
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
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => http?.close(r));
    await database?.close();
  });

  async function signIn(lang: "zh-CN" | "en"): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", "nn-possible");
    await page.fill("input[name=password]", STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);
    if (lang === "en") await Promise.all([page.waitForURL(`${base}/admin`), page.click('header a[href="/admin/lang/en"]')]);
    return page;
  }

  it("shows the badge and the words for a possibly dangerous tip, the source for urgent ones, and nothing for an ordinary tip", async () => {
    const page = await signIn("zh-CN");
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${base}/admin/tips/${ids.possible}`);
    const badge = page.locator("h1 #possible-danger");
    expect(await badge.isVisible()).toBe(true);
    expect((await badge.textContent())?.trim()).toBe("可能有危险");
    // A badge that stands out: not the page's ordinary text colour.
    const colours = await page.evaluate(() => [
      getComputedStyle(document.querySelector("#possible-danger")!).color,
      getComputedStyle(document.querySelector("#tip-text")!).color,
    ]);
    expect(colours[0]).not.toBe(colours[1]);
    const words = (await page.locator("#possible-danger-words").textContent()) ?? "";
    expect(words).toContain("漏油");
    expect(words).toContain("举报人未标记紧急");
    expect(await page.locator("#urgency-source").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, `possible-danger-${kind}-zh.png`), fullPage: true });

    for (const [id, source, label] of [
      [ids.classifier, "classifier", "系统判断"],
      [ids.both, "both", "举报人标记且系统判断"],
      [ids.reporter, "reporter", "举报人标记"],
    ] as const) {
      await page.goto(`${base}/admin/tips/${id}`);
      expect(await page.locator("#urgency-source").getAttribute("data-source")).toBe(source);
      expect((await page.locator("#urgency-source").textContent())?.trim()).toBe(`(${label})`);
      expect(await page.locator("#possible-danger").count()).toBe(0);
    }

    await page.goto(`${base}/admin/tips/${ids.plain}`);
    expect(await page.locator("#possible-danger").count()).toBe(0);
    expect(await page.locator("#urgency-source").count()).toBe(0);
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it("reads in English too", async () => {
    const page = await signIn("en");
    await page.goto(`${base}/admin/tips/${ids.possible}`);
    expect((await page.locator("#possible-danger").textContent())?.trim()).toBe("possible danger");
    expect((await page.locator("#possible-danger-words").textContent()) ?? "").toContain("did not flag it urgent");
    await page.screenshot({ path: join(SHOTS, `possible-danger-${kind}-en.png`), fullPage: true });
    await page.close();
  }, 60_000);
});
