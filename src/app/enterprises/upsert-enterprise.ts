import { eq } from "drizzle-orm";
import { z } from "zod";
import { enterprises } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { invalidateEnterpriseIndex } from "./enterprise-index.js";
import { writeEnterprise } from "./write-enterprise.js";

export const upsertEnterpriseInput = z.object({
  name: z.string().trim().min(2).max(200),
  creditCode: z.string().trim().optional(),
  sectorCode: z.enum(SECTOR_CODES),
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  supervisingLevel: z.enum(["province", "city", "county", "township"]),
  riskClass: z.enum(["good", "average", "poor"]).default("average"),
  blacklisted: z.boolean().default(false),
});
export type UpsertEnterpriseInput = z.input<typeof upsertEnterpriseInput>;

/** Create or update (by credit code) an enterprise and its name grams, in one transaction. */
export async function upsertEnterprise(deps: Pick<Deps, "db" | "database">, raw: UpsertEnterpriseInput): Promise<{ id: number; created: boolean }> {
  const input = upsertEnterpriseInput.parse(raw);
  let creditCode: string | null = null;
  if (input.creditCode) {
    const v = validateCreditCode(input.creditCode);
    if (!v.ok)
      throw new AppError(
        "invalid_input",
        `credit code ${input.creditCode}: ${v.reason}${v.reason === "check" && "expected" in v ? ` (check character should be ${v.expected})` : ""}`,
      );
    creditCode = v.code;
  }
  const result = await deps.db.transaction(async (tx) => {
    const [existing] = creditCode
      ? await tx.select({ id: enterprises.id, blacklisted: enterprises.blacklisted }).from(enterprises).where(eq(enterprises.creditCode, creditCode))
      : [];
    const fields = {
      name: input.name,
      creditCode,
      sectorCode: input.sectorCode,
      jurisdictionCode: input.jurisdictionCode,
      supervisingLevel: input.supervisingLevel,
      riskClass: input.riskClass,
      blacklisted: input.blacklisted,
    };
    const id = await writeEnterprise(tx, fields, new Date(), existing?.id, existing?.blacklisted ?? false);
    return { id, created: !existing };
  });
  invalidateEnterpriseIndex(deps.database);
  return result;
}
