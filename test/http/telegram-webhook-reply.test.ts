import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "grammy";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import type { BotContext } from "../../bot/context.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, textUpdate } from "../support/fake-telegram.js";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "hook-secret-reply";

/** Telegram's Bot API as a local HTTP server: the calls the process makes itself (not in a webhook's answer). */
async function startBotApi(): Promise<{ url: string; calls: { method: string; body: Record<string, unknown> }[]; close(): Promise<void> }> {
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push({ method: (req.url ?? "").split("/").at(-1)!, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") });
      const result = { message_id: calls.length, date: 0, chat: { id: 1, type: "private" } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(DB_KINDS)("the webhook's answer carries the update's first reply (webhook reply) on %s", (kind) => {
  let database: TestDb;
  let api: Awaited<ReturnType<typeof startBotApi>>;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
    api = await startBotApi();
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  const env = () => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url });
  const post = (app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, update: unknown) =>
    app.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });

  /** The webhook route in front of a bot whose handler is given (grammY's real Bot, the product's webhook reply option). */
  function appWith(handler: (ctx: BotContext) => Promise<unknown>) {
    const deps = testDeps(database, { env: env() });
    const bot = new Bot<BotContext>(TOKEN, { botInfo: BOT_INFO, client: { apiRoot: api.url, canUseWebhookReply: (m) => m === "sendMessage" } });
    bot.on("message", (ctx) => handler(ctx).then(() => {}));
    return createApp({ deps, bot });
  }

  it("/help through the product's bot: the answer is the sendMessage, and the Bot API gets no call", async () => {
    const deps = testDeps(database, { env: env() });
    const app = createApp({ deps, bot: createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } }) });
    const before = api.calls.length;
    const res = await post(app, textUpdate(8101, "/help", { languageCode: "en" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { method: string; chat_id: number; text: string };
    expect(body).toMatchObject({ method: "sendMessage", chat_id: 8101 });
    expect(body.text).toContain("/report");
    expect(api.calls.length).toBe(before);
  });

  it("only the first sendMessage goes in the answer; the second, and other methods, go to the Bot API", async () => {
    const before = api.calls.length;
    const app = appWith(async (ctx) => {
      await ctx.reply("one");
      await ctx.reply("two");
      await ctx.api.sendChatAction(ctx.chat!.id, "typing");
    });
    const res = await post(app, textUpdate(8102, "hi"));
    expect(await res.json()).toMatchObject({ method: "sendMessage", chat_id: 8102, text: "one" });
    expect(api.calls.slice(before).map((c) => [c.method, c.body.text])).toEqual([
      ["sendMessage", "two"],
      ["sendChatAction", undefined],
    ]);
  });

  it("a text longer than Telegram takes goes to the Bot API, so a refusal would be seen; the answer is empty", async () => {
    const before = api.calls.length;
    const long = "长".repeat(5_000);
    const app = appWith((ctx) => ctx.reply(long));
    const res = await post(app, textUpdate(8103, "hi"));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(api.calls.slice(before).map((c) => [c.method, String(c.body.text).length])).toEqual([["sendMessage", 5_000]]);
  });

  it("an update that fails after its reply answers an error and sends no reply: the redelivery's reply is the only one", async () => {
    const before = api.calls.length;
    const app = appWith(async (ctx) => {
      await ctx.reply("half done");
      throw new Error("boom");
    });
    const res = await post(app, textUpdate(8104, "hi"));
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await res.text()).not.toContain("half done");
    expect(api.calls.length).toBe(before);
  });
  it("over Node's HTTP server, an update read in many chunks, a character split between two, arrives whole", async () => {
    const app = appWith((ctx) => ctx.reply(`${ctx.message!.text!.length} ${ctx.message!.text!.slice(-2)}`));
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server.once("listening", () => r()));
    try {
      const bytes = Buffer.from(JSON.stringify(textUpdate(8105, `${"长".repeat(60_000)}尾巴`)), "utf8");
      const split = bytes.indexOf(Buffer.from("尾", "utf8")) + 1; // inside 尾's three bytes
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path: "/telegram/webhook", method: "POST" }, (res) => {
          const got: Buffer[] = [];
          res.on("data", (c: Buffer) => got.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(got).toString("utf8") }));
        });
        req.on("error", reject);
        req.setHeader("content-type", "application/json");
        req.setHeader("x-telegram-bot-api-secret-token", SECRET);
        req.setHeader("content-length", bytes.length);
        req.write(bytes.subarray(0, split));
        setTimeout(() => req.end(bytes.subarray(split)), 50);
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ method: "sendMessage", chat_id: 8105, text: "60002 尾巴" });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
