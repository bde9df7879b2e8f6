import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { createApp } from "../../src/http/app.js";
import { routingRules, units } from "../../src/db/schema.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the routing-rules browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );
const PASSWORD = "a long enough pass phrase 2024";

/**
 * The learning loop as a clerk clicks it (#14 item 5): three tips about a sport the vocabulary does not
 * know fall to the 兴宁区 安委办; the clerk transfers each to the culture bureau on its tip page; the rules
 * page then offers both kinds of suggestion — the term (滑翔伞 → 文化旅游) and the unit rule
 * (其他 × 兴宁区 → 文化广电和旅游局); accepting the term makes the page's dry run and the next tip read
 * 文化旅游; accepting the unit rule sets it; undoing the term takes it back.
 */
describe.runIf(AVAILABLE || REQUIRED)("learning from staff transfers in headless Chromium", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database);
    await createStaff(deps, { username: "nanning", displayName: "南宁安委办", role: "committee", jurisdictionCode: "450100", password: PASSWORD });
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

  it("transfers → term suggestion → accept → the next similar tip routes right; the unit suggestion too; undo", async () => {
    const [culture] = await deps.db.select().from(units).where(eq(units.key, "450102:culture"));
    const texts = ["兴宁区一个滑翔伞基地的伞具好几年没检验，教练也没证", "兴宁区滑翔伞公司的伞好多补过还在用", "兴宁区滑翔伞俱乐部的安全绳磨破了还在用"];
    const submitted = [];
    for (const text of texts) submitted.push(await submitTip(deps, { channel: "web", text, place: "南宁市兴宁区" }));
    expect(submitted.every((s) => s.routing.sector === "other")).toBe(true);
    const next = "兴宁区江边有人搞滑翔伞体验，伞都是旧的";

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", "nanning");
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);

    for (const s of submitted) {
      await page.goto(`${base}/admin/tips/${s.tipId}`);
      await page.selectOption("#form-transfer select[name=unitId]", String(culture.id));
      await page.fill("#form-transfer textarea[name=reason]", "滑翔伞属文旅行业");
      await Promise.all([page.waitForURL(/done=/), page.click("#form-transfer button[type=submit]")]);
      expect(await page.locator("#tip-unit").textContent()).toBe(culture.name);
    }

    await page.goto(`${base}/admin/rules?jurisdiction=450102`);
    const term = page.locator('[data-sector-suggestion="term|other|culture_tourism|滑翔伞"]');
    expect(await term.count()).toBe(1);
    expect(await term.textContent()).toContain("3 条系统判为“其他”的举报被工作人员转给了“文化旅游”");
    const unitKey = `other|450102|${submitted[0].routing.unit.id}|${culture.id}`;
    expect(await page.locator(`[data-suggestion="${unitKey}"]`).count()).toBe(1);

    await Promise.all([page.waitForURL(/done=1/), term.locator('form[action$="/accept"] button').click()]);
    expect(await page.locator("[data-sector-suggestion]").count()).toBe(0);
    expect(await page.locator("#sector-rules").textContent()).toContain("滑翔伞");

    // The page's own dry run reads the next such tip as a culture tip now.
    await page.fill("textarea[name=text]", next);
    await page.fill("input[name=place]", "南宁市兴宁区");
    await Promise.all([page.waitForURL(/\/admin\/rules\/test/), page.click('form[action^="/admin/rules/test"] button[type=submit]')]);
    expect(await page.locator("#test-result").textContent()).toContain("分派结果：文化旅游");
    const routed = await submitTip(deps, { channel: "web", text: next, place: "南宁市兴宁区" });
    expect(routed.routing.sector).toBe("culture_tourism");
    expect(routed.routing.unit.id).toBe(culture.id);

    // The unit suggestion of the same transfers, accepted with one click, sets 其他 × 兴宁区 → the culture bureau.
    await page.goto(`${base}/admin/rules?jurisdiction=450102`);
    await Promise.all([page.waitForURL(/done=1/), page.locator(`[data-suggestion="${unitKey}"] form[action$="/accept"] button`).click()]);
    const rules = await deps.db.select().from(routingRules).where(eq(routingRules.jurisdictionCode, "450102"));
    expect(rules.find((r) => r.sectorCode === "other")?.unitId).toBe(culture.id);

    // Undo the term: the router no longer reads 滑翔伞 as culture.
    const ruleRow = page.locator("#sector-rules tr").first();
    await ruleRow.locator("input[name=reason]").fill("试用结束");
    await Promise.all([page.waitForURL(/done=1/), ruleRow.locator("button[type=submit]").click()]);
    expect(await page.locator("#sector-rules").count()).toBe(0);
    expect((await routeTip(deps, { text: next, place: "南宁市兴宁区" })).sector).toBe("other");
    expect(errors).toEqual([]);
  }, 120_000);
});
