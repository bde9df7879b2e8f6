import { and, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { tips } from "../../db/schema.js";
import { DUPLICATE_MIN_SCORE, duplicateScore, type DuplicateSignals } from "../../domain/duplicates.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { TipStatus } from "../../domain/tip-status.js";
import { AppError, type Deps } from "../deps.js";
import { actorField, tipIdField } from "./inputs.js";
import { subtreeCodes, visibleTips } from "./scope.js";
import { OPEN_STATUSES, parseInput } from "./tip-action.js";

export const findDuplicatesInput = z.object({ actor: actorField, tipId: tipIdField });

/** Candidates read per tip page, nearest in time first; the score is computed on these only. */
const MAX_CANDIDATES = 50;
export const MAX_SUGGESTIONS = 5;

export interface DuplicateSuggestion {
  id: number;
  trackingCode: string;
  status: TipStatus;
  receivedAt: Date;
  sectorCode: SectorCode;
  text: string;
  score: number;
  signals: DuplicateSignals;
  /** The one-click merge: the later tip goes into the earlier (whose reporter came first); null when the later one is no longer open. */
  merge: { fromTipId: number; intoTipId: number } | null;
}

/**
 * Likely duplicates of a tip among those the actor may see, received within DUPLICATE_WINDOW_DAYS of it:
 * same enterprise (matched or by credit code) or same place (the jurisdiction, or its county's). Each
 * branch of the OR has its index ((enterprise_id, received_at), (credit_code_text, received_at),
 * (jurisdiction_code, received_at)); at most MAX_CANDIDATES rows are scored, with the text similarity
 * (character bigrams, jubao_bigrams from migration 0003) computed in the database.
 */
export async function findDuplicates(deps: Deps, raw: z.input<typeof findDuplicatesInput>): Promise<DuplicateSuggestion[]> {
  const input = parseInput(findDuplicatesInput, raw);
  const scope = await visibleTips(deps.db, input.actor);
  const [tip] = await deps.db
    .select()
    .from(tips)
    .where(and(eq(tips.id, input.tipId), scope));
  if (!tip) throw new AppError("not_found", "tip not found");
  if (tip.status === "merged") return [];
  const windowMs = deps.config.DUPLICATE_WINDOW_DAYS * 86_400_000;
  const place = await placeCodes(deps, tip.jurisdictionCode);
  const matches: SQL[] = [];
  if (tip.enterpriseId) matches.push(eq(tips.enterpriseId, tip.enterpriseId));
  if (tip.creditCodeText) matches.push(eq(tips.creditCodeText, tip.creditCodeText));
  if (place.length) matches.push(inArray(tips.jurisdictionCode, place));
  if (!matches.length) return [];
  const distance = sql`abs(extract(epoch from (${tips.receivedAt} - ${tip.receivedAt.toISOString()}::timestamptz)))`;
  const candidates = deps.db
    .select({
      id: tips.id,
      trackingCode: tips.trackingCode,
      status: tips.status,
      receivedAt: tips.receivedAt,
      sectorCode: tips.sectorCode,
      jurisdictionCode: tips.jurisdictionCode,
      enterpriseId: tips.enterpriseId,
      creditCodeText: tips.creditCodeText,
      text: tips.text,
    })
    .from(tips)
    .where(
      and(
        scope,
        ne(tips.id, tip.id),
        ne(tips.status, "merged"),
        gte(tips.receivedAt, new Date(tip.receivedAt.getTime() - windowMs)),
        lte(tips.receivedAt, new Date(tip.receivedAt.getTime() + windowMs)),
        or(...matches),
      ),
    )
    .orderBy(distance, tips.id)
    .limit(MAX_CANDIDATES)
    .as("c");
  const rows = await deps.db
    .select({
      id: candidates.id,
      trackingCode: candidates.trackingCode,
      status: candidates.status,
      receivedAt: candidates.receivedAt,
      sectorCode: candidates.sectorCode,
      jurisdictionCode: candidates.jurisdictionCode,
      enterpriseId: candidates.enterpriseId,
      creditCodeText: candidates.creditCodeText,
      text: candidates.text,
      common: sql<number>`(select count(*) from (select unnest(jubao_bigrams(${candidates.text})) intersect select unnest(jubao_bigrams(${tip.text}))) g)::int`,
      grams: sql<number>`cardinality(jubao_bigrams(${candidates.text}))`,
      ownGrams: sql<number>`cardinality(jubao_bigrams(${tip.text}))`,
    })
    .from(candidates);
  const out: DuplicateSuggestion[] = [];
  for (const r of rows) {
    const union = Number(r.grams) + Number(r.ownGrams) - Number(r.common);
    const signals: DuplicateSignals = {
      sameEnterprise: (!!tip.enterpriseId && r.enterpriseId === tip.enterpriseId) || (!!tip.creditCodeText && r.creditCodeText === tip.creditCodeText),
      place: r.jurisdictionCode === tip.jurisdictionCode ? "same" : r.jurisdictionCode && place.includes(r.jurisdictionCode) ? "near" : "none",
      sameSector: r.sectorCode === tip.sectorCode,
      textSimilarity: union > 0 ? Number(r.common) / union : 0,
    };
    const score = duplicateScore(signals);
    if (score < DUPLICATE_MIN_SCORE) continue;
    out.push({
      id: r.id,
      trackingCode: r.trackingCode,
      status: r.status,
      receivedAt: r.receivedAt,
      sectorCode: r.sectorCode as SectorCode,
      text: r.text.slice(0, 200),
      score,
      signals,
      merge: mergeDirection(input.actor.role, tip, r),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.receivedAt.getTime() - b.receivedAt.getTime()).slice(0, MAX_SUGGESTIONS);
}

type Dated = { id: number; status: TipStatus; receivedAt: Date };

/** The later tip is merged into the earlier one: the reward goes to the first eligible reporter, and the earlier tip is usually further along. */
function mergeDirection(role: string, a: Dated, b: Dated): DuplicateSuggestion["merge"] {
  if (role === "viewer") return null;
  const [earlier, later] =
    a.receivedAt.getTime() < b.receivedAt.getTime() || (a.receivedAt.getTime() === b.receivedAt.getTime() && a.id < b.id) ? [a, b] : [b, a];
  return (OPEN_STATUSES as readonly string[]).includes(later.status) ? { fromTipId: later.id, intoTipId: earlier.id } : null;
}

/**
 * The place a duplicate must share: for a township or a county, the county and its townships (a reporter
 * names the county, another the township); for a city or province, only that exact code (a subtree of a
 * city is too wide to mean "the same place").
 */
async function placeCodes(deps: Deps, code: string | null): Promise<string[]> {
  if (!code) return [];
  const county = code.length > 6 ? code.slice(0, 6) : code;
  if (county.endsWith("00")) return [code];
  return subtreeCodes(deps.db, county);
}
