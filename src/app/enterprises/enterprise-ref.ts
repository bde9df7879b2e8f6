import { and, asc, eq, ilike } from "drizzle-orm";
import { enterprises } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { AppError } from "../deps.js";
import { withinPrefix } from "../manage/manage-scope.js";

/** How many names an ambiguous reference lists back, so staff can pick by credit code. */
const SHOWN_CANDIDATES = 5;

export interface EnterpriseRefMatch {
  id: number;
  name: string;
  creditCode: string | null;
}

/**
 * An enterprise as staff name it in a form field, within their area (`prefix`): its 统一社会信用代码, its
 * exact name, a part of its name that only one enterprise has, or its number. Nothing found is
 * `invalid_input`; several found is `invalid_input` with `details.reason = "enterprise_ambiguous"` and
 * the first few candidates, so the form can ask for the credit code instead of guessing.
 */
export async function resolveEnterpriseRef(db: DbOrTx, prefix: string | null, raw: string): Promise<EnterpriseRefMatch> {
  const ref = raw.trim().slice(0, 200);
  if (!ref) throw new AppError("invalid_input", "no enterprise named", ["enterpriseId"]);
  const columns = { id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode };
  const inArea = withinPrefix(enterprises.jurisdictionCode, prefix);
  const one = async (where: ReturnType<typeof and>) =>
    db
      .select(columns)
      .from(enterprises)
      .where(and(inArea, where))
      .orderBy(asc(enterprises.name))
      .limit(SHOWN_CANDIDATES + 1);
  let found: EnterpriseRefMatch[] = [];
  if (/^\d{1,9}$/.test(ref)) found = await one(eq(enterprises.id, Number(ref)));
  else if (/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(ref)) found = await one(eq(enterprises.creditCode, ref.toUpperCase()));
  if (found.length === 0) found = await one(eq(enterprises.name, ref));
  if (found.length === 0) found = await one(ilike(enterprises.name, `%${ref.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new AppError("invalid_input", "unknown enterprise", ["enterpriseId"]);
  throw new AppError("invalid_input", "ambiguous enterprise", { reason: "enterprise_ambiguous", candidates: found.slice(0, SHOWN_CANDIDATES) });
}

/** The reason a refusal carries when a name matched several enterprises. */
export function isAmbiguousEnterprise(err: unknown): boolean {
  return err instanceof AppError && (err.details as { reason?: string } | undefined)?.reason === "enterprise_ambiguous";
}
