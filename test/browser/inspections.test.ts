import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { addInspector } from "../../src/app/inspectors/roster.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { CLI_ACTOR } from "../../src/app/staff/actor.js";
import { createApp } from "../../src/http/app.js";
import { inspections, reinspectionsDue } from "../../src/db/schema.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { addFiguresObligations, createCampaign, unitId } from "../app/figures-fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(`[jubao tests] ${CHROMIUM} is missing: the inspection records browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure).`);

const PASSWORD = "a long enough pass phrase 2024";

describe.runIf(AVAILABLE || REQUIRED)(
  "inspection records in headless Chromium: /admin/inspections, then desk quick entry at 390 px, then the pre-filled form",
  () => {
    let database: TestDb;
    let deps: Deps;
    let http: ServerType;
    let base: string;
    let browser: Browser;
    let town: number;
    let july: number;

    beforeAll(async () => {
      database = await openTestDb("pglite");
      deps = testDeps(database, { clock: () => new Date("2018-08-03T04:00:00Z") });
      town = await unitId(deps.db, "430422001:township");
      july = (await addFiguresObligations(deps.db, await createCampaign(deps.db), town, ["2018-07"]))["2018-07"];
      for (const [name, cert] of [
        ["谭军", "YB-01"],
        ["邓丽", "YB-02"],
      ])
        await addInspector(deps, CLI_ACTOR, { unitId: town, name, certificateNo: cert });
      await upsertEnterprise(deps, { name: "演陂镇红星烟花厂", sectorCode: "fireworks", jurisdictionCode: "430422001", supervisingLevel: "township" });
      await upsertEnterprise(deps, { name: "演陂镇永丰石场", sectorCode: "non_coal_mine", jurisdictionCode: "430422001", supervisingLevel: "township" });
      await createStaff(deps, { username: "hn-committee", displayName: "衡南县安委办", role: "committee", jurisdictionCode: "430422", password: PASSWORD });
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
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
      });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((r) => http?.close(r));
      await database?.close();
    });

    const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    const signIn = async (page: Page, path: string, username: string, landing: string) => {
      await page.goto(`${base}${path}`);
      await page.fill("input[name=username]", username);
      await page.fill("input[name=password]", PASSWORD);
      await Promise.all([page.waitForURL(`${base}${landing}`), page.click("button[type=submit]")]);
    };

    it("committee staff record an inspection for the township on /admin/inspections; a one-officer try is refused first", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", javaScriptEnabled: false });
      const page = await context.newPage();
      await signIn(page, "/admin/login", "hn-committee", "/admin");
      await page.goto(`${base}/admin/inspections`);
      await Promise.all([page.waitForURL(/\/admin\/inspections\/new/), page.click("#new-inspection")]);
      await page.goto(`${base}/admin/inspections/new?unitId=${town}`);
      await page.fill("#enterprise-search input[name=q]", "红星");
      await Promise.all([page.waitForLoadState("load"), page.click("#enterprise-search button")]);
      await page.check("input[name=enterpriseId]");
      await page.fill("input[name=inspectedOn]", "2018-07-16");
      await page.selectOption("select[name=kind]", "random");
      await page.check("input[name=inspectorIds] >> nth=0");
      await page.fill("input[name=finding_0]", "药物混合工房未按规定接地");
      await page.check("input[name=major_0]");
      await page.check("input[name=suspended]");
      await page.fill("input[name=fineYuan]", "20000");
      await page.fill("input[name=caseNo]", "衡南应急立〔2018〕21号");
      await Promise.all([page.waitForLoadState("load"), page.click("form.inspection-form button[type=submit]")]);
      expect(await page.locator("#problems").textContent()).toContain("执法人员不得少于两人");
      // The form comes back as it was left: add the second officer and save.
      await page.check("input[name=inspectorIds] >> nth=1");
      await Promise.all([page.waitForURL(/\/admin\/inspections\/\d+\?done=1/), page.click("form.inspection-form button[type=submit]")]);
      expect(await page.locator("#enterprise").textContent()).toBe("演陂镇红星烟花厂");
      expect(await page.locator("#measures").textContent()).toContain("责令停产停业");
      expect(await page.locator("#reinspection").textContent()).toContain("2018-08-15");
      expect(await page.locator("#fine").textContent()).toBe("20000.00");
      await context.close();
    }, 120_000);

    it("the township records a second one on the desk at 390 px, and its July form opens pre-filled from both", async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled: false });
      const page = await context.newPage();
      await signIn(page, "/desk/login", "town", "/desk");
      await Promise.all([page.waitForURL(`${base}/desk/inspections/new`), page.click("#record-inspection")]);
      expect(await fitsPhone(page)).toBe(true);
      await page.fill("#enterprise-search input[name=q]", "永丰");
      await Promise.all([page.waitForLoadState("load"), page.click("#enterprise-search button")]);
      await page.check("input[name=enterpriseId]");
      await page.fill("input[name=inspectedOn]", "2018-07-20");
      await page.check("input[name=inspectorIds] >> nth=0");
      await page.check("input[name=inspectorIds] >> nth=1");
      await page.check("input[name=orderedCorrection]");
      await page.fill("input[name=correctionDeadline]", "2018-08-10");
      expect(await fitsPhone(page)).toBe(true);
      await Promise.all([page.waitForURL(/\/desk\?done=recorded/), page.click("form.inspection-form button[type=submit]")]);
      expect(await page.locator("p.flash.ok").textContent()).toBe("执法检查记录已保存。");
      const rows = await deps.db.select().from(inspections).where(eq(inspections.unitId, town));
      expect(rows).toHaveLength(2);
      expect(await deps.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.unitId, town))).toHaveLength(2);

      await page.goto(`${base}/desk/figures/${july}`);
      await page.locator("#prefilled").waitFor();
      expect(await page.inputValue("input[name=m_enforcement_actions]")).toBe("2");
      expect(await page.inputValue("input[name=m_officers_deployed]")).toBe("4");
      expect(await page.inputValue("input[name=m_units_inspected]")).toBe("2");
      expect(await page.inputValue("input[name=m_fines]")).toBe("2.00");
      expect(await page.inputValue("input[name=m_suspensions]")).toBe("1");
      expect(await page.inputValue("input[name=m_officials_held_accountable]")).toBe("");
      expect(await fitsPhone(page)).toBe(true);
      await context.close();
    }, 120_000);
  },
);
