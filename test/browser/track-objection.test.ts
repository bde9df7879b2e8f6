import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
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
const ANSWER = { conclusion: "举报属实", summary: "现场检查发现消防通道被货物堵塞", decision: "责令当场清理并处罚款两万元", rewardEligibility: "符合奖励条件" };
const nanning: StaffActor = { id: 941, username: "nanning", displayName: "N", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };

/** /track on a phone: the answer as a labelled block and the objection form, without JavaScript. */
describe.runIf(HAVE_CHROMIUM || REQUIRED).each(DB_KINDS)("the answer and the objection form on /track in headless Chromium on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: createApp({ deps }).fetch, hostname: "127.0.0.1", port: 0 }, (info) => resolve(info.port));
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

  it("shows the four items and takes an objection with JavaScript off", async () => {
    const tip = await submitTip(deps, { channel: "web", text: "兴宁区一家商场把消防通道堆满货物，安全出口也锁着", place: "南宁市兴宁区" });
    await acceptTip(deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(deps, { actor: nanning, tipId: tip.tipId, result: "substantiated", findings: "属实" });
    await closeTip(deps, { actor: nanning, tipId: tip.tipId, ...ANSWER });

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/track?code=${tip.trackingCode}`);
    await page.fill("#secret", tip.secret);
    await page.click("button[type=submit]");
    const answer = (await page.textContent("#answer"))!;
    for (const [label, v] of [
      ["核查结论", ANSWER.conclusion],
      ["简要核查情况", ANSWER.summary],
      ["处理决定", ANSWER.decision],
      ["符合奖励条件情况", ANSWER.rewardEligibility],
    ])
      expect(answer).toContain(`${label}${v}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const shot = await page.screenshot({ fullPage: true });
    writeFileSync(join(SHOTS, `track-answer-${kind}.png`), shot);
    expect(shot.byteLength).toBeGreaterThan(10_000);

    await page.fill("#objection-text", "我不服：商场晚上又把货物堆回通道了");
    await page.click("#objection button[type=submit]");
    expect(await page.textContent("#objection-sent")).toContain("异议已提交");
    expect((await page.textContent("#status-label"))!.trim()).toBe("已提出异议，待复核");
    expect(await page.locator("#objection").count()).toBe(0);
    await context.close();
  });
});
