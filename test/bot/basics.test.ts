import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import { chatPrefs } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, callbackUpdate, recordApiCalls, sentTexts, textUpdate } from "../support/fake-telegram.js";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "hook-secret-123";

describe.each(DB_KINDS)("bot basics through POST /telegram/webhook on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
  });
  afterAll(async () => database?.close());

  function setup() {
    const deps = testDeps(database, { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET } });
    const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
    const calls = recordApiCalls(bot);
    const app = createApp({ deps, bot });
    const post = (update: unknown, secret: string | null = SECRET) =>
      app.request("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
        body: JSON.stringify(update),
      });
    return { deps, calls, post };
  }

  it("rejects a request without the right secret token before the bot sees it", async () => {
    const { calls, post } = setup();
    expect((await post(textUpdate(9001, "/start"), null)).status).toBe(401);
    expect((await post(textUpdate(9001, "/start"), "wrong")).status).toBe(401);
    expect(calls).toHaveLength(0);
  });

  it("/start greets in Chinese by default and /help lists the commands", async () => {
    const { calls, post } = setup();
    expect((await post(textUpdate(9002, "/start"))).status).toBe(200);
    await post(textUpdate(9002, "/help"));
    const texts = sentTexts(calls, 9002);
    expect(texts[0]).toContain("欢迎使用安全生产举报平台");
    expect(texts[1]).toContain("/report");
    expect(texts[1]).toContain("/figures");
  });

  it("/lang stores English for the chat and later replies follow it; the chat id is not stored in clear", async () => {
    const { calls, post } = setup();
    await post(textUpdate(9003, "/lang"));
    const keyboard = calls.at(-1)!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(["lang:zh-CN", "lang:en"]);
    await post(callbackUpdate(9003, "lang:en"));
    expect(sentTexts(calls, 9003).at(-1)).toBe("The language is now English.");
    await post(textUpdate(9003, "/start"));
    expect(sentTexts(calls, 9003).at(-1)).toContain("Welcome to the work-safety tip line");
    const prefs = await database.db.select().from(chatPrefs);
    expect(prefs.some((p) => p.chatHash === "9003")).toBe(false);
    const mine = prefs.filter((p) => p.locale === "en");
    expect(mine.length).toBeGreaterThan(0);
    // Another chat is unaffected.
    await post(textUpdate(9004, "/start"));
    expect(sentTexts(calls, 9004)[0]).toContain("欢迎");
    expect(await database.db.select().from(chatPrefs).where(eq(chatPrefs.locale, "zh-CN"))).toHaveLength(0);
  });

  it("handles a redelivered update_id once", async () => {
    const { calls, post } = setup();
    const update = textUpdate(9005, "/help");
    await post(update);
    await post(update);
    expect(sentTexts(calls, 9005)).toHaveLength(1);
  });
});
