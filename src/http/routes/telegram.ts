import { type Context, Hono } from "hono";
import type { Bot } from "grammy";
import { errorFields } from "../../adapters/logger.js";
import type { Deps } from "../../app/deps.js";
import { telegramWebhookSecret } from "../../app/system/webhook-secret.js";
import type { BotContext } from "../../../bot/context.js";

/** Past this, the update is answered 200 (empty, or with the reply already made) and handling goes on. */
const TIMEOUT_MS = 9_000;
/** Telegram's limit on a message's text: a longer reply goes over HTTP, so its refusal is seen and answered. */
const MAX_TEXT = 4_096;

/**
 * POST /telegram/webhook, only when the bot runs in webhook mode: a long-polling bot is never handed to
 * the HTTP app (`bot` is then undefined) and the route answers a plain 404 that says why, without the
 * update reaching the bot.
 *
 * A missing or wrong X-Telegram-Bot-Api-Secret-Token is a 401 before the bot sees the update; malformed
 * JSON is a 400 (after the secret check, so a forger learns nothing). The bot's own error boundary
 * answers users; only a database outage escapes as an error, and app.onError turns it into 503 so
 * Telegram redelivers.
 *
 * The update's first sendMessage goes back in this answer (a webhook reply: Telegram performs it on
 * receipt), which saves a request to the Bot API per update. It is held until the update is handled:
 * an update that fails (503, redelivered) has sent nothing, so the redelivery's reply is the only one.
 * grammY's own webhookCallback is not used: its Hono adapter JSON-encodes the reply a second time.
 */
export function telegramRoutes(deps: Deps, bot: Bot<BotContext> | undefined): Hono {
  const app = new Hono();
  if (!bot) {
    app.post("/telegram/webhook", (c) =>
      c.json(
        {
          error: "not_found",
          message: "This server takes no Telegram webhooks: the bot is off, or it long-polls because PUBLIC_URL is not set.",
        },
        404,
      ),
    );
    return app;
  }
  const secretToken = telegramWebhookSecret(deps);
  app.post("/telegram/webhook", async (c) => {
    if (!sameSecret(c.req.header("x-telegram-bot-api-secret-token"), secretToken)) return c.body("", 401);
    const update = await readJson(c);
    if (!update || typeof update !== "object" || Array.isArray(update)) return c.json({ error: "invalid_update" }, 400);
    if (!bot.isInited()) await bot.init();
    const reply = heldReply(bot);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), TIMEOUT_MS)));
    const handled = bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0], reply.envelope);
    try {
      if ((await Promise.race([handled, timedOut])) === "timeout") {
        // Handling goes on; its failure can no longer change this answer.
        handled.catch((err) => deps.logger.error("bot update failed after the webhook answered", errorFields(err)));
      }
    } catch (err) {
      reply.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const body = reply.close();
    return body === undefined ? c.body("", 200) : c.body(body, 200, { "content-type": "application/json" });
  });
  return app;
}

/**
 * The webhook reply envelope of one update. grammY hands it the first call `canUseWebhookReply` allows
 * (bot/create-bot.ts) as JSON; it is kept for the answer. Once the answer is out (close), or for a text
 * Telegram would refuse, the call goes to the Bot API instead, so it is made exactly once either way.
 */
function heldReply(bot: Bot<BotContext>): { envelope: { send(json: string): Promise<void> }; close(): string | undefined } {
  let held: string | undefined;
  let closed = false;
  return {
    envelope: {
      async send(json) {
        if (!closed && held === undefined && fitsWebhookReply(json)) {
          held = json;
          return;
        }
        const { method, ...payload } = JSON.parse(json) as { method: string } & Record<string, unknown>;
        await (bot.api.raw as unknown as Record<string, (p: unknown) => Promise<unknown>>)[method](payload);
      },
    },
    close() {
      closed = true;
      return held;
    },
  };
}

function fitsWebhookReply(json: string): boolean {
  // A JSON-escaped text is at least as long as the text, so a short body cannot hold a long text.
  if (json.length <= MAX_TEXT) return true;
  const { text } = JSON.parse(json) as { text?: unknown };
  return typeof text !== "string" || text.length <= MAX_TEXT;
}

/** Constant-time comparison of the header with the secret (its length is not secret: it is configured). */
function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** The part of node:http's IncomingMessage read here (typed locally: this file is bundled for Workers too). */
interface NodeIncoming {
  on(event: "data", f: (chunk: Uint8Array) => void): unknown;
  once(event: "end" | "close", f: () => void): unknown;
  once(event: "error", f: (err: Error) => void): unknown;
  readableEnded: boolean;
}

/** Shared: a whole-buffer decode keeps no state between calls (a decoder per update cost ~10 µs of its CPU). */
const utf8 = new TextDecoder();

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The body as JSON, undefined when it is not JSON. On Node it is read straight from the request
 * (`c.env.incoming`, which @hono/node-server documents), which spares building a fetch Request and its
 * web stream per update (a bare route: 2–5× the requests/s of c.req.json() here); elsewhere (Workers, app.request) c.req.json().
 */
async function readJson(c: Context): Promise<unknown> {
  const incoming = (c.env as { incoming?: Partial<NodeIncoming> } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || incoming.readableEnded !== false) return c.req.json().catch(() => undefined);
  const node = incoming as NodeIncoming;
  const text = await new Promise<string | undefined>((resolve) => {
    const chunks: Uint8Array[] = [];
    node.on("data", (chunk) => chunks.push(chunk));
    node.once("end", () => resolve(utf8.decode(chunks.length === 1 ? chunks[0] : joined(chunks))));
    node.once("error", () => resolve(undefined));
    node.once("close", () => resolve(undefined)); // aborted before the end (after it, the promise is settled)
  });
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
