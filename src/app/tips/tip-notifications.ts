import { and, eq, inArray } from "drizzle-orm";
import { liaisons } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../deps.js";
import { enqueueMessage, type OutgoingPayload } from "../outbox/enqueue-message.js";

/**
 * Tell every active liaison of the given units, by Telegram where bound, else by SMS where a phone is
 * known. Messages to units never carry the reporter's identity.
 */
export async function notifyUnits(
  tx: DbOrTx,
  deps: Pick<Deps, "crypto">,
  unitIds: number[],
  message: (locale: string) => OutgoingPayload,
  dedupePrefix: string,
  /** The SMS text for one phone liaison, when it must differ from the Telegram one (a reminder's desk link). */
  smsText?: (liaison: { id: number; locale: string }) => Promise<string>,
): Promise<number> {
  if (unitIds.length === 0) return 0;
  const rows = await tx
    .select()
    .from(liaisons)
    .where(and(inArray(liaisons.unitId, unitIds), eq(liaisons.active, true)));
  let queued = 0;
  for (const l of rows) {
    const payload = message(l.locale);
    if (l.telegramChatEnc) {
      const id = await enqueueMessage(tx, deps, {
        channel: "telegram",
        to: deps.crypto.decrypt(l.telegramChatEnc),
        payload,
        dedupeKey: `${dedupePrefix}:liaison:${l.id}`,
      });
      if (id) queued++;
    } else if (l.phoneEnc) {
      const id = await enqueueMessage(tx, deps, {
        channel: "sms",
        to: deps.crypto.decrypt(l.phoneEnc),
        payload: { text: smsText ? await smsText({ id: l.id, locale: l.locale }) : payload.text },
        dedupeKey: `${dedupePrefix}:liaison:${l.id}`,
      });
      if (id) queued++;
    }
  }
  return queued;
}
