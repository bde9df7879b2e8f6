import { eq } from "drizzle-orm";
import { z } from "zod";
import { enterpriseGrams, enterprises } from "../../db/schema.js";
import { normalizeEnterpriseName } from "../../domain/enterprise-name.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { enterpriseGramsOf } from "./enterprise-grams.js";

export const upsertEnterpriseInput = z.object({
  name: z.string().trim().min(2).max(200),
  creditCode: z.string().trim().optional(),
  sectorCode: z.enum(SECTOR_CODES),
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  supervisingLevel: z.enum(["province", "city", "county"]),
  riskClass: z.enum(["good", "average", "poor"]).default("average"),
  blacklisted: z.boolean().default(false),
});
export type UpsertEnterpriseInput = z.input<typeof upsertEnterpriseInput>;

/** Create or update (by credit code) an enterprise and its name grams, in one transaction. */
export async function upsertEnterprise(deps: Pick<Deps, "db">, raw: UpsertEnterpriseInput): Promise<{ id: number; created: boolean }> {
  const input = upsertEnterpriseInput.parse(raw);
  let creditCode: string | null = null;
  if (input.creditCode) {
    const v = validateCreditCode(input.creditCode);
    if (!v.ok) throw new AppError("invalid_input", `credit code ${input.creditCode}: ${v.reason}${v.reason === "check" && "expected" in v ? ` (check character should be ${v.expected})` : ""}`);
    creditCode = v.code;
  }
  return deps.db.transaction(async (tx) => {
    const values = {
      name: input.name, nameNorm: normalizeEnterpriseName(input.name), creditCode, sectorCode: input.sectorCode,
      jurisdictionCode: input.jurisdictionCode, supervisingLevel: input.supervisingLevel, riskClass: input.riskClass,
      blacklisted: input.blacklisted, updatedAt: new Date(),
    };
    const existing = creditCode ? await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode)) : [];
    let id: number;
    if (existing[0]) {
      id = existing[0].id;
      await tx.update(enterprises).set(values).where(eq(enterprises.id, id));
      await tx.delete(enterpriseGrams).where(eq(enterpriseGrams.enterpriseId, id));
    } else {
      [{ id }] = await tx.insert(enterprises).values(values).returning({ id: enterprises.id });
    }
    const grams = enterpriseGramsOf(input.name);
    if (grams.length) await tx.insert(enterpriseGrams).values(grams.map((gram) => ({ gram, enterpriseId: id }))).onConflictDoNothing();
    return { id, created: !existing[0] };
  });
}
