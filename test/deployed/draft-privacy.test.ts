import { afterAll, beforeAll, describe, expect, it } from "vitest";
import TelegramServer from "telegram-test-api";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { freeTcpPort } from "../support/telegram-emulator.js";
import { storedOccurrences } from "./stored-bytes.js";
import { performWebhookReply } from "../support/webhook-reply.js";

const TOKEN = "515151:Deployed-privacy-token-abcdefghijklmno";
const HOOK_SECRET = "deployed-privacy-hook-secret";
const CHAT = 6_100_123;
const NAME = "欧阳晓燕";
const PHONE = "13912345678";
const CONTACT = `${NAME} ${PHONE}`;

/**
 * `npm start` in webhook mode (PUBLIC_URL set) against telegram-test-api: the service registers its
 * webhook and sends its replies to the emulator; the updates are posted to the webhook with the secret
 * header, as Telegram does. A reporter leaves a name and phone and stops at the review screen; the
 * service is stopped, the stored bytes are searched; then it is started again, the report submitted,
 * and the bytes searched once more.
 */
describe.each(DB_KINDS)("a Telegram draft with a contact, through the deployed service, on %s", (kind) => {
  let emulator: InstanceType<typeof TelegramServer>;
  let db: ServiceDb;
  let env: Record<string, string>;
  let port: number;
  let svc: Service | undefined;
  let updateId = Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    emulator = new TelegramServer({ port: await freeTcpPort(), host: "127.0.0.1", storeTimeout: 600 });
    await emulator.start();
    db = await serviceDb(kind);
    port = await freeTcpPort();
    env = {
      ...db.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: emulator.config.apiURL.replace(/\/$/, ""),
      TELEGRAM_BOT_USERNAME: "jubao_test_bot",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
    };
  });
  afterAll(async () => {
    await svc?.kill9();
    await emulator?.stop();
    await db?.drop();
  });

  const from = { id: CHAT, is_bot: false, first_name: "Reporter", language_code: "zh-hans" };
  const chat = { id: CHAT, type: "private", first_name: "Reporter" };
  const post = async (update: Record<string, unknown>) => {
    const res = await fetch(`${svc!.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": HOOK_SECRET },
      body: JSON.stringify({ update_id: ++updateId, ...update }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    await performWebhookReply(res, emulator.config.apiURL, TOKEN);
  };
  const say = (text: string) =>
    post({
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        text,
        ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
      },
    });
  const press = (data: string) =>
    post({
      callback_query: { id: String(updateId), chat_instance: "ci", data, from, message: { message_id: 1, date: 0, chat, text: "…" } },
    });
  /** The bot's messages to the chat since the last call, as the emulator received them. */
  const botTexts = async (): Promise<string[]> => {
    const res = await fetch(`${emulator.config.apiURL.replace(/\/$/, "")}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: TOKEN, chatId: CHAT }),
    });
    const body = (await res.json()) as { result: { message: { text: string } }[] };
    return body.result.map((u) => u.message.text);
  };
  const waitForText = async (pattern: RegExp, what: string): Promise<string> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const hit = (await botTexts()).find((t) => pattern.test(t));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const storedLeaks = () => storedOccurrences(db, [CONTACT, NAME, PHONE], ["conversations", "tips", "tip_events", "outbox", "audit_log"]);

  it("never writes the reporter's name or phone in clear: neither in the draft at consent and review, nor after submit", async () => {
    svc = await startService(env, { port });
    await say("/report");
    await waitForText(/第 1 步/, "the sector question");
    await press("rp:s:fire_safety");
    await press("rp:p:skip");
    await press("rp:e:skip");
    await say("商场安全出口被铁链锁住，消防通道堆满货物，南宁市兴宁区");
    await press("rp:f:done");
    await press("rp:u:no");
    await press("rp:c:contact");
    await say(CONTACT);
    await press("rp:k:yes");
    await waitForText(/欧阳晓燕 13912345678/, "the review screen");
    await svc.stop();
    svc = undefined;
    expect(await storedLeaks(), "after the draft").toEqual([]);

    svc = await startService(env, { port });
    await press("rp:r:submit");
    await waitForText(/已转交/, "the submit answer");
    const receipt = await waitForText(/密钥/, "the receipt from the outbox");
    const code = /[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}/.exec(receipt)![0];
    const secret = /[2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){5}/.exec(receipt)![0];
    const status = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: code, secret }),
    });
    expect(status.status).toBe(200);
    await svc.stop();
    svc = undefined;
    expect(await storedLeaks(), "after the submit").toEqual([]);
  }, 300_000);
});
