import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import type { Deps } from "../../src/app/deps.js";
import type { TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, nextUpdateId, recordApiCalls, type ApiCall } from "../support/fake-telegram.js";

export const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
export const HOOK_SECRET = "hook-secret-report";

/**
 * The outside of the bot for reporting tests: a local HTTP server standing in for the Bot API's file
 * downloads (GET /file/bot<token>/<path>) and for the outbox dispatcher's sendMessage, which talk HTTP.
 * The bot's own calls go through the recording transformer of fake-telegram.ts.
 */
export interface FakeBotApi {
  url: string;
  files: Map<string, Uint8Array>;
  /** sendMessage bodies the outbox dispatcher posted. */
  sent: { chat_id: string | number; text: string }[];
  close(): Promise<void>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const files = new Map<string, Uint8Array>();
  const sent: FakeBotApi["sent"] = [];
  let messageId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "";
      const file = path.match(/^\/file\/bot[^/]+\/(.+)$/);
      if (req.method === "GET" && file && files.has(file[1])) {
        res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(files.get(file[1])!));
        return;
      }
      if (req.method === "POST" && path.endsWith("/sendMessage")) {
        sent.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result: { message_id: ++messageId } }));
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, description: "Not Found" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, files, sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Harness {
  deps: Deps;
  calls: ApiCall[];
  post(update: Update): Promise<Response>;
  say(text: string): Promise<Response>;
  press(data: string): Promise<Response>;
  sendPhoto(fileId: string, size?: number): Promise<Response>;
  sendLocation(lat: number, lon: number): Promise<Response>;
  /** Texts the bot sent to this chat, in order. */
  texts(): string[];
  last(): ApiCall;
}

/** One bot "replica" (its own createBot + createApp) over the shared test database, driving one chat. */
export function harness(database: TestDb, chatId: number, opts: { api?: FakeBotApi; languageCode?: string } = {}): Harness {
  const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET };
  if (opts.api) env.TELEGRAM_API_ROOT = opts.api.url;
  const deps = testDeps(database, { env });
  const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
  const calls = recordApiCalls(bot);
  // Installed after the recorder, so it runs first: getFile answers with a path the fake server serves.
  const getFile: Transformer = async (prev, method, payload) => {
    if (method !== "getFile") return prev(method, payload);
    const fileId = (payload as { file_id: string }).file_id;
    calls.push({ method, payload: { file_id: fileId } });
    const body = opts.api?.files.get(`photos/${fileId}.jpg`);
    return { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_size: body?.byteLength, file_path: `photos/${fileId}.jpg` } } as never;
  };
  bot.api.config.use(getFile);
  const app = createApp({ deps, bot });
  const from = { id: chatId, is_bot: false, first_name: "Reporter", language_code: opts.languageCode ?? "zh-hans" };
  const chat = { id: chatId, type: "private", first_name: "Reporter" };
  const message = (extra: Record<string, unknown>) =>
    ({
      update_id: nextUpdateId(),
      message: { message_id: Math.floor(Math.random() * 1e6), date: Math.floor(Date.now() / 1000), chat, from, ...extra },
    }) as unknown as Update;
  const post = async (update: Update): Promise<Response> =>
    app.request("/telegram/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": HOOK_SECRET },
      body: JSON.stringify(update),
    });
  return {
    deps,
    calls,
    post,
    say: (text) =>
      post(
        message({
          text,
          ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }] } : {}),
        }),
      ),
    press: (data) =>
      post({
        update_id: nextUpdateId(),
        callback_query: { id: String(Math.random()), chat_instance: "ci", data, from, message: { message_id: 1, date: 0, chat, text: "…" } },
      } as unknown as Update),
    sendPhoto: (fileId, size = 1000) =>
      post(
        message({
          photo: [
            { file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 90, file_size: 100 },
            { file_id: fileId, file_unique_id: fileId, width: 800, height: 600, file_size: size },
          ],
        }),
      ),
    sendLocation: (lat, lon) => post(message({ location: { latitude: lat, longitude: lon } })),
    texts: () => calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId).map((c) => String(c.payload.text)),
    last: () => calls.filter((c) => c.method === "sendMessage").at(-1)!,
  };
}

/** callback_data of every inline button of a recorded message. */
export function buttons(call: ApiCall): { text: string; data: string }[] {
  const markup = call.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data }));
}
