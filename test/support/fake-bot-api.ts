import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer of the fake Bot API; unscripted requests succeed. */
export type FakeAnswer =
  | { status: 429; retryAfter: number }
  | { status: 400 | 401 | 403 | 500 | 502; description?: string }
  | { drop: true } // close the connection without answering (a network error)
  | { hang: true }; // never answer (a timeout)

export interface FakeSend {
  chatId: string;
  text: string;
  replyMarkup?: unknown;
  path: string;
}

export interface FakeBotApi {
  /** TELEGRAM_API_ROOT for the sender. */
  apiRoot: string;
  token: string;
  /** Every sendMessage request, answered or not. */
  requests: FakeSend[];
  /** Requests answered 200: what the users actually received. */
  delivered: FakeSend[];
  script(...answers: FakeAnswer[]): void;
  /** Chats that blocked the bot: always 403. */
  block(chatId: string): void;
  close(): Promise<void>;
}

export const FAKE_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstu";

/**
 * A local stand-in for api.telegram.org over real HTTP on 127.0.0.1: answers like Telegram does
 * (ok/result, 429 with parameters.retry_after, 5xx, 403 "bot was blocked by the user").
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const requests: FakeSend[] = [];
  const delivered: FakeSend[] = [];
  const queue: FakeAnswer[] = [];
  const blocked = new Set<string>();
  const hanging = new Set<ServerResponse>();
  let messageId = 1;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body || "{}") as { chat_id?: string | number; text?: string; reply_markup?: unknown };
    const send: FakeSend = { chatId: String(json.chat_id), text: String(json.text), replyMarkup: json.reply_markup, path: req.url ?? "" };
    requests.push(send);
    const answer = (code: number, payload: unknown) => {
      // No keep-alive: a reused socket the server is closing would fail a request at random ("other side closed").
      res.writeHead(code, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify(payload));
    };
    if (req.url !== `/bot${FAKE_TOKEN}/sendMessage`) return answer(404, { ok: false, error_code: 404, description: "Not Found" });
    if (blocked.has(send.chatId)) return answer(403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const next = queue.shift();
    if (!next) {
      delivered.push(send);
      return answer(200, {
        ok: true,
        result: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(send.chatId) }, text: send.text },
      });
    }
    if ("drop" in next) return req.socket.destroy();
    if ("hang" in next) return void hanging.add(res);
    if (next.status === 429) {
      return answer(429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${next.retryAfter}`,
        parameters: { retry_after: next.retryAfter },
      });
    }
    return answer(next.status, {
      ok: false,
      error_code: next.status,
      description: next.description ?? (next.status >= 500 ? "Internal Server Error" : "Bad Request"),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: FAKE_TOKEN,
    requests,
    delivered,
    script: (...answers) => void queue.push(...answers),
    block: (chatId) => void blocked.add(chatId),
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
