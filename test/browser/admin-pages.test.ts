import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { submitFigures } from "../../src/app/figures/submit-figures.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { obligations, units } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { METRIC_CODES } from "../../src/domain/figures.js";
import { createApp } from "../../src/http/app.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post, STAFF_PASSWORD } from "../http/admin-support.js";

const CHROMIUM = "/usr/bin/chromium";
/** Kept for a person to look at after a run. */
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the admin pages browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );

const NOW = new Date("2025-09-15T03:00:00Z");

/** What a reader would notice on a rendered page: sideways scrolling, unlabelled controls, blank buttons. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways: ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
    const visible = (el: Element) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input:not([type=hidden]), select, textarea")) {
      if (!visible(el)) continue;
      const named = (el.labels?.length ?? 0) > 0 || Boolean(el.getAttribute("aria-label")?.trim());
      if (!named) out.push(`a ${el.tagName.toLowerCase()} named "${el.getAttribute("name")}" has no label`);
    }
    for (const b of document.querySelectorAll("button")) if (visible(b) && !b.textContent?.trim()) out.push("a button without text");
    for (const th of document.querySelectorAll("th")) if (!th.textContent?.trim()) out.push("an empty table header");
    // A table wider than its box must scroll inside that box, not push the page.
    for (const table of document.querySelectorAll("main table")) {
      const box = (table.parentElement as HTMLElement).getBoundingClientRect();
      const overflowing = table.getBoundingClientRect().right > box.right + 1;
      const scrolls = getComputedStyle(table.parentElement as HTMLElement).overflowX === "auto";
      if (overflowing && !scrolls) out.push(`a table ${table.id ? `#${table.id} ` : ""}is wider than the page`);
    }
    return out;
  });
}

function expectPng(shot: Buffer): void {
  expect(shot.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(shot.length).toBeGreaterThan(8_000);
}

describe.runIf(AVAILABLE || REQUIRED)("admin pages in headless Chromium: screenshots and layout", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let browser: Browser;
  const ids = { closedTip: 0, urgentTip: 0, fire: 0, enterprise: 0, campaign: 0 };

  beforeAll(async () => {
    database = await openTestDb("pglite");
    deps = testDeps(database, { clock: () => NOW });
    const app = createApp({ deps });
    await makeStaff(deps, { username: "nanning", displayName: "南宁市安委办 李娜", role: "committee", jurisdictionCode: "450100" });
    await makeStaff(deps, { username: "root", displayName: "系统管理员", role: "admin" });
    const committee = await login(app, "nanning");
    const act = async (tipId: number, action: string, form: Record<string, string> = {}) =>
      expect((await post(app, `/admin/tips/${tipId}/${action}`, { _csrf: committee.csrf, ...form }, committee.cookie)).headers.get("location")).toContain(
        "done=",
      );

    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    ids.fire = fire.id;
    const body17 = "91450102MA5K00001";
    ids.enterprise = (
      await upsertEnterprise(deps, {
        name: "南宁市兴宁区万达商贸有限公司",
        creditCode: body17 + creditCodeCheckChar(body17),
        sectorCode: "fire_safety",
        jurisdictionCode: "450102",
        supervisingLevel: "county",
        riskClass: "poor",
      })
    ).id;
    const photo = new Uint8Array(
      await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c33" } })
        .jpeg()
        .toBuffer(),
    );
    const closed = await submitTip(deps, {
      channel: "telegram",
      text: "万达商场把消防通道和安全出口都堵死了，晚上人很多，一旦着火后果不堪设想",
      place: "南宁市兴宁区",
      creditCode: body17 + creditCodeCheckChar(body17),
      attachments: [{ fileName: "exit-blocked.jpg", mimeType: "image/jpeg", body: photo }],
    });
    const duplicate = await submitTip(deps, { channel: "web", text: "万达商场的安全出口被锁住了，消防通道堆满货物", place: "南宁市兴宁区" });
    const urgent = await submitTip(
      { ...deps, clock: () => new Date("2025-03-04T17:30:00Z") },
      { channel: "sms", urgent: true, place: "南宁市兴宁区", text: "兴宁区某建筑工地塔吊没有安装限位器，工人高处作业不系安全带" },
    );
    await submitTip(deps, { channel: "api", text: "烟花爆竹店在居民楼一层超量储存，门口还在零售", place: "南宁市青秀区" });
    [ids.closedTip, ids.urgentTip] = [closed.tipId, urgent.tipId];
    await act(closed.tipId, "accept", { note: "已电话联系属地消防大队" });
    await act(duplicate.tipId, "merge", { intoTipId: closed.trackingCode, reason: "同一商场同一问题" });
    await act(closed.tipId, "investigate");
    await act(closed.tipId, "message", { text: "请问被锁的是哪一个安全出口？" });
    await act(closed.tipId, "result", {
      result: "substantiated",
      findings: "现场核查，东侧安全出口上锁，消防通道堆放货物",
      measures: "责令立即整改，罚款2万元",
      fineYuan: "20000",
    });
    await act(closed.tipId, "close", {
      conclusion: "举报属实",
      summary: "消防通道被货物堵塞，已现场核实",
      decision: "责令整改并处罚款2万元",
      rewardEligibility: "符合奖励条件",
    });
    await act(closed.tipId, "reward", { basisKind: "fine", note: "罚款2万元×15%，按3000元" });

    const [committeeUnit] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    await post(
      app,
      "/admin/rules/set",
      { _csrf: committee.csrf, jurisdictionCode: "450100", sectorCode: "culture_tourism", unitId: String(committeeUnit.id), reason: "文旅场所由市安委办统筹" },
      committee.cookie,
    );
    const invite = await (await post(app, `/admin/units/${fire.id}/invite`, { _csrf: committee.csrf }, committee.cookie)).text();
    await acceptInvite(deps, { token: /li_[A-Za-z0-9_-]{20,61}/.exec(invite)![0], chatId: 770000001 });
    const started = await post(
      app,
      "/admin/campaigns",
      { _csrf: committee.csrf, template: "hengnan-2018", jurisdictionCode: "450102", year: "2025", figuresDueDay: "10", pastDue: "keep" },
      committee.cookie,
    );
    ids.campaign = Number(/\/(\d+)$/.exec(started.headers.get("location")!)![1]);
    const due = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.campaignId, ids.campaign), eq(obligations.kind, "figures"), eq(obligations.period, "2025-07")));
    for (const [i, o] of due.slice(0, 4).entries()) {
      const values = Object.fromEntries(
        METRIC_CODES.map((c, k) => [c, c === "fines" ? 1.5 * (i + 1) : c === "officers_deployed" ? 12 * (i + 1) : (i + 1) * ((k % 4) + 1)]),
      );
      await submitFigures(
        { ...deps, clock: () => new Date("2025-08-05T02:00:00Z") },
        { campaignId: ids.campaign, unitId: o.unitId, period: "2025-07", values, by: "staff:nanning" },
      );
    }

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
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => http?.close(r));
    await database?.close();
  });

  async function signIn(username: string, lang: "zh-CN" | "en", width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
    await page.goto(`${base}/admin/login`);
    await page.fill("input[name=username]", username);
    await page.fill("input[name=password]", STAFF_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);
    // The language switch in the header, as a person would use it.
    if (lang === "en") await Promise.all([page.waitForURL(`${base}/admin`), page.click('header a[href="/admin/lang/en"]')]);
    return page;
  }

  async function shoot(page: Page, name: string, problems: string[]): Promise<void> {
    const shot = await page.screenshot({ path: join(SHOTS, `admin-pages-${name}.png`), fullPage: true });
    expectPng(shot);
    problems.push(...(await layoutProblems(page)).map((p) => `${name}: ${p}`));
  }

  // 390 px: a phone (the desk's staff and committee members on the move): no page may scroll sideways;
  // wide tables scroll inside their own box.
  for (const [lang, width] of [
    ["zh-CN", 1280],
    ["en", 1280],
    ["zh-CN", 390],
    ["en", 390],
  ] as const) {
    it(`every main page renders, fits a ${width} px window and labels its controls (${lang})`, async () => {
      const page = await signIn("nanning", lang, width);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const problems: string[] = [];
      const visit = async (path: string, name: string) => {
        const res = await page.goto(`${base}${path}`);
        expect(res?.status(), path).toBe(200);
        await shoot(page, `${lang}-${width}-${name}`, problems);
      };
      await visit("/admin", "queue");
      await visit(`/admin/tips/${ids.closedTip}`, "tip-closed");
      await visit(`/admin/tips/${ids.urgentTip}`, "tip-urgent");
      await visit("/admin/units", "units");
      await visit(`/admin/units/${ids.fire}`, "unit");
      await visit("/admin/enterprises", "enterprises");
      await visit(`/admin/enterprises/${ids.enterprise}`, "enterprise");
      await visit("/admin/rules", "rules");
      await page.fill("form[action^='/admin/rules/test'] textarea[name=text]", "商场把消防通道堵死了，安全出口也锁着");
      await page.fill("form[action^='/admin/rules/test'] input[name=place]", "南宁市兴宁区");
      await Promise.all([page.waitForURL(/\/admin\/rules\/test/), page.click("form[action^='/admin/rules/test'] button[type=submit]")]);
      expect(await page.locator("#test-result").count()).toBe(1);
      await shoot(page, `${lang}-${width}-rules-test`, problems);
      await visit("/admin/campaigns", "campaigns");
      await visit(`/admin/campaigns/${ids.campaign}`, "campaign");
      await visit(`/admin/campaigns/${ids.campaign}/figures?month=2025-07`, "figures");
      expect(await page.locator("svg.chart rect.bar").count()).toBeGreaterThan(0);
      await visit("/admin/audit", "audit");
      await page.close();

      const root = await signIn("root", lang, width);
      root.on("pageerror", (e) => errors.push(e.message));
      const res = await root.goto(`${base}/admin/staff`);
      expect(res?.status()).toBe(200);
      await shoot(root, `${lang}-${width}-staff`, problems);
      await root.close();
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
