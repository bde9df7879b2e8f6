/**
 * The learned layer over the rules. The models (train.ts) see the rule layer's reading as features
 * (features.ts: concept hits, sector scores, the rules' choice, the danger parts and verdict) beside the
 * n-grams, so they are a stack: they learn where the rules are right and which words the rules miss.
 * Decisions stay explainable: the evidence names the words the rules matched when the model agrees
 * with them, else the n-grams that pushed the model's choice most.
 * Staff-accepted rules (a term or an enterprise → sector) are staff's own decision: when one holds, the
 * rule layer's answer stands unchanged.
 */
import type { SectorCode } from "../sectors.js";
import type { SectorCandidate, SectorClassification } from "./classify.js";
import type { DangerAssessment } from "./danger.js";
import { hashFeature, type FeatureVector } from "./features.js";
import { slabFloat64 } from "./slab.js";

/** The committed form (model/route-model.json): weights in thousandths, feature indexes as gaps. */
export interface RouteModelJson {
  version: 1;
  hashBits: number;
  sectors: string[];
  trainedOn: { name: string; count: number }[];
  options: Record<string, number>;
  /**
   * urgentByChannel: the urgent threshold per channel the tip came in on (sms, telegram, web), read off the
   * pooled out-of-fold probabilities (web tips are rarely urgent, so a web tip needs a surer model); other
   * channels and a tip of unknown channel use `urgent`.
   */
  thresholds: { sector: number; bare: number; urgent: number; possible: number; urgentByChannel?: Record<string, number> };
  features: number[];
  sectorWeights: number[];
  urgentWeights: number[];
}

export interface RouteModel {
  sectors: SectorCode[];
  thresholds: RouteModelJson["thresholds"];
  trainedOn: RouteModelJson["trainedOn"];
  /**
   * One bit per hashed feature: set when it has a row. 2^hashBits bits fit in the CPU cache, and most of a tip's
   * grams have no row: they are dismissed with one load.
   */
  known: Uint32Array;
  /**
   * Per 32-bit word of `known`, the set bits in the words before it. Rows are numbered in feature order, so a
   * feature's row is its rank among the set bits (rowOf): 32 KiB beside `known` instead of a 1 MiB table of
   * rows, whose loads missed the cache for almost every feature.
   */
  rank: Uint32Array;
  /**
   * Per row, its K sector weights then its urgency weight (stride K + 1): one row is one or two cache lines,
   * read together, where two separate arrays cost a cache miss each.
   */
  weights: Float32Array;
}

export function decodeRouteModel(json: RouteModelJson): RouteModel {
  let f = 0;
  const known = new Uint32Array(Math.max(1, (1 << json.hashBits) >>> 5));
  json.features.forEach((gap, i) => {
    f = i === 0 ? gap : f + gap;
    // Gaps are positive after the first: features ascend, so row i is the i-th set bit.
    if (i > 0 && gap <= 0) throw new Error("route model features must ascend");
    known[f >>> 5] |= 1 << (f & 31);
  });
  const rank = new Uint32Array(known.length);
  for (let w = 1; w < known.length; w++) rank[w] = rank[w - 1] + popcount(known[w - 1]);
  return {
    sectors: json.sectors as SectorCode[],
    thresholds: json.thresholds,
    trainedOn: json.trainedOn,
    known,
    rank,
    weights: interleave(json.sectorWeights, json.urgentWeights, json.sectors.length),
  };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The row of feature f, which the model has (its bit in `known` is set). */
function rowOf(model: RouteModel, f: number): number {
  const w = f >>> 5;
  return model.rank[w] + popcount(model.known[w] & ((1 << (f & 31)) - 1));
}

/** Sector weights (K per row) and urgency weights (one per row), in thousandths, as one array of stride K + 1. */
function interleave(sector: number[], urgent: number[], K: number): Float32Array {
  const out = new Float32Array(urgent.length * (K + 1));
  for (let row = 0; row < urgent.length; row++) {
    for (let s = 0; s < K; s++) out[row * (K + 1) + s] = sector[row * K + s] / 1000;
    out[row * (K + 1) + K] = urgent[row] / 1000;
  }
  return out;
}

export interface Prediction {
  /** Probability per sector, in model.sectors order. */
  sector: Float64Array;
  urgent: number;
}

export function predict(model: RouteModel, fv: FeatureVector): Prediction {
  const K = model.sectors.length;
  const z = slabFloat64(K);
  let u = 0;
  for (let k = 0; k < fv.index.length; k++) {
    const f = fv.index[k];
    if ((model.known[f >>> 5] & (1 << (f & 31))) === 0) continue;
    const at = rowOf(model, f) * (K + 1);
    const x = fv.value[k];
    for (let s = 0; s < K; s++) z[s] += model.weights[at + s] * x;
    u += model.weights[at + K] * x;
  }
  let max = -Infinity;
  for (let s = 0; s < K; s++) max = Math.max(max, z[s]);
  let sum = 0;
  for (let s = 0; s < K; s++) sum += z[s] = Math.exp(z[s] - max);
  for (let s = 0; s < K; s++) z[s] /= sum;
  return { sector: z, urgent: 1 / (1 + Math.exp(-u)) };
}

const MAX_EVIDENCE = 6;
const RESOLVED = hashFeature("p:resolved");
/** A gram whose push is smaller than this is noise in the explanation ("那个"), whatever it adds to the sum. */
const MIN_PUSH = 0.15;
/** English words (stemmed, as the featuriser writes them) that carry weight in a model but no meaning for a reader. */
const FUNCTION_WORDS = new Set(
  "the a an and or but of to in on at by for with from is are wa were be been it thi that there they we i you he she my our their no not ha have do doe".split(
    " ",
  ),
);

/**
 * The words (n-gram features, as normalised; Chinese grams of two or three characters) that pushed the model towards a sector (or towards urgency,
 * sector −1) most, strongest first; a shorter gram inside a stronger one is left out.
 */
export function modelEvidence(model: RouteModel, fv: FeatureVector, sector: number, limit = MAX_EVIDENCE): string[] {
  if (!fv.named) return [];
  const K = model.sectors.length;
  const pushes: [string, number][] = [];
  for (const k of explainingFeatures(fv)) {
    const f = fv.index[k];
    if ((model.known[f >>> 5] & (1 << (f & 31))) === 0) continue;
    const at = rowOf(model, f) * (K + 1);
    // For a sector, what the gram gives it over the best other sector: a word every sector shares explains nothing.
    let w = sector < 0 ? model.weights[at + K] : model.weights[at + sector];
    if (sector >= 0) {
      let other = -Infinity;
      for (let s = 0; s < K; s++) if (s !== sector) other = Math.max(other, model.weights[at + s]);
      w -= other;
    }
    if (w * fv.value[k] >= MIN_PUSH) pushes.push([fv.gramText(k)!, w * fv.value[k]]);
  }
  pushes.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out: string[] = [];
  for (const [gram] of pushes) {
    if (out.some((o) => o.includes(gram) || gram.includes(o))) continue;
    out.push(gram);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Per vector, the positions of the features that can explain (the same for every sector): worked out once. The
 * last vector's only (the explanation reads one vector's sectors and urgency in a row): a WeakMap entry per
 * decision cost more than the work it saved.
 */
let explained: { fv: FeatureVector; ks: number[] } | undefined;
function explainingFeatures(fv: FeatureVector): number[] {
  if (explained?.fv === fv) return explained.ks;
  let ks: number[];
  ks = [];
  for (let k = 0; k < fv.index.length; k++) {
    // A lone Chinese character (点, 场) weighs in the model but explains nothing to a person.
    const kind = fv.gramKind(k);
    if (kind === null) continue;
    if (kind === "w" && hasFunctionWord(fv.gramText(k)!)) continue;
    ks.push(k);
  }
  explained = { fv, ks };
  return ks;
}

/** Whether an English gram (one word, or two joined by one space) holds a function word; no split, no closure. */
function hasFunctionWord(gram: string): boolean {
  const space = gram.indexOf(" ");
  if (space < 0) return FUNCTION_WORDS.has(gram);
  return FUNCTION_WORDS.has(gram.slice(0, space)) || FUNCTION_WORDS.has(gram.slice(space + 1));
}

/** The combined sector: the model's choice, the rules' words as evidence where they agree. */
export function combineSector(model: RouteModel, fv: FeatureVector, p: Prediction, rules: SectorClassification): SectorClassification {
  // The two most probable sectors, ties to the lower index (what sorting the indexes by probability gives).
  let top = 0;
  for (let s = 1; s < p.sector.length; s++) if (p.sector[s] > p.sector[top]) top = s;
  let second = top === 0 ? 1 : 0;
  for (let s = second + 1; s < p.sector.length; s++) if (s !== top && p.sector[s] > p.sector[second]) second = s;
  const best = model.sectors[top];
  // Each sector's words are worked out once: the top sector's serve both its candidate entry and the evidence.
  const memo: (string[] | undefined)[] = [];
  const confidence = Math.round(p.sector[top] * 1000) / 1000;
  // The router shows the two closest sectors only for a tip left to manual triage: their words (the second
  // sector's cost a pass over the features) are worked out when first read. An own enumerable getter, so
  // the object spreads and serialises exactly as a plain array property would; one shared getter over a hidden
  // state, since an accessor written in the object literal cost a new accessor pair and closure per decision.
  const combined = {
    sector: p.sector[top] >= (rules.confidence > 0 ? model.thresholds.sector : model.thresholds.bare) ? best : "other",
    confidence,
    evidence: sectorWords(model, fv, rules, memo, top),
    scores: rules.scores,
    best,
  } as SectorClassification;
  const state: CandidateState = { model, fv, p, rules, memo, top, second, candidates: undefined };
  Object.defineProperty(combined, CANDIDATE_STATE, { value: state });
  Object.defineProperty(combined, "candidates", CANDIDATES_GETTER);
  return combined;
}

interface CandidateState {
  model: RouteModel;
  fv: FeatureVector;
  p: Prediction;
  rules: SectorClassification;
  memo: (string[] | undefined)[];
  top: number;
  second: number;
  candidates: SectorCandidate[] | undefined;
}

/** Where combineSector keeps what its candidates are worked out from: not enumerable, so never spread or serialised. */
const CANDIDATE_STATE = Symbol("candidateState");
const CANDIDATES_GETTER: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { [CANDIDATE_STATE]: CandidateState }): SectorCandidate[] {
    const s = this[CANDIDATE_STATE];
    s.candidates ??= [s.top, s.second].map((i) => ({
      sector: s.model.sectors[i],
      score: Math.round(s.p.sector[i] * 100) / 100,
      evidence: sectorWords(s.model, s.fv, s.rules, s.memo, i).slice(0, 3),
    }));
    return s.candidates;
  },
};

const CJK = /[\u3400-\u9fff]/;

/**
 * Sector i's words: the rules' words for it, then the model's that say something new. Module level, not a
 * closure per tip (tsx compiles with keepNames: each named closure made per call costs an Object.defineProperty).
 */
function sectorWords(model: RouteModel, fv: FeatureVector, rules: SectorClassification, memo: (string[] | undefined)[], i: number): string[] {
  const known = memo[i];
  if (known) return known;
  const s = model.sectors[i];
  const ruleWords = rules.best === s ? rules.evidence : (rules.candidates.find((c) => c.sector === s)?.evidence ?? []);
  const modelWords = modelEvidence(model, fv, i);
  // A character gram that shares a character with a rule word is mostly that word cut across ("个工" beside
  // "工地"): the rule word already says it.
  const fresh = ruleWords.length === 0 ? modelWords : modelWords.filter((m) => !coveredByRuleWord(m, ruleWords));
  const words = [...ruleWords, ...fresh].slice(0, MAX_EVIDENCE);
  memo[i] = words;
  return words;
}

/** Whether a rule word already says model word m: it contains m, or (m Chinese) shares a character with it. */
function coveredByRuleWord(m: string, ruleWords: string[]): boolean {
  const cjk = CJK.test(m);
  for (const r of ruleWords) {
    if (r.toLowerCase().includes(m)) return true;
    if (cjk) for (const ch of m) if (r.includes(ch)) return true;
  }
  return false;
}

/**
 * The combined urgency. The model's probability decides, against the threshold of the tip's channel; the "possible" band between the two
 * thresholds, and the danger module's own "possible" reading, keep the channel's question (SMS asks). Evidence: the danger module's words
 * when it read a scene, else the words that pushed the model.
 */
export function combineDanger(model: RouteModel, fv: FeatureVector, p: Prediction, rules: DangerAssessment, channel?: string): DangerAssessment {
  const urgentAt = (channel !== undefined && model.thresholds.urgentByChannel?.[channel]) || model.thresholds.urgent;
  // The danger module's own "possible" scene still asks: the model only adds to what the channel asks about.
  let level: DangerAssessment["level"] =
    p.urgent >= urgentAt ? "urgent" : p.urgent >= model.thresholds.possible || rules.level === "possible" ? "possible" : "none";
  // A resolved account (现在没事了, everyone was evacuated) is the danger module's to read: the words of the
  // danger told (漏气) must not make it urgent again. The model may still ask.
  if (level === "urgent" && rules.level === "none" && fv.index.includes(RESOLVED)) level = "possible";
  if (level === "none") return { urgent: false, level, evidence: [] };
  const evidence = rules.evidence.length ? rules.evidence : modelEvidence(model, fv, -1, 4);
  return { urgent: level === "urgent", level, evidence };
}
