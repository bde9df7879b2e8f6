import { SECTOR_CODES, type SectorCode } from "../sectors.js";
import { MODIFIERS } from "./context.js";
import { compileLexicon, scan, type Lexicon, type TermHit } from "./lexicon.js";
import { slabFloat64 } from "./slab.js";
import { CONCEPTS } from "./vocabulary.js";

export interface SectorClassification {
  /** "other" when confidence is below the threshold: the tip goes to the 安委办 for manual triage. */
  sector: SectorCode;
  confidence: number;
  /** The words behind `best`, as the reporter wrote them, strongest first (kept when sector is "other"). */
  evidence: string[];
  scores: Partial<Record<SectorCode, number>>;
  /** The top-scoring sector even when below threshold. */
  best: SectorCode;
  /**
   * The two best-scoring sectors with the words that scored for each, best first: what a clerk reads
   * when the tip falls to manual triage, to forward it without rereading it.
   */
  candidates: SectorCandidate[];
}

export interface SectorCandidate {
  sector: SectorCode;
  score: number;
  evidence: string[];
}

/** Tuned on the dev tips so that one clear term (塔吊, 尾矿库) passes and one vague word (司机) does not. */
export const DEFAULT_SECTOR_THRESHOLD = 0.4;

/** Scores of this size are "sure"; confidence saturates towards 1 above it. */
const SCORE_SCALE = 4;
/** Extra distinct wordings of one concept add a little, so repetition cannot swamp other concepts. */
const REPEAT_BONUS = 0.25;
const MAX_EVIDENCE = 6;

const LEXICON = compileLexicon(CONCEPTS.map((c) => c.terms));
const SECTOR_INDEX = new Map(SECTOR_CODES.map((s, i) => [s, i]));
const sectorWeights = (w: Partial<Record<SectorCode, number>>) =>
  (Object.entries(w) as [SectorCode, number][]).map(([s, v]) => ({ sector: SECTOR_INDEX.get(s)!, weight: v }));
const CONCEPT_WEIGHTS = CONCEPTS.map((c) => sectorWeights(c.weights));
const CONCEPT_INDEX = new Map(CONCEPTS.map((c, i) => [c.id, i]));
const COMPILED_MODIFIERS = MODIFIERS.map((m) => ({
  shifts: sectorWeights(m.shift ?? {}),
  transfers: (m.transfer ?? []).map((t) => ({
    from: SECTOR_INDEX.get(t.from)!,
    to: SECTOR_INDEX.get(t.to)!,
    fraction: t.fraction,
  })),
  concepts: m.when.map(conceptIndex),
  unless: (m.unless ?? []).map(conceptIndex),
}));
function conceptIndex(id: string): number {
  const i = CONCEPT_INDEX.get(id);
  if (i === undefined) throw new Error(`modifier refers to unknown concept ${id}`);
  return i;
}

interface ConceptMatch {
  patterns: Set<number>;
  quotes: string[];
}

function groupByConcept(hits: TermHit[]): Map<number, ConceptMatch> {
  const found = new Map<number, ConceptMatch>();
  for (const h of hits) {
    let m = found.get(h.concept);
    if (!m) found.set(h.concept, (m = { patterns: new Set(), quotes: [] }));
    m.patterns.add(h.pattern);
    if (!m.quotes.includes(h.quote)) m.quotes.push(h.quote);
  }
  return found;
}

/** What each concept gave each sector, kept to choose the evidence for the winner. */
type Contribution = { concept: number; sector: number; amount: number };

function score(found: Map<number, ConceptMatch>): { totals: Float64Array; contributions: Contribution[] } {
  const totals = slabFloat64(SECTOR_CODES.length);
  const contributions: Contribution[] = [];
  for (const [concept, m] of found) {
    const factor = 1 + REPEAT_BONUS * Math.min(m.patterns.size - 1, 2);
    for (const { sector, weight } of CONCEPT_WEIGHTS[concept]) {
      totals[sector] += weight * factor;
      contributions.push({ concept, sector, amount: weight * factor });
    }
  }
  for (const mod of COMPILED_MODIFIERS) {
    if (!allFound(mod.concepts, found) || anyFound(mod.unless, found)) continue;
    for (const { from, to, fraction } of mod.transfers) {
      const moved = Math.max(0, totals[from]) * fraction;
      totals[from] -= moved;
      totals[to] += moved;
      for (const c of contributions.filter((x) => x.sector === from)) {
        contributions.push({ ...c, sector: to, amount: c.amount * fraction });
      }
      if (moved > 0) for (const concept of mod.concepts) contributions.push({ concept, sector: to, amount: moved / 2 });
    }
    for (const { sector, weight } of mod.shifts) {
      totals[sector] += weight;
      // The context words explain a positive shift as much as the sector's own words do.
      if (weight > 0) for (const concept of mod.concepts) contributions.push({ concept, sector, amount: weight / 2 });
    }
  }
  return { totals, contributions };
}

/** Module level, not a closure per modifier and tip (see addRuleHit). */
function allFound(concepts: number[], found: Map<number, ConceptMatch>): boolean {
  for (const c of concepts) if (!found.has(c)) return false;
  return true;
}

function anyFound(concepts: number[], found: Map<number, ConceptMatch>): boolean {
  for (const c of concepts) if (found.has(c)) return true;
  return false;
}

/** Where the vocabulary's words stand in a text ([start, end) in the text as written). */
export function vocabularySpans(text: string): [number, number][] {
  return scan(LEXICON, text).map((h) => [h.start, h.start + h.quote.length]);
}

/**
 * What a staff-accepted rule adds to its sector: enough to outweigh the vocabulary's usual wrong
 * answer (a score of 3–5) with a confidence above the threshold. A rule is staff's own decision.
 */
export const SECTOR_RULE_WEIGHT = 7;

/** Terms staff accepted for a sector (routing_sector_rules), compiled once per routing snapshot. */
export interface SectorRules {
  lexicon: Lexicon;
  sectors: number[];
}

export function compileSectorRules(rules: readonly { term: string; sector: SectorCode }[]): SectorRules {
  return { lexicon: compileLexicon(rules.map((r) => [r.term])), sectors: rules.map((r) => SECTOR_INDEX.get(r.sector)!) };
}

export interface ClassifyOptions {
  threshold?: number;
  /** Accepted term → sector rules. */
  rules?: SectorRules;
  /** Accepted enterprise → sector rules that hold for this tip: the sector gets the rule weight, quoted by the name. */
  boosts?: readonly { sector: SectorCode; quote: string }[];
}

/** Rule hits join the vocabulary's concepts under indexes past the vocabulary, so the evidence quotes them too. */
function applyRules(text: string, opts: ClassifyOptions, found: Map<number, ConceptMatch>, totals: Float64Array, contributions: Contribution[]) {
  let next = CONCEPTS.length;
  if (opts.rules?.sectors.length) {
    const seen = new Set<number>();
    for (const h of scan(opts.rules.lexicon, text)) {
      if (seen.has(h.concept)) continue;
      seen.add(h.concept);
      addRuleHit(next++, opts.rules.sectors[h.concept], h.quote, h.pattern, found, totals, contributions);
    }
  }
  for (const b of opts.boosts ?? []) addRuleHit(next++, SECTOR_INDEX.get(b.sector)!, b.quote, -1, found, totals, contributions);
}

/** Module level rather than a closure per call (tsx's keepNames makes each named closure an Object.defineProperty). */
function addRuleHit(
  concept: number,
  sector: number,
  quote: string,
  pattern: number,
  found: Map<number, ConceptMatch>,
  totals: Float64Array,
  contributions: Contribution[],
): void {
  found.set(concept, { patterns: new Set([pattern]), quotes: [quote] });
  totals[sector] += SECTOR_RULE_WEIGHT;
  contributions.push({ concept, sector, amount: SECTOR_RULE_WEIGHT });
}

/** The last text's vocabulary hits: the learned router (features.ts) reads the same concepts right after. */
let lastScan: { text: string; hits: TermHit[] } | undefined;
function vocabularyHits(text: string): TermHit[] {
  if (lastScan?.text !== text) lastScan = { text, hits: scan(LEXICON, text) };
  return lastScan.hits;
}

/** The ids of the vocabulary concepts a text mentions, in order of appearance (repeats included). */
export function conceptHits(text: string): string[] {
  return vocabularyHits(text).map((h) => CONCEPTS[h.concept].id);
}

export function classifySector(text: string, opts: ClassifyOptions = {}): SectorClassification {
  const threshold = opts.threshold ?? DEFAULT_SECTOR_THRESHOLD;
  const found = groupByConcept(vocabularyHits(text));
  const { totals, contributions } = score(found);
  if (opts.rules || opts.boosts) applyRules(text, opts, found, totals, contributions);
  let bestIndex = SECTOR_CODES.indexOf("other");
  let secondIndex = -1;
  let top = 0;
  let second = 0;
  const scores: Partial<Record<SectorCode, number>> = {};
  totals.forEach((raw, i) => {
    const v = Math.max(0, raw);
    if (v > 0) scores[SECTOR_CODES[i]] = Math.round(v * 100) / 100;
    if (v > top) [second, secondIndex, top, bestIndex] = [top, top > 0 ? bestIndex : -1, v, i];
    else if (v > second) [second, secondIndex] = [v, i];
  });
  const best = SECTOR_CODES[bestIndex];
  const confidence = top <= 0 ? 0 : (1 - Math.exp(-top / SCORE_SCALE)) * (top / (top + second));
  const evidence = evidenceFor(bestIndex, contributions, found);
  return {
    sector: confidence >= threshold ? best : "other",
    confidence: Math.round(confidence * 1000) / 1000,
    evidence,
    scores,
    best,
    candidates: [
      [bestIndex, top],
      [secondIndex, second],
    ]
      .filter(([i, v]) => i >= 0 && v > 0)
      .map(([i, v]) => ({
        sector: SECTOR_CODES[i],
        score: Math.round(v * 100) / 100,
        evidence: (i === bestIndex ? evidence : evidenceFor(i, contributions, found)).slice(0, 3),
      })),
  };
}

function evidenceFor(sector: number, contributions: Contribution[], found: Map<number, ConceptMatch>): string[] {
  const byConcept = new Map<number, number>();
  for (const c of contributions) {
    if (c.sector === sector && c.amount > 0) byConcept.set(c.concept, (byConcept.get(c.concept) ?? 0) + c.amount);
  }
  const quotes: string[] = [];
  for (const [concept] of [...byConcept].sort((a, b) => b[1] - a[1])) {
    for (const q of found.get(concept)?.quotes ?? []) if (!quotes.includes(q)) quotes.push(q);
  }
  return quotes.slice(0, MAX_EVIDENCE);
}
