import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import TelegramServer from "telegram-test-api";
import { freeTcpPort, type BotMessage } from "./telegram-emulator.js";

/** What a webhook registration told the emulator (grammY posts `setWebhook` as JSON). */
export interface RegisteredWebhook {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
}

/** A Telegram user talking to the bot through the emulator's client API. */
export interface EmulatedUser {
  chatId: number;
  command(text: string): Promise<void>;
  say(text: string): Promise<void>;
  press(data: string): Promise<void>;
  /** The bot's messages to this chat since the last look, waiting (bounded) until one satisfies the predicate. */
  replyMatching(predicate: (m: BotMessage) => boolean, what: string, timeoutMs?: number): Promise<BotMessage>;
}

export interface BotApiEmulator {
  /** TELEGRAM_API_ROOT for the process under test: the long-polling front, in front of the emulator. */
  apiRoot: string;
  server: InstanceType<typeof TelegramServer>;
  user(token: string, chatId: number, firstName: string): EmulatedUser;
  /** The webhook the emulator holds for this token (telegram-test-api keeps it in a private field). */
  webhookOf(token: string): RegisteredWebhook | undefined;
  /** getUpdates calls the front has answered, for asserting that polling goes on. */
  polls(): number;
  /** The Bot API goes away: the front stops listening and drops its connections. */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

type Update = { update_id: number };

/**
 * telegram-test-api answers getUpdates at once and ignores `offset` (an update is gone once returned),
 * where Telegram holds the call up to `timeout` seconds and redelivers until an offset confirms it.
 * A real bot polling the bare emulator would spin a core. This front gives the process under test
 * Telegram's getUpdates — long poll, offset confirmation — and hands every other call to the emulator
 * unchanged, so the product runs exactly as it does against api.telegram.org.
 */
export async function startBotApiEmulator(opts: { port?: number } = {}): Promise<BotApiEmulator> {
  const server = new TelegramServer({ port: await freeTcpPort(), host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  const emulator = server as unknown as {
    getUpdates(token: string): Update[];
    webhooks: Record<string, RegisteredWebhook>;
    on(e: string, f: () => void): void;
    off(e: string, f: () => void): void;
  };
  const pending = new Map<string, Update[]>();
  const USER_EVENTS = ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"];
  let polls = 0;

  const takeUpdates = (token: string, offset: number, limit: number): Update[] => {
    const queue = [...(pending.get(token) ?? []), ...emulator.getUpdates(token)].filter((u) => u.update_id >= offset);
    pending.set(token, queue);
    return queue.slice(0, limit);
  };

  const longPoll = async (token: string, res: ServerResponse, body: Record<string, unknown>) => {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 100) || 100;
    const waitMs = Math.min(Number(body.timeout ?? 0), 50) * 1000;
    let updates = takeUpdates(token, offset, limit);
    if (updates.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          for (const e of USER_EVENTS) emulator.off(e, done);
          res.off("close", done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        for (const e of USER_EVENTS) emulator.on(e, done);
        res.on("close", done);
      });
      // The caller hung up (stopped, crashed): its updates stay pending, as Telegram keeps them.
      if (res.destroyed || res.writableEnded) return;
      updates = takeUpdates(token, offset, limit);
    }
    polls += 1;
    send(res, 200, { ok: true, result: updates });
  };

  const forward = async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const r = await fetch(`${server.config.apiURL}${req.url}`, {
      method: req.method,
      headers: { "content-type": req.headers["content-type"] ?? "application/json" },
      body: req.method === "GET" ? undefined : new Uint8Array(raw),
    });
    res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await r.arrayBuffer()));
  };

  const front: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const m = /^\/bot([^/]+)\/getUpdates$/.exec(new URL(req.url ?? "/", "http://x").pathname);
      const work = m ? longPoll(m[1], res, parseJson(raw)) : forward(req, res, raw);
      work.catch((err) => send(res, 500, { ok: false, error_code: 500, description: String(err) }));
    });
  });
  const port = opts.port ?? (await freeTcpPort());
  const listen = () => new Promise<void>((resolve, reject) => front.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen();
  const stopFront = () =>
    new Promise<void>((resolve) => {
      front.close(() => resolve());
      front.closeAllConnections();
    });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    server,
    user: (token, chatId, firstName) => emulatedUser(server, token, chatId, firstName),
    webhookOf: (token) => emulator.webhooks[token],
    polls: () => polls,
    goAway: stopFront,
    comeBack: listen,
    async close() {
      if (front.listening) await stopFront();
      await server.stop();
    },
  };
}

function parseJson(raw: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw.toString("utf8") || "{}");
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function emulatedUser(server: InstanceType<typeof TelegramServer>, token: string, chatId: number, firstName: string): EmulatedUser {
  const client = server.getClient(token, { chatId, userId: chatId, firstName });
  return {
    chatId,
    command: async (text) => void (await client.sendCommand(client.makeCommand(text))),
    say: async (text) => void (await client.sendMessage(client.makeMessage(text))),
    press: async (data) => void (await client.sendCallback(client.makeCallbackQuery(data))),
    async replyMatching(predicate, what, timeoutMs = 20_000) {
      // One non-blocking request per look: the emulator client's own getUpdates keeps retrying in the
      // background after its timeout and would swallow later messages.
      const deadline = Date.now() + timeoutMs;
      const seen: string[] = [];
      while (Date.now() < deadline) {
        const res = await fetch(`${server.config.apiURL}/getUpdates`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token, chatId }),
        });
        const { result } = (await res.json()) as { result: BotMessage[] };
        seen.push(...result.map((m) => m.message.text));
        const hit = result.find(predicate);
        if (hit) return hit;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no reply: ${what}; the bot said ${JSON.stringify(seen)}`);
    },
  };
}
