import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { liaisons } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { liaisonPhoneHash } from "./phone-liaison.js";

/**
 * Phone liaisons stored before the keyed phone hash existed cannot be found by an inbound SMS (the
 * lookup reads the hash, never decrypts every phone). At start-up each such row gets its hash from its
 * own decrypted number; a row that does not decrypt (another APP_SECRET) is counted and left alone.
 * Idempotent and cheap once done: the query finds nothing.
 */
export async function fillLiaisonPhoneHashes(deps: Pick<Deps, "db" | "crypto">): Promise<{ filled: number; unreadable: number }> {
  const rows = await deps.db
    .select({ id: liaisons.id, phoneEnc: liaisons.phoneEnc })
    .from(liaisons)
    .where(and(isNotNull(liaisons.phoneEnc), isNull(liaisons.phoneHash)));
  let filled = 0;
  let unreadable = 0;
  for (const row of rows) {
    let phone: string;
    try {
      phone = deps.crypto.decrypt(row.phoneEnc as Uint8Array);
    } catch {
      unreadable++;
      continue;
    }
    const done = await deps.db
      .update(liaisons)
      .set({ phoneHash: liaisonPhoneHash(deps, phone) })
      .where(and(eq(liaisons.id, row.id), isNull(liaisons.phoneHash)))
      .returning({ id: liaisons.id });
    filled += done.length;
  }
  return { filled, unreadable };
}
