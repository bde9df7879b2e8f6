import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser } from "playwright-core";
import type { Deps } from "../../src/app/deps.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { drainOutbox } from "../../src/app/outbox/drain-outbox.js";
import { createApp } from "../../src/http/app.js";
import { tips, units } from "../../src/db/schema.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const CHROMIUM = "/usr/bin/chromium";
/** Kept for a person to look at after a run (as the web-form test does). */
const SHOTS = join(tmpdir(), "jubao-screenshots");
const REQUIRED = process.env.JUBAO_BROWSER_REQUIRED === "1";
const AVAILABLE = existsSync(CHROMIUM);
if (!AVAILABLE && !REQUIRED)
  console.warn(
    `[jubao tests] ${CHROMIUM} is missing: the admin browser test is SKIPPED (set JUBAO_BROWSER_REQUIRED=1 to make this a failure; apt-get install chromium).`,
  );

const TOKEN = "123456:TEST-token-for-the-fake-bot-api-xyz";
const REPORTER_CHAT = "424242";
const PASSWORD = "a long enough pass phrase 2024";

/** A fake Telegram Bot API on 127.0.0.1: records every sendMessage. */
function fakeBotApi(): Promise<{ server: Server; url: string; sent: { chat_id: string; text: string }[] }> {
  const sent: { chat_id: string; text: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.url?.endsWith("/sendMessage")) sent.push(JSON.parse(body));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result: { message_id: sent.length } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent })),
  );
}

describe.runIf(AVAILABLE || REQUIRED)("admin triage in headless Chromium", () => {
  let database: TestDb;
  let deps: Deps;
  let http: ServerType;
  let base: string;
  let bot: Awaited<ReturnType<typeof fakeBotApi>>;
  let browser: Browser;

  beforeAll(async () => {
    bot = await fakeBotApi();
    database = await openTestDb("pglite");
    deps = testDeps(database, { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: bot.url } });
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
    await new Promise((r) => bot?.server.close(r));
    await database?.close();
  });

  it("logs in, filters, opens a tip, accepts, transfers, records a result, closes — and the reporter's chat gets the feedback", async () => {
    const marker = "三号仓库";
    const r = await submitTip(deps, {
      channel: "telegram",
      text: `商场${marker}把消防通道和安全出口都堵死了`,
      place: "南宁市兴宁区",
      reporter: { address: REPORTER_CHAT },
    });
    await submitTip(deps, { channel: "web", text: "另一家商场的疏散通道也被货物堵塞了", place: "南宁市兴宁区" });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${base}/admin/login`);
    expect(await page.evaluate(() => document.compatMode)).toBe("CSS1Compat"); // standards mode
    await page.fill("input[name=username]", "nanning");
    await page.fill("input[name=password]", PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click("button[type=submit]")]);

    await page.selectOption("select[name=status]", "received");
    await page.fill("input[name=q]", marker);
    await Promise.all([page.waitForURL(/\/admin\?/), page.click("form.filters button[type=submit]")]);
    const rows = page.locator("#queue tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(r.trackingCode);
    mkdirSync(SHOTS, { recursive: true });
    const queueShot = await page.screenshot({ path: join(SHOTS, "admin-queue.png"), fullPage: true });
    expectPng(queueShot);
    expect(await page.locator("h1").textContent()).toBe("举报队列");

    await Promise.all([page.waitForURL(/\/admin\/tips\/\d+$/), page.click(`a:has-text("${r.trackingCode}")`)]);
    expect(await page.locator("#tip-text").textContent()).toContain(marker);
    const tipShot = await page.screenshot({ path: join(SHOTS, "admin-tip.png"), fullPage: true });
    expectPng(tipShot);

    const submitForm = async (id: string) => Promise.all([page.waitForURL(/done=/), page.click(`#${id} button[type=submit]`)]);
    await submitForm("form-accept");
    expect(await page.locator("#tip-status").textContent()).toBe("已受理");

    const [target] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    await page.selectOption("#form-transfer select[name=unitId]", String(target.id));
    await page.fill("#form-transfer textarea[name=reason]", "需由市安委办协调");
    await submitForm("form-transfer");
    expect(await page.locator("#tip-unit").textContent()).toBe(target.name);

    await submitForm("form-investigate");
    await page.selectOption("#form-result select[name=result]", "substantiated");
    await page.fill("#form-result textarea[name=findings]", "现场核查，消防通道被货物堵塞");
    await page.fill("#form-result textarea[name=measures]", "责令立即清理，罚款五千元");
    await submitForm("form-result");
    expect(await page.locator("#tip-status").textContent()).toBe("查实");

    await page.fill("#form-close textarea[name=conclusion]", "举报属实");
    await page.fill("#form-close textarea[name=summary]", "消防通道被货物堵塞，已现场核实");
    await page.fill("#form-close textarea[name=decision]", "责令整改并处罚款");
    await page.fill("#form-close textarea[name=rewardEligibility]", "符合奖励条件，另行通知");
    await submitForm("form-close");
    expect(await page.locator("#tip-status").textContent()).toBe("办结");
    expect(await page.locator("#events tr[data-kind=transferred]").count()).toBe(1);
    expect(await page.locator("#events tr[data-kind=transferred]").textContent()).toContain("需由市安委办协调");
    expect(await page.locator("#events tr[data-kind=result]").textContent()).toContain("责令立即清理，罚款五千元");
    expectPng(await page.screenshot({ path: join(SHOTS, "admin-tip-closed.png"), fullPage: true }));
    expect(errors).toEqual([]);

    const [stored] = await deps.db.select().from(tips).where(eq(tips.id, r.tipId));
    expect(stored).toMatchObject({ status: "closed", unitId: target.id });

    const drained = await drainOutbox(deps, { maxMs: 20_000 });
    expect(drained.sent).toBeGreaterThan(0);
    const toReporter = bot.sent.filter((m) => String(m.chat_id) === REPORTER_CHAT);
    const feedback = toReporter.find((m) => m.text.includes("核查结论"));
    expect(feedback?.text).toContain("举报属实");
    expect(feedback?.text).toContain("符合奖励条件，另行通知");
    expect(feedback?.text).toContain(r.trackingCode);
  });
});

function expectPng(shot: Buffer): void {
  expect(shot.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(shot.length).toBeGreaterThan(8_000);
}
