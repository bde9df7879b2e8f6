import { preparedRows } from "../../db/client.js";
import { asLocale, type Locale } from "../../domain/locale.js";
import type { Deps } from "../deps.js";
import { listReporterTipsInput, type ReporterTip } from "../tips/list-reporter-tips.js";
import { chatKey } from "./chat-locale.js";

export interface ClaimedUpdate {
  /** False when this update id was claimed before (a redelivery): the update must not run again. */
  claimed: boolean;
  /** The chat's stored language, else the client's, else zh-CN (zh-CN when the update has no chat). */
  locale: Locale;
  /** Only when asked for (ownTipsOf): the chat's own tips, exactly what listReporterTips returns for it. */
  ownTips?: ReporterTip[];
}

/** listReporterTips' default page, read once from its schema so that both list the same tips. */
const OWN_TIPS_LIMIT = listReporterTipsInput.parse({ channel: "telegram", address: "-" }).limit;

const CLAIM = `with claim as (
    insert into inbound_dedupe (source, key) values ($1, $2) on conflict do nothing returning 1
  )
  select exists (select 1 from claim) as claimed,
         (select locale from chat_prefs where chat_hash = $3) as locale`;

// listReporterTips' query (same join, order and limit), as JSON so both drivers hand back the same values.
const CLAIM_WITH_OWN_TIPS = `${CLAIM},
         (select coalesce(json_agg(json_build_array(o.tracking_code, o.status, o.received_at, o.name, o.name_en)
                                   order by o.received_at desc, o.id desc), '[]')
            from (select t.tracking_code, t.status, t.received_at, t.id, u.name, u.name_en
                    from tips t join units u on u.id = t.unit_id
                   where t.reporter_channel_hash = $4
                   order by t.received_at desc, t.id desc
                   limit ${OWN_TIPS_LIMIT}) o) as own_tips`;

type OwnTipRow = [trackingCode: string, status: ReporterTip["status"], receivedAt: string, name: string, nameEn: string | null];

/**
 * What every Telegram update does first, in one statement (one round trip, one PGlite turn): claim its
 * update_id in inbound_dedupe, as claimInbound does — `on conflict do nothing`, so of two concurrent
 * deliveries exactly one inserts and the other waits for it and finds the row — and read the chat's
 * stored language. An update that will list the chat's own tips (a bare /status) reads them in the same
 * statement (ownTipsOf), which saves its second round trip. A failed update releases its claim with
 * releaseInbound. The statement is fixed text, prepared once per server connection: it runs per update.
 */
export async function claimUpdate(
  deps: Pick<Deps, "db" | "crypto">,
  input: { source: string; key: string; chatId?: number | string; fallback?: string; ownTipsOf?: { channel: "telegram"; address: string } },
): Promise<ClaimedUpdate> {
  const hash = input.chatId === undefined ? null : chatKey(deps, input.chatId);
  const own = input.ownTipsOf;
  const [row] = await preparedRows<{ claimed: boolean; locale: string | null; own_tips?: OwnTipRow[] }>(
    deps.db,
    own ? CLAIM_WITH_OWN_TIPS : CLAIM,
    own ? [input.source, input.key, hash, deps.crypto.hash(`reporter:${own.channel}`, own.address)] : [input.source, input.key, hash],
  );
  const claimed: ClaimedUpdate = { claimed: row.claimed === true, locale: input.chatId === undefined ? "zh-CN" : asLocale(row.locale ?? input.fallback) };
  if (row.own_tips) {
    claimed.ownTips = row.own_tips.map(([trackingCode, status, receivedAt, name, nameEn]) => ({
      trackingCode,
      status,
      receivedAt: new Date(receivedAt),
      unit: { name, nameEn },
    }));
  }
  return claimed;
}
