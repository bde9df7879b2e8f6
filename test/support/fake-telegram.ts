import type { Bot, RawApi, Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";

export const BOT_INFO: UserFromGetMe = {
  id: 42_000_001,
  is_bot: true,
  first_name: "jubao test",
  username: "jubao_test_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface ApiCall {
  method: keyof RawApi | string;
  payload: Record<string, unknown>;
}

/**
 * The fake Bot API as a grammY transformer: every outgoing call is recorded and answered like
 * Telegram would, without the network. The bot, its middleware and the Hono route are all real.
 */
export function recordApiCalls(bot: Bot<any>): ApiCall[] {
  const calls: ApiCall[] = [];
  let messageId = 1000;
  const transformer: Transformer = async (_prev, method, payload) => {
    const clean = JSON.parse(JSON.stringify(payload ?? {})); // strips the undefined keys grammY leaves
    calls.push({ method, payload: clean });
    const result =
      method === "sendMessage" || method === "sendPhoto" || method === "sendDocument"
        ? { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: clean.chat_id, type: "private" }, text: clean.text }
        : true;
    return { ok: true, result } as never;
  };
  bot.api.config.use(transformer);
  return calls;
}

let updateId = 5_000_000;
export function nextUpdateId(): number {
  return ++updateId;
}

export function textUpdate(chatId: number, text: string, opts: { updateId?: number; languageCode?: string } = {}): Update {
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0].length }] : undefined;
  return {
    update_id: opts.updateId ?? nextUpdateId(),
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Reporter" },
      from: { id: chatId, is_bot: false, first_name: "Reporter", language_code: opts.languageCode ?? "zh-hans" },
      text,
      entities,
    },
  } as Update;
}

export function callbackUpdate(chatId: number, data: string, opts: { updateId?: number } = {}): Update {
  return {
    update_id: opts.updateId ?? nextUpdateId(),
    callback_query: {
      id: String(Math.random()),
      chat_instance: "ci",
      data,
      from: { id: chatId, is_bot: false, first_name: "Reporter" },
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "Reporter" }, text: "…" },
    },
  } as Update;
}

export function sentTexts(calls: ApiCall[], chatId?: number): string[] {
  return calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || c.payload.chat_id === chatId)).map((c) => String(c.payload.text));
}
