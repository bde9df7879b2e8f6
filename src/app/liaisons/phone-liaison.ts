import { and, eq } from "drizzle-orm";
import { liaisons, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { normalizeMainlandMobile } from "../../domain/mobile-phone.js";
import type { Deps } from "../deps.js";

/** The keyed hash a liaison's phone is matched by; always of the E.164 form, so "+86 138…" and "138…" are one number. */
export function liaisonPhoneHash(deps: Pick<Deps, "crypto">, e164: string): string {
  return deps.crypto.hash("liaison-phone", e164);
}

export interface PhoneLiaison {
  liaisonId: number;
  unitId: number;
  unitName: string;
  locale: string;
}

/**
 * The active liaisons an SMS sender answers for (one phone may serve several units), matched by the
 * keyed hash of its number. A sender that is no mainland mobile, or no active liaison, matches none.
 */
export async function phoneLiaisons(db: DbOrTx, deps: Pick<Deps, "crypto">, from: string): Promise<PhoneLiaison[]> {
  const e164 = normalizeMainlandMobile(from);
  if (!e164) return [];
  return db
    .select({ liaisonId: liaisons.id, unitId: units.id, unitName: units.name, locale: liaisons.locale })
    .from(liaisons)
    .innerJoin(units, eq(units.id, liaisons.unitId))
    .where(and(eq(liaisons.phoneHash, liaisonPhoneHash(deps, e164)), eq(liaisons.active, true), eq(units.active, true)))
    .orderBy(liaisons.id);
}
