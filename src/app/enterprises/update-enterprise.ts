import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { enterprises, jurisdictions } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { invalidateEnterpriseIndex } from "./enterprise-index.js";
import { writeEnterprise } from "./write-enterprise.js";
import { activeListings } from "../blacklist/enterprise-flag.js";

export const updateEnterpriseInput = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(2).max(200),
  creditCode: z.string().trim().max(40).optional(),
  sectorCode: z.enum(SECTOR_CODES),
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  supervisingLevel: z.enum(["province", "city", "county", "township"]),
  riskClass: z.enum(["good", "average", "poor"]),
  blacklisted: z.boolean(),
});

/** Staff edit one enterprise by id; the old and new values go to the audit log in the same transaction. */
export async function updateEnterprise(deps: Deps, actor: StaffActor, raw: z.input<typeof updateEnterpriseInput>): Promise<void> {
  requireManager(actor);
  const parsed = updateEnterpriseInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid enterprise",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const { id, creditCode: rawCode, ...rest } = parsed.data;
  let creditCode: string | null = null;
  if (rawCode) {
    const v = validateCreditCode(rawCode);
    if (!v.ok) throw new AppError("invalid_input", `credit code: ${v.reason}`, ["creditCode"]);
    creditCode = v.code;
  }
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(enterprises).where(eq(enterprises.id, id)).for("update");
    if (!before || !inPrefix(before.jurisdictionCode, prefix)) throw new AppError("not_found", "no such enterprise");
    if (!inPrefix(rest.jurisdictionCode, prefix)) throw new AppError("invalid_input", "jurisdiction outside your scope", ["jurisdictionCode"]);
    const [j] = await tx.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, rest.jurisdictionCode));
    if (!j) throw new AppError("invalid_input", "unknown jurisdiction", ["jurisdictionCode"]);
    if (creditCode) {
      const [clash] = await tx
        .select({ id: enterprises.id })
        .from(enterprises)
        .where(and(eq(enterprises.creditCode, creditCode), ne(enterprises.id, id)));
      if (clash) throw new AppError("conflict", "another enterprise has this credit code");
    }
    // While a 黑名单 listing is in force the flag follows the listing; it ends only by 信用修复 (decide-removal).
    if (before.blacklisted && !rest.blacklisted && (await activeListings(tx, id)).length)
      throw new AppError("conflict", "listed on the blacklist: remove the listing (credit repair) instead", ["blacklisted"]);
    const fields = { ...rest, creditCode };
    await writeEnterprise(tx, fields, now, id, before.blacklisted);
    const pick = (e: Omit<typeof fields, "sectorCode"> & { sectorCode: string }) => ({
      name: e.name,
      creditCode: e.creditCode,
      sectorCode: e.sectorCode,
      jurisdictionCode: e.jurisdictionCode,
      supervisingLevel: e.supervisingLevel,
      riskClass: e.riskClass,
      blacklisted: e.blacklisted,
    });
    await appendAudit(
      tx,
      { actor: actorLabel(actor), action: "enterprise.updated", entity: "enterprise", entityId: id, before: pick(before), after: pick(fields) },
      now,
    );
  });
  invalidateEnterpriseIndex(deps.database);
}
