import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { startBotApiEmulator, type BotApiEmulator } from "../support/bot-api-emulator.js";
import { freeTcpPort } from "../support/telegram-emulator.js";
import { waitFor } from "../support/process.js";
import { performWebhookReply } from "../support/webhook-reply.js";

const TOKEN = "777002:AAdeployedWebhookToken_abcdefghijklmno";
const CHAT = 7201;
const OTHER_CHAT = 7202;

/** The update Telegram would post when the user of `chat` sends `text`. */
function messageUpdate(updateId: number, text: string, chat = CHAT) {
  const command = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] : undefined;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      text,
      ...(command ? { entities: command } : {}),
      chat: { id: chat, type: "private", first_name: "Webhook" },
      from: { id: chat, is_bot: false, first_name: "Webhook" },
    },
  };
}

/**
 * `npm start` with PUBLIC_URL set to the service's own address: the process registers its webhook with
 * the Bot API (telegram-test-api) and takes updates posted to /telegram/webhook, as Telegram posts
 * them, with the X-Telegram-Bot-Api-Secret-Token header it registered. The emulator's own webhook
 * delivery sends no secret header, so the test posts the updates itself; the bot's answers go to the
 * emulator through sendMessage and are read there.
 */
describe.each(DB_KINDS)("npm start in webhook mode (PUBLIC_URL) against telegram-test-api, on %s", (kind) => {
  let api: BotApiEmulator;
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    api = await startBotApiEmulator();
    db = await serviceDb(kind);
    const port = await freeTcpPort();
    // Telegram is away when the server starts: it must serve anyway and register once Telegram is back.
    await api.goAway();
    svc = await startService({ ...db.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, PUBLIC_URL: `http://127.0.0.1:${port}` }, { port });
    await waitFor(() => svc.output().includes("telegram webhook registration failed, retrying"), "a failed registration", 30_000);
    await api.comeBack();
  }, 180_000);

  afterAll(async () => {
    await svc?.stop();
    await api?.close();
    await db?.drop();
  });

  /** Posts as Telegram does, and as Telegram does, performs the reply the answer carries (webhook reply). */
  const post = async (body: unknown, secret?: string) => {
    const res = await fetch(`${svc.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }) },
      body: JSON.stringify(body),
    });
    await performWebhookReply(res.clone(), api.apiRoot, TOKEN);
    return res;
  };

  it("registers PUBLIC_URL/telegram/webhook with the emulator's setWebhook, with a secret token, once the Bot API is back", async () => {
    expect(svc.output()).toMatch(/"msg":"telegram webhook registration failed, retrying","error":"Network request for 'getMe' failed!","code":"ECONNREFUSED"/);
    expect(svc.output()).not.toMatch(/^\s+at /m);
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const hook = api.webhookOf(TOKEN)!;
    expect(hook.url).toBe(`${svc.url}/telegram/webhook`);
    expect(hook.secret_token).toMatch(/^[A-Za-z0-9_-]{16,256}$/);
    expect(hook.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query"]));
    expect(svc.output()).toContain(`on, webhook at ${svc.url}/telegram/webhook`);
    expect(api.polls()).toBe(0); // webhook mode never long-polls
  }, 60_000);

  it("answers an update posted with the registered secret: the bot's reply reaches the emulator", async () => {
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const user = api.user(TOKEN, CHAT, "Webhook");
    const res = await post(messageUpdate(9001, "/start"), api.webhookOf(TOKEN)!.secret_token);
    expect(res.status).toBe(200);
    const welcome = await user.replyMatching((m) => m.message.text.includes("欢迎使用安全生产举报平台"), "welcome");
    expect(String(welcome.message.chat_id)).toBe(String(CHAT));

    const report = await post(messageUpdate(9002, "/report"), api.webhookOf(TOKEN)!.secret_token);
    expect(report.status).toBe(200);
    await user.replyMatching((m) => m.message.text.includes("第 1 步"), "sector step");
  }, 60_000);

  it("refuses a missing or wrong secret with 401 on the wire, and the bot stays silent", async () => {
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const secret = api.webhookOf(TOKEN)!.secret_token!;
    expect((await post(messageUpdate(9101, "/start", OTHER_CHAT))).status).toBe(401);
    expect((await post(messageUpdate(9102, "/start", OTHER_CHAT), `${secret}x`)).status).toBe(401);
    expect((await post(messageUpdate(9103, "/start", OTHER_CHAT), "")).status).toBe(401);
    // A later good update is answered, and it is the chat's only answer: the refused ones never reached the bot.
    expect((await post(messageUpdate(9104, "/help", OTHER_CHAT), secret)).status).toBe(200);
    await api.user(TOKEN, OTHER_CHAT, "Webhook").replyMatching(() => true, "reply to /help");
    const toOther = api.server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(OTHER_CHAT));
    expect(toOther).toHaveLength(1);
    expect(toOther[0].message.text).not.toContain("欢迎使用安全生产举报平台");
  }, 60_000);

  it("answers /help in the webhook's own answer (a sendMessage to that chat), with no request of its own to the Bot API", async () => {
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const chat = 7203;
    const res = await fetch(`${svc.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": api.webhookOf(TOKEN)!.secret_token! },
      body: JSON.stringify(messageUpdate(9201, "/help", chat)),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const reply = (await res.clone().json()) as { method: string; chat_id: number; text: string };
    expect(reply).toMatchObject({ method: "sendMessage", chat_id: chat });
    expect(reply.text).toContain("/report");
    const toChat = () => api.server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chat));
    expect(toChat()).toHaveLength(0); // the process sent nothing itself: the answer carries the reply
    expect(await performWebhookReply(res, api.apiRoot, TOKEN)).toBe("sendMessage");
    expect(toChat().map((m) => m.message.text)).toEqual([reply.text]);
  }, 60_000);

  it("refuses a body that is not a JSON object with 400 on the wire (after the secret check), and still serves the next update", async () => {
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const secret = api.webhookOf(TOKEN)!.secret_token!;
    const raw = (body: string, s?: string) =>
      fetch(`${svc.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(s === undefined ? {} : { "x-telegram-bot-api-secret-token": s }) },
        body,
      });
    expect((await raw("{not json", `${secret}x`)).status).toBe(401);
    for (const body of ["{not json", "[1,2]", "", "null", '"text"']) {
      const res = await raw(body, secret);
      expect(res.status, body).toBe(400);
      expect(await res.json()).toEqual({ error: "invalid_update" });
    }
    // A body in several TCP chunks (a long text, multibyte characters across chunk borders) is read whole.
    const long = `/help ${"安全".repeat(40_000)}`;
    const res = await raw(JSON.stringify(messageUpdate(9250, long, 7250)), secret);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { chat_id: number }).chat_id).toBe(7250);
  }, 60_000);

  it("answers an update_id delivered twice at once exactly once (one answer carries the reply, the other is empty)", async () => {
    await waitFor(() => api.webhookOf(TOKEN) !== undefined, "setWebhook at the emulator", 30_000);
    const secret = api.webhookOf(TOKEN)!.secret_token!;
    for (const [i, text] of ["/help", "/status", "/start"].entries()) {
      const chat = 7300 + i;
      const update = messageUpdate(9300 + i, text, chat);
      const answers = await Promise.all([post(update, secret), post(update, secret), post(update, secret)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const bodies = await Promise.all(answers.map((r) => r.text()));
      expect(bodies.filter((b) => b.includes('"method":"sendMessage"'))).toHaveLength(1);
      expect(bodies.filter((b) => b === "")).toHaveLength(2);
      // A later redelivery of the same update is answered with nothing either.
      expect(await (await post(update, secret)).text()).toBe("");
      const toChat = api.server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chat));
      expect(toChat).toHaveLength(1);
    }
  }, 60_000);
});
