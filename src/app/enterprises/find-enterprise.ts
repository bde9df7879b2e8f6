import { asc, eq, inArray, sql } from "drizzle-orm";
import { enterpriseGrams, enterprises } from "../../db/schema.js";
import { findCreditCodes, validateCreditCode } from "../../domain/credit-code.js";
import { bestEnterpriseMatch, DEFAULT_ENTERPRISE_THRESHOLD, normalizeEnterpriseName } from "../../domain/enterprise-name.js";
import type { MatchedEnterprise } from "../../domain/routing/types.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { enterpriseGramsOf } from "./enterprise-grams.js";
import { enterpriseIndex, exactByName, type IndexedEnterprise, rankByGrams } from "./enterprise-index.js";

export interface EnterpriseLookup {
  enterprise: MatchedEnterprise | null;
  creditCodeProblem: { code: string; reason: string; expected?: string } | null;
}

/** Enough candidates to survive noisy names, few enough that matching stays microseconds. */
const CANDIDATES = 20;

/**
 * A credit code (given, or found in the text) decides outright when valid; a wrong check character is
 * reported back, never corrected. Otherwise the name: the exact normalised name when unique, else the
 * candidates sharing the most trade-name bigrams (ties by id), then the domain's fuzzy similarity with its
 * threshold. Served from the in-memory index (enterprise-index.ts): no database read per tip.
 */
export async function findEnterprise(
  deps: Pick<Deps, "db" | "database">,
  input: { name?: string; creditCode?: string; text?: string },
): Promise<EnterpriseLookup> {
  const index = await enterpriseIndex(deps);
  let source = indexSources.get(index);
  if (!source) {
    source = {
      byCreditCode: (code) => index.byCreditCode.get(code),
      exact: (name) => exactByName(index, name),
      ranked: (grams) => rankByGrams(index, grams, CANDIDATES),
    };
    indexSources.set(index, source);
  }
  return lookupEnterprise(input, source);
}

/** The lookup over one built index, made once per index rather than per tip. */
const indexSources = new WeakMap<object, LookupSource>();

/**
 * The same lookup as SQL queries (credit code and name_norm by btree index, bigrams by enterprise_grams):
 * the reference the in-memory index is tested against, and what it replaced on the routing path.
 */
export async function findEnterpriseSql(deps: Pick<Deps, "db">, input: { name?: string; creditCode?: string; text?: string }): Promise<EnterpriseLookup> {
  const sync = await prefetchSql(deps, input);
  return lookupEnterprise(input, sync);
}

interface LookupSource {
  byCreditCode(code: string): IndexedEnterprise | undefined;
  exact(name: string): IndexedEnterprise | undefined;
  ranked(grams: string[]): IndexedEnterprise[];
}

function lookupEnterprise(input: { name?: string; creditCode?: string; text?: string }, source: LookupSource): EnterpriseLookup {
  let creditCodeProblem: EnterpriseLookup["creditCodeProblem"] = null;
  for (const raw of creditCodeCandidates(input)) {
    const v = validateCreditCode(raw);
    if (!v.ok) {
      creditCodeProblem ??= { code: raw.trim(), reason: v.reason, ...(v.reason === "check" && "expected" in v ? { expected: v.expected } : {}) };
      continue;
    }
    const row = source.byCreditCode(v.code);
    if (row) return { enterprise: toMatched(row, "credit_code", 1), creditCodeProblem };
  }
  const name = input.name?.trim();
  if (!name) return { enterprise: null, creditCodeProblem };
  const exact = source.exact(name);
  if (exact) return { enterprise: toMatched(exact, "name", 1), creditCodeProblem };
  const grams = enterpriseGramsOf(name);
  if (grams.length === 0) return { enterprise: null, creditCodeProblem };
  const rows = source.ranked(grams);
  if (rows.length === 0) return { enterprise: null, creditCodeProblem };
  const best = bestEnterpriseMatch(name, rows, DEFAULT_ENTERPRISE_THRESHOLD);
  const row = best && rows.find((r) => r.id === best.id);
  return { enterprise: row ? toMatched(row, "name", best!.score) : null, creditCodeProblem };
}

function creditCodeCandidates(input: { name?: string; creditCode?: string; text?: string }): string[] {
  return [input.creditCode, ...findCreditCodes(`${input.name ?? ""} ${input.text ?? ""}`)].filter((c): c is string => !!c && c.trim() !== "");
}

/** Runs every query the lookup may need, so the decision itself is the same synchronous code for both sources. */
async function prefetchSql(deps: Pick<Deps, "db">, input: { name?: string; creditCode?: string; text?: string }): Promise<LookupSource> {
  const byCode = new Map<string, IndexedEnterprise>();
  for (const raw of creditCodeCandidates(input)) {
    const v = validateCreditCode(raw);
    if (!v.ok) continue;
    const [row] = await deps.db.select(COLUMNS).from(enterprises).where(eq(enterprises.creditCode, v.code));
    if (row) byCode.set(v.code, row);
  }
  const name = input.name?.trim();
  let exact: IndexedEnterprise | undefined;
  let ranked: IndexedEnterprise[] = [];
  if (name) {
    const same = await deps.db
      .select(COLUMNS)
      .from(enterprises)
      .where(eq(enterprises.nameNorm, normalizeEnterpriseName(name)))
      .limit(2);
    if (same.length === 1) exact = same[0];
    const grams = enterpriseGramsOf(name);
    if (!exact && grams.length) {
      // One round trip: the top candidates by shared bigrams (index on (gram, enterprise_id)), ties by id.
      const hits = sql<number>`count(*)`;
      const top = deps.db
        .select({ id: enterpriseGrams.enterpriseId, hits: hits.as("hits") })
        .from(enterpriseGrams)
        .where(inArray(enterpriseGrams.gram, grams))
        .groupBy(enterpriseGrams.enterpriseId)
        .orderBy(sql`count(*) desc`, asc(enterpriseGrams.enterpriseId))
        .limit(CANDIDATES)
        .as("ranked");
      ranked = (
        await deps.db
          .select({ ...COLUMNS, hits: top.hits })
          .from(top)
          .innerJoin(enterprises, eq(enterprises.id, top.id))
      )
        .sort((a, b) => Number(b.hits) - Number(a.hits) || a.id - b.id)
        .map(({ hits: _, ...row }) => row);
    }
  }
  return { byCreditCode: (code) => byCode.get(code), exact: () => exact, ranked: () => ranked };
}

const COLUMNS = {
  id: enterprises.id,
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  sectorCode: enterprises.sectorCode,
  jurisdictionCode: enterprises.jurisdictionCode,
  supervisingLevel: enterprises.supervisingLevel,
};

function toMatched(row: IndexedEnterprise, via: "credit_code" | "name", score: number): MatchedEnterprise {
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
