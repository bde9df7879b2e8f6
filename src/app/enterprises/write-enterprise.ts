import { eq } from "drizzle-orm";
import { enterpriseGrams, enterprises } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { normalizeEnterpriseName } from "../../domain/enterprise-name.js";
import type { SectorCode } from "../../domain/sectors.js";
import { enterpriseGramsOf } from "./enterprise-grams.js";

export interface EnterpriseFields {
  name: string;
  creditCode: string | null;
  sectorCode: SectorCode;
  jurisdictionCode: string;
  supervisingLevel: "province" | "city" | "county" | "township";
  riskClass: "good" | "average" | "poor";
  blacklisted: boolean;
}

/**
 * Write one enterprise inside the caller's transaction: insert, or update the row with `id`, and
 * rebuild its name grams so fuzzy matching sees the new name. blacklistedAt is set when the flag turns on.
 */
export async function writeEnterprise(tx: DbOrTx, fields: EnterpriseFields, now: Date, id?: number, wasBlacklisted = false): Promise<number> {
  const values = {
    ...fields,
    nameNorm: normalizeEnterpriseName(fields.name),
    updatedAt: now,
    ...(fields.blacklisted && !wasBlacklisted ? { blacklistedAt: now } : {}),
    ...(!fields.blacklisted ? { blacklistedAt: null } : {}),
  };
  if (id !== undefined) {
    await tx.update(enterprises).set(values).where(eq(enterprises.id, id));
    await tx.delete(enterpriseGrams).where(eq(enterpriseGrams.enterpriseId, id));
  } else {
    [{ id }] = await tx
      .insert(enterprises)
      .values({ ...values, createdAt: now })
      .returning({ id: enterprises.id });
  }
  const grams = enterpriseGramsOf(fields.name);
  if (grams.length)
    await tx
      .insert(enterpriseGrams)
      .values(grams.map((gram) => ({ gram, enterpriseId: id! })))
      .onConflictDoNothing();
  return id!;
}
