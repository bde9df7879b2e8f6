import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { startBotApiEmulator, type BotApiEmulator } from "../support/bot-api-emulator.js";
import { runCli } from "../support/run-cli.js";
import { Browser, cliCreateStaff } from "./http-support.js";

const TOKEN = "777002:AAdeployedUrgencyToken_abcdefghijklmno";
const LIAISON = 7202;
const GATEWAY_SECRET = "deployed-urgency-gateway-secret";

/**
 * #14 item 2 on `npm start`: an SMS tip that reads as possible danger (a cracked scaffold with workers on
 * it, nothing saying "now") gets a receipt that asks "is anyone in danger right now?"; the sender's "1"
 * makes the tip urgent, the 南宁市安委办's liaison (bound through the CLI invite and the bot) receives the
 * urgent alert on the emulated Telegram side, and the staff tip page shows that the urgency came from the
 * reporter's SMS answer. An English "2" is recorded and changes nothing: that tip page keeps its
 * "possible danger" badge and the words read. Signed generic-gateway webhooks.
 */
describe.each(DB_KINDS)("the SMS urgency question on the deployed service, on %s", (kind) => {
  let api: BotApiEmulator;
  let db: ServiceDb;
  let svc: Service | undefined;
  let inviteToken: string;
  const env = () => ({
    ...db.env,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_BOT_USERNAME: "jubao_urgency_bot",
    SMS_PROVIDER: "generic",
    SMS_GATEWAY_SECRET: GATEWAY_SECRET,
  });

  beforeAll(async () => {
    api = await startBotApiEmulator();
    db = await serviceDb(kind);
    // Before the server: on PGlite the running server holds DATA_DIR and the CLI is refused.
    const invite = await runCli(env(), ["invite", "--unit", "450100:committee"]);
    inviteToken = /https:\/\/t\.me\/jubao_urgency_bot\?start=(li_[A-Za-z0-9_-]+)/.exec(invite)![1];
    await cliCreateStaff(db.env, ["--username", "nn-urgency", "--role", "committee", "--jurisdiction", "450100"]);
    svc = await startService(env());
  }, 300_000);
  afterAll(async () => {
    await svc?.stop();
    await api?.close();
    await db?.drop();
  });

  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `urgency-${++n}` });
    const res = await fetch(`${svc!.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };

  it("asks, and the reply 1 makes the tip urgent, alerts the committee's liaison at once, and the tip page names the SMS answer", async () => {
    const liaison = api.user(TOKEN, LIAISON, "Liaison");
    await liaison.command(`/start ${inviteToken}`);
    await liaison.replyMatching((m) => m.message.text.includes("绑定成功"), "bound as liaison");

    const phone = "+8613900181001";
    // A petrol station's tank that "seems" to leak: danger possible, not certain, so the SMS asks (the session 8
    // model's lower SMS threshold reads a warehouse drum leaking "a bit" as urgent).
    const receipt = await sms(phone, "南宁市兴宁区那个加油站的油罐好像在漏油");
    const [, code] = /查询码([A-Z0-9-]{11}) 密钥[A-Z0-9-]{29}/.exec(receipt) ?? [];
    expect(code, receipt).toBeDefined();
    expect(receipt).toContain("现在是否有人处于危险？回复 1 是 / 2 否");

    const answer = await sms(phone, "1");
    expect(answer).toBe("您报告了现实危险，这条举报已标记为紧急，并已通知：南宁市安委办。如有人员生命危险，请立即拨打 119 或 110。");
    const alert = await liaison.replyMatching((m) => m.message.text.includes("紧急举报告知") && m.message.text.includes(code), "urgent alert to the committee");
    expect(alert.message.text).toContain("油罐好像在漏油");
    // The question is answered: a second "1" is an ordinary (too short) message, not a second alert.
    expect(await sms(phone, "1")).not.toContain("已标记为紧急");

    const staff = new Browser(svc!.url);
    await staff.login("nn-urgency");
    const queue = await (await staff.fetch(`/admin?q=${encodeURIComponent(code)}`)).text();
    expect(queue).toContain('data-urgency-source="sms_answer"');
    const id = new RegExp(`href="/admin/tips/(\\d+)">${code}<`).exec(queue)?.[1];
    expect(id, queue.slice(0, 300)).toBeDefined();
    const page = await (await staff.fetch(`/admin/tips/${id}`)).text();
    expect(page).toMatch(/id="urgency-source" data-source="sms_answer">[^<]*\(举报人短信确认\)/);
    // Confirmed: no longer "possible".
    expect(page).not.toContain('id="possible-danger"');
    expect(page).toContain('data-kind="urgency_asked"');
    expect(page).toContain('data-kind="urgency_answered"');
  }, 180_000);

  it("an English tip is asked in English, and the reply 2 is recorded without making it urgent", async () => {
    const phone = "+8613900181002";
    const receipt = await sms(phone, "Xingning district Nanning, building site on Kunlun Avenue, the scaffold has a big crack and workers on it");
    expect(receipt).toMatch(/Code [A-Z0-9-]{11} secret [A-Z0-9-]{29}/);
    expect(receipt).toContain("Is anyone in danger right now? Reply 1 yes / 2 no");
    expect(await sms(phone, "2")).toBe("Noted: nobody is in danger right now. If that changes, call 119 or 110 at once.");
    const code = /Code ([A-Z0-9-]{11})/.exec(receipt)![1];
    const staff = new Browser(svc!.url);
    await staff.login("nn-urgency");
    const queue = await (await staff.fetch(`/admin?q=${encodeURIComponent(code)}`)).text();
    const id = new RegExp(`href="/admin/tips/(\\d+)">${code}<`).exec(queue)![1];
    const page = await (await staff.fetch(`/admin/tips/${id}`)).text();
    expect(page).not.toContain('id="urgency-source"');
    // Still only possible: the badge stays, with the words the router read.
    expect(page).toMatch(/id="possible-danger"[^>]*>[^<]*可能有危险/);
    expect(page).toMatch(/id="possible-danger-words"[^>]*>[^<]*crack/);
    expect(page).toMatch(/data-kind="urgency_answered"[\s\S]*?否/);
  }, 120_000);

  it("a dialect SMS telling of a collapse under way with workers below is urgent at once: no question, the liaison alerted, the router named", async () => {
    const liaison = api.user(TOKEN, LIAISON, "Liaison");
    const phone = "+8613900181003";
    // Cantonese aspect (一直喺度塌: is collapsing all along) and presence (仲喺下面: still below), with SMS spaces.
    const receipt = await sms(phone, "南宁市兴宁区 昆仑大道个工地 边坡一直喺度塌 工友仲喺下面做嘢");
    const [, code] = /查询码([A-Z0-9-]{11})/.exec(receipt) ?? [];
    expect(code, receipt).toBeDefined();
    expect(receipt).not.toContain("现在是否有人处于危险");
    const alert = await liaison.replyMatching(
      (m) => m.message.text.includes("紧急举报告知") && m.message.text.includes(code),
      "urgent alert for the dialect tip",
    );
    expect(alert.message.text).toContain("边坡一直喺度塌");
    const staff = new Browser(svc!.url);
    await staff.login("nn-urgency");
    const queue = await (await staff.fetch(`/admin?q=${encodeURIComponent(code)}`)).text();
    const id = new RegExp(`href="/admin/tips/(\\d+)">${code}<`).exec(queue)![1];
    const page = await (await staff.fetch(`/admin/tips/${id}`)).text();
    expect(page).toMatch(/id="urgency-source" data-source="classifier">/);
    expect(page).not.toContain('id="possible-danger"');
  }, 120_000);
});
