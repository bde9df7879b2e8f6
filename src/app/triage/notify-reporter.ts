import type { FluentVariable } from "@fluent/bundle";
import type { DbOrTx } from "../../db/client.js";
import type { Tip } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { enqueueMessage } from "../outbox/enqueue-message.js";

export type ReporterDelivery = "queued" | "receipt_only";

/**
 * Send a message to the reporter on the channel they wrote from. The identity is decrypted here, in
 * memory, only to address the outbox row (which stores it encrypted again); it is never returned, so
 * no staff page or log can show it. Reporters without a reachable channel (web form, anonymous API)
 * read the same text as a public event with their receipt.
 */
export async function notifyReporter(
  tx: DbOrTx,
  deps: Pick<Deps, "crypto" | "i18n">,
  tip: Tip,
  key: string,
  vars: Record<string, FluentVariable>,
  dedupeKey: string,
  /** Staff's message for the reporter, sent after the notice in the same text. */
  message?: string,
  /** Telegram only: buttons under the message (e.g. 提出异议 under an answer), by the reporter's locale. */
  telegramMarkup?: (locale: string) => unknown,
): Promise<ReporterDelivery> {
  if (!tip.reporterContactEnc) return "receipt_only";
  let identity: { channel?: string; address?: string | null };
  try {
    identity = JSON.parse(deps.crypto.decrypt(tip.reporterContactEnc));
  } catch {
    return "receipt_only";
  }
  const channel = identity.channel;
  if (!identity.address || (channel !== "telegram" && channel !== "sms")) return "receipt_only";
  const notice = deps.i18n.t(tip.locale, key, { code: tip.trackingCode, ...vars });
  const text = message ? `${notice}\n${deps.i18n.t(tip.locale, "admin-reporter-staff-says", { text: message })}` : notice;
  const replyMarkup = channel === "telegram" ? telegramMarkup?.(tip.locale) : undefined;
  await enqueueMessage(tx, deps, { channel, to: identity.address, payload: replyMarkup ? { text, replyMarkup } : { text }, dedupeKey });
  return "queued";
}
