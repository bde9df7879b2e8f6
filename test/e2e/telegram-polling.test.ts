import { afterAll, beforeAll, describe, expect, it } from "vitest";
import TelegramServer from "telegram-test-api";
import type { TelegramClient } from "telegram-test-api/lib/modules/telegramClient.js";
import { createBot } from "../../bot/create-bot.js";
import { tips } from "../../src/db/schema.js";
import type { TelegramRunner } from "../../src/adapters/telegram-runner.js";
import { freeTcpPort, startPollingAgainstEmulator, type BotMessage } from "../support/telegram-emulator.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const TOKEN = "424242:E2E-polling-token-abcdefghijklmnopqrstu";

/**
 * End to end over HTTP: telegram-test-api serves a fake Bot API on a local port; our bot long-polls it
 * through the same runner main.ts uses (no PUBLIC_URL → polling), with TELEGRAM_API_ROOT pointing at it.
 * The emulated user talks through the emulator's client API. Every wait is bounded; all is stopped after.
 */
describe.each(DB_KINDS)("the bot in long-polling mode against telegram-test-api, on %s", (kind) => {
  let server: InstanceType<typeof TelegramServer>;
  let database: TestDb;
  let runner: TelegramRunner | undefined;
  let client: TelegramClient;

  beforeAll(async () => {
    server = new TelegramServer({ port: await freeTcpPort(), host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    database = await openTestDb(kind);
    const deps = testDeps(database, { env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL } });
    const bot = createBot({ token: TOKEN, deps });
    runner = await startPollingAgainstEmulator(bot, deps);
    expect(runner.mode).toBe("polling");
    client = server.getClient(TOKEN, { chatId: 5150, userId: 5150, firstName: "Reporter", timeout: 15_000, interval: 50 });
  });

  afterAll(async () => {
    await runner?.stop();
    await server?.stop();
    await database?.close();
  });

  async function nextReply(): Promise<BotMessage> {
    const updates = (await client.getUpdates()) as unknown as { result: BotMessage[] };
    expect(updates.result).toHaveLength(1);
    return updates.result[0];
  }

  it("answers /start in Chinese with the report button, switches to English with /lang, then greets in English", async () => {
    await client.sendCommand(client.makeCommand("/start"));
    const welcome = await nextReply();
    expect(String(welcome.message.chat_id)).toBe("5150");
    expect(welcome.message.text).toContain("欢迎使用安全生产举报平台");

    await client.sendCommand(client.makeCommand("/lang"));
    const choose = await nextReply();
    expect(choose.message.text).toContain("Choose a language");
    const data = choose.message.reply_markup!.inline_keyboard!.flat().map((b) => b.callback_data);
    expect(data).toEqual(["lang:zh-CN", "lang:en"]);

    await client.sendCallback(client.makeCallbackQuery("lang:en"));
    expect((await nextReply()).message.text).toBe("The language is now English.");

    await client.sendCommand(client.makeCommand("/start"));
    const english = await nextReply();
    expect(english.message.text).toContain("Welcome to the work-safety tip line");
    expect(english.message.reply_markup!.inline_keyboard!.flat()).toContainEqual({ text: "📝 Report a hazard", callback_data: "rp:start" });
  });

  it("runs the first steps of /report over the emulator: the sector keyboard, then the place pickers", async () => {
    await client.sendCallback(client.makeCallbackQuery("rp:start"));
    const sectors = await nextReply();
    expect(sectors.message.text).toContain("Step 1");
    expect(sectors.message.reply_markup!.inline_keyboard!.flat().map((b) => b.callback_data)).toContain("rp:s:fire_safety");
    await client.sendCallback(client.makeCallbackQuery("rp:s:fire_safety"));
    const places = await nextReply();
    expect(places.message.text).toContain("Step 2");
    expect(places.message.reply_markup!.inline_keyboard!.flat()).toContainEqual({ text: "南宁市", callback_data: "rp:p:go:450100" });
  });

  /** Replies since the last look, waiting (bounded) until one satisfies the predicate. */
  async function replyMatching(predicate: (m: BotMessage) => boolean, what: string): Promise<BotMessage> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const updates = (await client.getUpdates().catch(() => ({ result: [] }))) as unknown as { result: BotMessage[] };
      const hit = updates.result.find(predicate);
      if (hit) return hit;
    }
    throw new Error(`no reply: ${what}`);
  }

  it("finishes the tip over the emulator: place, text, review, submit — one tip stored and routed", async () => {
    await client.sendCallback(client.makeCallbackQuery("rp:p:go:450100"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:p:go:450102"), "county picker");
    await client.sendCallback(client.makeCallbackQuery("rp:p:go:450102"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:p:ok:450102"), "township picker");
    await client.sendCallback(client.makeCallbackQuery("rp:p:ok:450102"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:e:skip"), "enterprise step");
    await client.sendCallback(client.makeCallbackQuery("rp:e:skip"));
    await replyMatching((m) => m.message.text.includes("Step"), "text step");
    await client.sendMessage(client.makeMessage("The mall on Minzu Avenue locks its fire exits at night and the corridors are full of boxes"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:f:done"), "files step");
    await client.sendCallback(client.makeCallbackQuery("rp:f:done"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:u:no"), "danger step");
    await client.sendCallback(client.makeCallbackQuery("rp:u:no"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:c:anon"), "contact step");
    await client.sendCallback(client.makeCallbackQuery("rp:c:anon"));
    await replyMatching((m) => JSON.stringify(m.message.reply_markup ?? {}).includes("rp:r:submit"), "review");
    await client.sendCallback(client.makeCallbackQuery("rp:r:submit"));
    const done = await replyMatching((m) => m.message.text.includes("南宁市消防救援支队") || m.message.text.includes("Fire and Rescue"), "routing reply");
    expect(done.message.text.length).toBeGreaterThan(0);
    const stored = await database.db.select().from(tips);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: "telegram", sectorCode: "fire_safety", jurisdictionCode: "450102" });
  });
});
