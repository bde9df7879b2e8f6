import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { startBotApiEmulator, type BotApiEmulator } from "../support/bot-api-emulator.js";
import { runCli } from "../support/run-cli.js";
import type { BotMessage } from "../support/telegram-emulator.js";
import { waitFor } from "../support/process.js";

const TOKEN = "777001:AAdeployedPollingToken_abcdefghijklmno";
const REPORTER = 7101;
const LIAISON = 7102;
const buttons = (m: BotMessage) => (m.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
const offers = (data: string) => (m: BotMessage) => buttons(m).includes(data);

/**
 * `npm start` with a bot token and no PUBLIC_URL, as a newcomer runs it: the bot long-polls
 * telegram-test-api (behind a front that long-polls like Telegram, see bot-api-emulator.ts) and is
 * driven only from outside — the emulated users, HTTP, and the CLI. One service per database kind.
 */
describe.each(DB_KINDS)("npm start in long-polling mode against telegram-test-api, on %s", (kind) => {
  let api: BotApiEmulator;
  let db: ServiceDb;
  let svc: Service;
  let campaignId: string;
  let inviteToken: string;
  const env = () => ({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_BOT_USERNAME: "jubao_deployed_bot" });

  beforeAll(async () => {
    api = await startBotApiEmulator();
    db = await serviceDb(kind);
    // Before the server: on PGlite the running server holds DATA_DIR and the CLI is refused.
    const started = await runCli(env(), ["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422", "--figures-due-day", "5"]);
    campaignId = /campaign (\d+) started/.exec(started)![1];
    const invite = await runCli(env(), ["invite", "--unit", "430422103:township"]);
    inviteToken = /https:\/\/t\.me\/jubao_deployed_bot\?start=(li_[A-Za-z0-9_-]+)/.exec(invite)![1];
    svc = await startService(env());
  }, 300_000);

  afterAll(async () => {
    await svc?.stop();
    await api?.close();
    await db?.drop();
  });

  it("stays up with a token and no PUBLIC_URL (issue 10, defect 1): says it long-polls and answers /start", async () => {
    expect(svc.output()).toContain("on, long polling");
    const reporter = api.user(TOKEN, REPORTER, "Reporter");
    await reporter.command("/start");
    const welcome = await reporter.replyMatching((m) => m.message.text.includes("欢迎使用安全生产举报平台"), "welcome");
    expect(buttons(welcome)).toContain("rp:start");
    expect(svc.child.exitCode).toBeNull();
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    // Polling mode takes no webhook: the route says so instead of handing the update to the bot.
    const hook = await fetch(`${svc.url}/telegram/webhook`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(hook.status).toBe(404);
    expect(await hook.json()).toMatchObject({ error: "not_found" });
  }, 60_000);

  it("carries a tip conversation across a restart (Ctrl-C, npm start), then the receipt answers POST /api/v1/tips/status", async () => {
    const reporter = api.user(TOKEN, REPORTER, "Reporter");
    await reporter.command("/report");
    await reporter.replyMatching(offers("rp:s:fire_safety"), "sector step");
    await reporter.press("rp:s:fire_safety");
    await reporter.replyMatching(offers("rp:p:go:450100"), "city picker");
    await reporter.press("rp:p:go:450100");
    await reporter.replyMatching(offers("rp:p:go:450102"), "county picker");
    await reporter.press("rp:p:go:450102");
    await reporter.replyMatching(offers("rp:p:ok:450102"), "township picker");
    await reporter.press("rp:p:ok:450102");
    await reporter.replyMatching(offers("rp:e:skip"), "enterprise step");
    await reporter.press("rp:e:skip");
    await reporter.replyMatching((m) => m.message.text.includes("第 4 步"), "text step");
    await reporter.say("民族大道商场晚上把消防通道锁死了，走廊里堆满纸箱，一旦着火人跑不出去");
    await reporter.replyMatching(offers("rp:f:done"), "files step");

    await svc.stop();
    expect(svc.output()).toContain("shutting down");
    svc = await startService(env());

    await reporter.press("rp:f:done");
    await reporter.replyMatching(offers("rp:u:no"), "danger step, after the restart");
    await reporter.press("rp:u:no");
    await reporter.replyMatching(offers("rp:c:anon"), "contact step");
    await reporter.press("rp:c:anon");
    await reporter.replyMatching(offers("rp:r:submit"), "review");
    await reporter.press("rp:r:submit");
    const receipt = await reporter.replyMatching((m) => m.message.text.includes("密钥："), "receipt from the outbox");
    expect(receipt.message.text).toContain("南宁市消防救援支队");
    const code = /查询码：\s*(\S+)/.exec(receipt.message.text)![1];
    const secret = /密钥：\s*(\S+)/.exec(receipt.message.text)![1];

    const status = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: code, secret }),
    });
    expect(status.status).toBe(200);
    const tip = (await status.json()) as { trackingCode: string; status: string; sector: unknown; text: string; unit: unknown };
    expect(tip.trackingCode).toBe(code);
    expect(tip.text).toContain("消防通道锁死");
    expect(JSON.stringify(tip.unit)).toContain("南宁市消防救援支队");
    const wrong = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: code, secret: secret.replace(/.$/, (c) => (c === "A" ? "B" : "A")) }),
    });
    expect(wrong.status).not.toBe(200);
  }, 180_000);

  it("binds a liaison by the CLI's invite link, files the 月报表 by /figures, and the CLI export shows it", async () => {
    const liaison = api.user(TOKEN, LIAISON, "Liaison");
    await liaison.command(`/start ${inviteToken}`);
    await liaison.replyMatching((m) => m.message.text.includes("绑定成功"), "bound as liaison");
    await liaison.command("/figures");
    const first = await liaison.replyMatching((m) => m.message.text.includes("第 1/11 项"), "question 1");
    const [, year, month] = /(\d{4})年(\d{1,2})月/.exec(first.message.text)!;
    const period = `${year}-${month.padStart(2, "0")}`;
    const answers = ["10", "25", "30", "2", "3500元", "0", "1", "0", "两", "0", "0"];
    for (const [i, answer] of answers.entries()) {
      await liaison.say(answer);
      const next = i + 2;
      await liaison.replyMatching(
        (m) => (next <= 11 ? m.message.text.includes(`第 ${next}/11 项`) : m.message.text.includes("累计数")),
        `after answer ${i + 1}`,
      );
    }
    await liaison.press("fig:submit");
    await liaison.replyMatching((m) => m.message.text.includes("月报表已报送"), "submitted");

    // From outside: the operator's export reads the filing. PGlite: the server must be stopped first.
    await svc.stop();
    const csv = await runCli(env(), ["export", "--campaign", campaignId, "--month", period, "--format", "csv", "--unit", "430422103:township"]);
    svc = await startService(env());
    expect(csv).toContain("茶市镇");
    const row = (label: string) => csv.split(/\r?\n/).find((l) => l.includes(label)) ?? "";
    expect(row("执法活动")).toMatch(/,10,/);
    expect(row("出动执法人员")).toMatch(/,25,/);
    expect(row("经济处罚")).toMatch(/,0\.35,/);
  }, 240_000);
});

/**
 * The Bot API away at start-up, then back, then gone again mid-polling: the server keeps serving
 * /healthz throughout, each failed attempt is one log line (no stack, never the token) with a growing
 * wait, and polling picks up by itself each time the API returns.
 */
describe.each(DB_KINDS)("npm start in long-polling mode while the Bot API is away, on %s", (kind) => {
  let api: BotApiEmulator;
  let db: ServiceDb;
  let svc: Service | undefined;

  afterAll(async () => {
    await svc?.stop();
    await api?.close();
    await db?.drop();
  });

  const logLines = (msg: string) =>
    svc!
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === msg);

  it("stays up and serves /healthz, retries with backoff in one line each, and polls once the API is back", async () => {
    api = await startBotApiEmulator();
    db = await serviceDb(kind);
    await api.goAway();
    svc = await startService({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot });
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    await waitFor(() => logLines("telegram long polling start failed, retrying").length >= 3, "three failed starts", 30_000);
    const waits = logLines("telegram long polling start failed, retrying").map((l) => l.retryInSeconds as number);
    expect(waits.slice(0, 3)).toEqual([1, 2, 4]);
    expect(logLines("telegram long polling start failed, retrying")[0]).toMatchObject({ level: "warn", code: "ECONNREFUSED" });
    expect(svc.output()).not.toMatch(/^\s+at /m);
    expect(svc.output()).not.toContain(TOKEN.split(":")[1]);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);

    await api.comeBack();
    const reporter = api.user(TOKEN, REPORTER, "Reporter");
    await reporter.command("/start");
    await reporter.replyMatching((m) => m.message.text.includes("欢迎使用安全生产举报平台"), "welcome once the API is back", 30_000);
    expect(logLines("telegram long polling start recovered")).toHaveLength(1);

    await api.goAway();
    await waitFor(() => logLines("telegram long polling failed, retrying").length >= 2, "failed polls", 30_000);
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    await reporter.command("/start"); // stored by the emulator until the bot polls again
    await api.comeBack();
    await reporter.replyMatching((m) => m.message.text.includes("欢迎使用安全生产举报平台"), "welcome after the second outage", 30_000);
    expect(svc.output()).not.toMatch(/^\s+at /m);
    expect(svc.child.exitCode).toBeNull();
  }, 180_000);
});
