import { eq, sql } from "drizzle-orm";
import { chatPrefs } from "../../db/schema.js";
import { asLocale, type Locale } from "../../domain/locale.js";
import type { Deps } from "../deps.js";

/** Chats are keyed by a keyed hash of the chat id: the preference table never holds a chat id in clear. */
export function chatKey(deps: Pick<Deps, "crypto">, chatId: number | string): string {
  return deps.crypto.hash("tg-chat", String(chatId));
}

export async function getChatLocale(deps: Pick<Deps, "db" | "crypto">, input: { chatId: number | string; fallback?: string }): Promise<Locale> {
  const [row] = await deps.db
    .select({ locale: chatPrefs.locale })
    .from(chatPrefs)
    .where(eq(chatPrefs.chatHash, chatKey(deps, input.chatId)));
  return asLocale(row?.locale ?? input.fallback);
}

export async function setChatLocale(deps: Pick<Deps, "db" | "crypto">, input: { chatId: number | string; locale: string }): Promise<Locale> {
  const locale = asLocale(input.locale);
  await deps.db
    .insert(chatPrefs)
    .values({ chatHash: chatKey(deps, input.chatId), locale })
    .onConflictDoUpdate({ target: chatPrefs.chatHash, set: { locale, updatedAt: sql`now()` } });
  return locale;
}
