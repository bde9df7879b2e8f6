import { eq } from "drizzle-orm";
import { z } from "zod";
import { blacklistEntries, enterprises } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { isCalendarDay } from "../../domain/quarters.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { withTransaction } from "../with-transaction.js";
import { activeListings, markListed } from "./enterprise-flag.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const listingFields = z
  .object({
    legalBasis: z.string().trim().min(2).max(500),
    listingUnit: z.string().trim().min(2).max(200),
    startsOn: z.string().regex(DAY).refine(isCalendarDay),
    plannedEndOn: z.string().regex(DAY).refine(isCalendarDay).nullable().default(null),
    reason: z.string().trim().min(2).max(2000),
  })
  .refine((v) => !v.plannedEndOn || v.plannedEndOn >= v.startsOn, { path: ["plannedEndOn"], message: "before start" });
export type ListingFields = z.output<typeof listingFields>;

/** The enterprise by id (its page) or by credit code (the 黑名单 page's form). */
export const addListingInput = z
  .object({ enterpriseId: z.coerce.number().int().positive().max(2_147_483_647).optional(), creditCode: z.string().trim().max(40).optional() })
  .and(listingFields);

/** Committee or admin lists an enterprise in its scope on the 黑名单 (联合惩戒); audited with the listing. */
export async function addListing(deps: Deps, actor: StaffActor, raw: z.input<typeof addListingInput>): Promise<{ id: number }> {
  requireManager(actor);
  const parsed = addListingInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid listing",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const { enterpriseId, creditCode, ...fields } = parsed.data;
    const code = creditCode ? validateCreditCode(creditCode) : null;
    if (code && !code.ok) throw new AppError("invalid_input", "credit code", ["creditCode"]);
    const where = code?.ok ? eq(enterprises.creditCode, code.code) : enterpriseId ? eq(enterprises.id, enterpriseId) : null;
    if (!where) throw new AppError("invalid_input", "enterprise", ["creditCode"]);
    const [e] = await tx.db.select().from(enterprises).where(where).for("update");
    if (!e || !inPrefix(e.jurisdictionCode, prefix)) throw new AppError("not_found", "no such enterprise");
    const id = await insertListing(tx.db, e, fields, actorLabel(actor), now);
    await appendAudit(
      tx.db,
      { actor: actorLabel(actor), action: "blacklist.listed", entity: "enterprise", entityId: e.id, after: { listingId: id, ...fields } },
      now,
    );
    return { id };
  });
}

/**
 * One listing row and its effect on the enterprise, inside the caller's transaction (the CSV import uses it
 * too). The risk class to restore later is the one before the FIRST listing in force, not the poor an
 * earlier listing already set.
 */
export async function insertListing(
  tx: DbOrTx,
  e: Pick<typeof enterprises.$inferSelect, "id" | "riskClass">,
  fields: ListingFields,
  by: string,
  now: Date,
): Promise<number> {
  const inForce = await activeListings(tx, e.id);
  const priorRiskClass = inForce[0]?.priorRiskClass ?? e.riskClass;
  const [row] = await tx
    .insert(blacklistEntries)
    .values({ enterpriseId: e.id, ...fields, priorRiskClass, listedBy: by, createdAt: now })
    .returning({ id: blacklistEntries.id });
  await markListed(tx, e.id, now);
  return row.id;
}
