import type { SendResult, TelegramSender } from "../app/ports.js";

export interface TelegramSenderOptions {
  token: string;
  /** TELEGRAM_API_ROOT: Telegram's, or a self-hosted Bot API server, or a local fake in tests. */
  apiRoot: string;
  fetch?: typeof fetch;
  /** Must stay well below the outbox lease, or a slow send could be retried while still in flight. */
  timeoutMs?: number;
}

interface BotApiAnswer {
  ok?: boolean;
  description?: string;
  result?: { message_id?: number };
  parameters?: { retry_after?: number };
}

/**
 * sendMessage over plain fetch (no grammY: the dispatcher needs the raw status and retry_after, and the
 * Worker bundle stays small). Errors never carry the chat id, the text or the token: Telegram's
 * description is kept, with long digit runs (chat ids in some answers) masked.
 */
export function createTelegramSender(opts: TelegramSenderOptions): TelegramSender {
  const url = `${opts.apiRoot.replace(/\/+$/, "")}/bot${opts.token}/sendMessage`;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return {
    async send(chatId, payload): Promise<SendResult> {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            chat_id: chatId,
            text: payload.text,
            ...(payload.replyMarkup ? { reply_markup: payload.replyMarkup } : {}),
            link_preview_options: { is_disabled: true },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as { name?: string; cause?: { code?: string } };
        return { ok: false, retryable: true, error: `network: ${e.cause?.code ?? e.name ?? "error"}` };
      }
      const answer = (await res.json().catch(() => ({}))) as BotApiAnswer;
      if (res.ok && answer.ok) return { ok: true, providerId: answer.result?.message_id !== undefined ? String(answer.result.message_id) : undefined };
      const error = `${res.status} ${mask(answer.description ?? res.statusText)}`;
      if (res.status === 429) {
        const after = Number(answer.parameters?.retry_after);
        return { ok: false, retryable: true, retryAfterSeconds: Number.isFinite(after) && after > 0 ? after : 5, error };
      }
      // 400 (chat not found, bad markup) and 403 (bot blocked, kicked) will not improve by retrying.
      if (res.status === 400 || res.status === 403) return { ok: false, retryable: false, error };
      // 5xx, and 401/404 (a token or API root being fixed by an operator): retry with backoff.
      return { ok: false, retryable: true, error };
    },
  };
}

function mask(text: string): string {
  return text.replace(/-?\d{5,}/g, "#").slice(0, 200);
}
