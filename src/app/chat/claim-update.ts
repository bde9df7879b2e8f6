import { rawRows } from "../../db/raw.js";
import { asLocale, type Locale } from "../../domain/locale.js";
import type { Deps } from "../deps.js";
import { chatKey } from "./chat-locale.js";

export interface ClaimedUpdate {
  /** False when this update id was claimed before (a redelivery): the update must not run again. */
  claimed: boolean;
  /** The chat's stored language, else the client's, else zh-CN (zh-CN when the update has no chat). */
  locale: Locale;
}

const CLAIM = `with claim as (
    insert into inbound_dedupe (source, key) values ($1, $2) on conflict do nothing returning 1
  )
  select exists (select 1 from claim) as claimed,
         (select locale from chat_prefs where chat_hash = $3) as locale`;

/**
 * What every Telegram update does first, in one statement (one round trip, one PGlite turn): claim its
 * update_id in inbound_dedupe, as claimInbound does — `on conflict do nothing`, so of two concurrent
 * deliveries exactly one inserts and the other waits for it and finds the row — and read the chat's
 * stored language. A failed update releases its claim with
 * releaseInbound. The statement is fixed text, prepared once per server connection: it runs per update.
 */
export async function claimUpdate(
  deps: Pick<Deps, "db" | "crypto">,
  input: { source: string; key: string; chatId?: number | string; fallback?: string },
): Promise<ClaimedUpdate> {
  const hash = input.chatId === undefined ? null : chatKey(deps, input.chatId);
  const [row] = await rawRows<{ claimed: boolean; locale: string | null }>(deps.db, CLAIM, [input.source, input.key, hash]);
  return { claimed: row.claimed === true, locale: input.chatId === undefined ? "zh-CN" : asLocale(row.locale ?? input.fallback) };
}
