/**
 * The learned router's featuriser, shared by the sector and the urgency models (learned.ts, train.ts).
 * A tip becomes a sparse vector of hashed features:
 *   - Chinese character 1–3-grams and English word 1–2-grams of the text after the classifier's own
 *     normalisation (dialect and SMS forms folded, full-width folded, English lower-cased and stemmed);
 *     numbers are dropped, so phone numbers and counts never count;
 *   - the rule layer's reading: each vocabulary concept hit, each sector's rule score, the rules' choice;
 *   - the danger module's reading: each part as read and as composed (after the past, routine and
 *     hypothetical guards), and its verdict (urgent / possible / none).
 * The caller masks place names first (maskPlaceNames), so "港口区" or "Qinzhou Port" is never port evidence.
 * Hashing into a fixed table keeps the model a fixed shape whatever words future tips bring.
 */
import { SECTOR_CODES } from "../sectors.js";
import { conceptHits, type SectorClassification } from "./classify.js";
import { dangerParts, type DangerAssessment } from "./danger.js";
import { normalize } from "./normalize.js";

export const HASH_BITS = 18;
const HASH_MASK = (1 << HASH_BITS) - 1;
/** n-grams weigh 1/sqrt(their number), so a long web form and a short SMS have vectors of one length. */
const RULE_WEIGHT = 1;

export interface FeatureInput {
  /** The text the sector is read from (tip text and enterprise), place names already masked. */
  sectorText: string;
  /** The text as written, for the danger reading. */
  dangerText: string;
  /** The rule layer's answers for the same tip (classifySector on sectorText, detectImmediateDanger on dangerText). */
  classification: SectorClassification;
  danger: DangerAssessment;
}

export interface FeatureVector {
  /** Hashed feature indexes, distinct, in first-seen order. */
  index: Int32Array;
  value: Float32Array;
  /** Entries before this position are the bias and the n-grams; the rule layer's reading follows. */
  ruleFrom: number;
  /** The feature as read ("n:塔吊", "w:tower crane", "c:tower_crane"), when asked for: the model's evidence. */
  names?: string[];
}

/** FNV-1a over UTF-16 codes: stable across runs and platforms, which the committed model relies on. */
export function hashFeature(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & HASH_MASK;
}

const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;

const isWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/** The n-grams of a text, as feature names: "n:" Chinese character grams, "w:" English word grams. */
export function textGrams(text: string): string[] {
  const norm = normalize(text).text;
  const grams: string[] = [];
  let runFrom = -1;
  let prevWord = "";
  let i = 0;
  while (i < norm.length) {
    const code = norm.charCodeAt(i);
    if (isCjk(code)) {
      prevWord = "";
      if (runFrom < 0) runFrom = i;
      i++;
      continue;
    }
    if (runFrom >= 0) pushRun(norm, runFrom, i, grams);
    runFrom = -1;
    if (isWordCode(code)) {
      let j = i;
      let digits = true;
      for (; j < norm.length && isWordCode(norm.charCodeAt(j)); j++) if (norm.charCodeAt(j) > 57) digits = false;
      const word = norm.slice(i, j);
      i = j;
      if (digits) {
        prevWord = "";
        continue;
      }
      grams.push(`w:${word}`);
      if (prevWord) grams.push(`w:${prevWord} ${word}`);
      prevWord = word;
      continue;
    }
    // normalize() writes one space between the words of an English run; anything else ends the run.
    if (code !== 32) prevWord = "";
    i++;
  }
  if (runFrom >= 0) pushRun(norm, runFrom, norm.length, grams);
  return grams;
}

/** The 1-, 2- and 3-grams of the Chinese run text[from, to), in order of their first character. */
function pushRun(text: string, from: number, to: number, grams: string[]): void {
  for (let i = from; i < to; i++) {
    grams.push(`n:${text[i]}`);
    if (i + 1 < to) grams.push(`n:${text.slice(i, i + 2)}`);
    if (i + 2 < to) grams.push(`n:${text.slice(i, i + 3)}`);
  }
}

/**
 * Which hashed features the vector being built holds and where: seenAt[h] is meaningful only while
 * seenStamp[h] is the current call's stamp (no clearing between calls, no Map).
 */
const seenStamp = new Uint32Array(1 << HASH_BITS);
const seenAt = new Int32Array(1 << HASH_BITS);
let stamp = 0;

class Builder {
  readonly index: number[] = [];
  readonly value: number[] = [];
  readonly names: string[] = [];
  constructor(readonly withNames: boolean) {
    stamp = (stamp + 1) >>> 0;
    if (stamp === 0) {
      seenStamp.fill(0);
      stamp = 1;
    }
  }
  add(name: string, v: number): void {
    const h = hashFeature(name);
    if (seenStamp[h] === stamp) {
      const at = seenAt[h];
      this.value[at] = Math.max(this.value[at], v);
      return;
    }
    seenStamp[h] = stamp;
    seenAt[h] = this.index.length;
    this.index.push(h);
    this.value.push(v);
    if (this.withNames) this.names.push(name);
  }
}

export function featurize(input: FeatureInput, withNames = false): FeatureVector {
  const b = new Builder(withNames);
  b.add("bias", 1);
  const grams = new Set(textGrams(input.sectorText));
  const gramWeight = grams.size ? 1 / Math.sqrt(grams.size) : 0;
  for (const g of grams) b.add(g, gramWeight * 3);
  const ruleFrom = b.index.length;
  for (const id of conceptHits(input.sectorText)) b.add(`c:${id}`, RULE_WEIGHT);
  const c = input.classification;
  for (const s of SECTOR_CODES) {
    const score = c.scores[s];
    if (score) b.add(`s:${s}`, Math.log1p(score) / 2);
  }
  b.add(`r:${c.sector}`, RULE_WEIGHT);
  const parts = dangerParts(input.dangerText);
  for (const p of new Set(parts.read)) b.add(`p:${p}`, RULE_WEIGHT);
  const live = [...new Set(parts.live)].sort();
  for (const p of live) b.add(`l:${p}`, RULE_WEIGHT);
  // Pairs of composed parts (hazard with people exposed, a defect with "now"): a scene is a conjunction,
  // which a linear model sees only when it is a feature of its own.
  for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) b.add(`l2:${live[i]}+${live[j]}`, RULE_WEIGHT);
  b.add(`d:${input.danger.level}`, RULE_WEIGHT);
  return { index: Int32Array.from(b.index), value: Float32Array.from(b.value), ruleFrom, names: withNames ? b.names : undefined };
}
