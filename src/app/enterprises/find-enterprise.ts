import { eq, inArray, sql } from "drizzle-orm";
import { enterpriseGrams, enterprises } from "../../db/schema.js";
import { findCreditCodes, validateCreditCode } from "../../domain/credit-code.js";
import { bestEnterpriseMatch, DEFAULT_ENTERPRISE_THRESHOLD, normalizeEnterpriseName } from "../../domain/enterprise-name.js";
import type { MatchedEnterprise } from "../../domain/routing/types.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { enterpriseGramsOf } from "./enterprise-grams.js";

export interface EnterpriseLookup {
  enterprise: MatchedEnterprise | null;
  creditCodeProblem: { code: string; reason: string; expected?: string } | null;
}

/** Enough candidates to survive noisy names, few enough that matching stays microseconds. */
const CANDIDATES = 20;

/**
 * A credit code (given, or found in the text) decides outright when valid; a wrong check character is
 * reported back, never corrected. Otherwise the name: candidates sharing the most bigrams (index
 * lookup, never a scan of all enterprises), then the domain's fuzzy similarity with its threshold.
 */
export async function findEnterprise(deps: Pick<Deps, "db">, input: { name?: string; creditCode?: string; text?: string }): Promise<EnterpriseLookup> {
  let creditCodeProblem: EnterpriseLookup["creditCodeProblem"] = null;
  const candidates = [input.creditCode, ...findCreditCodes(`${input.name ?? ""} ${input.text ?? ""}`)].filter((c): c is string => !!c && c.trim() !== "");
  for (const raw of candidates) {
    const v = validateCreditCode(raw);
    if (!v.ok) {
      creditCodeProblem ??= { code: raw.trim(), reason: v.reason, ...(v.reason === "check" && "expected" in v ? { expected: v.expected } : {}) };
      continue;
    }
    const [row] = await deps.db.select().from(enterprises).where(eq(enterprises.creditCode, v.code));
    if (row) return { enterprise: toMatched(row, "credit_code", 1), creditCodeProblem };
  }
  const name = input.name?.trim();
  if (!name) return { enterprise: null, creditCodeProblem };
  // Fast path: the normalised name exactly (btree index), the common case of a reporter copying a name.
  const exact = await deps.db
    .select()
    .from(enterprises)
    .where(eq(enterprises.nameNorm, normalizeEnterpriseName(name)))
    .limit(2);
  if (exact.length === 1) return { enterprise: toMatched(exact[0], "name", 1), creditCodeProblem };
  const grams = enterpriseGramsOf(name);
  if (grams.length === 0) return { enterprise: null, creditCodeProblem };
  // One round trip: the top candidates by shared bigrams (index on (gram, enterprise_id)), joined to their rows.
  const ranked = deps.db
    .select({ id: enterpriseGrams.enterpriseId, hits: sql<number>`count(*)`.as("hits") })
    .from(enterpriseGrams)
    .where(inArray(enterpriseGrams.gram, grams))
    .groupBy(enterpriseGrams.enterpriseId)
    .orderBy(sql`count(*) desc`)
    .limit(CANDIDATES)
    .as("ranked");
  const rows = (await deps.db.select({ e: enterprises }).from(ranked).innerJoin(enterprises, eq(enterprises.id, ranked.id))).map((r) => r.e);
  if (rows.length === 0) return { enterprise: null, creditCodeProblem };
  const best = bestEnterpriseMatch(name, rows, DEFAULT_ENTERPRISE_THRESHOLD);
  const row = best && rows.find((r) => r.id === best.id);
  return { enterprise: row ? toMatched(row, "name", best!.score) : null, creditCodeProblem };
}

function toMatched(row: typeof enterprises.$inferSelect, via: "credit_code" | "name", score: number): MatchedEnterprise {
  return {
    id: row.id,
    name: row.name,
    sectorCode: row.sectorCode as SectorCode,
    jurisdictionCode: row.jurisdictionCode,
    supervisingLevel: row.supervisingLevel,
    via,
    score,
  };
}
