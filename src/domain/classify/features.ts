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
import { normalize, normalizedText } from "./normalize.js";
import { slabFloat32, slabInt32 } from "./slab.js";

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
 * The n-grams are hashed straight from the normalised text's character codes (FNV-1a runs left to right, so
 * "n:" + a + b is the state after "n:" + a stepped by b): no gram string is built per tip. A gram is kept
 * once per distinct text, exactly as a Set of the gram strings would (textGrams above is that reference):
 * grams are deduplicated on their full 32-bit hash, then compared character by character.
 */
const FNV_PRIME = 0x01000193;
const fnvFrom = (h: number, s: string) => {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
};
const N_STATE = fnvFrom(0x811c9dc5, "n:");
const W_STATE = fnvFrom(0x811c9dc5, "w:");
const KIND_N = 0;
const KIND_W = 1;

/**
 * The distinct grams of the current text, in first-seen order: kind, then [aFrom, aTo) and, for an English
 * word pair, the second word [bFrom, bTo) (the name is prefix + a, or prefix + a + " " + b). Shared scratch,
 * grown as needed, read only inside one featurize call.
 */
let gramCap = 1024;
let gKind = new Uint8Array(gramCap);
let gA = new Int32Array(gramCap);
let gAEnd = new Int32Array(gramCap);
let gB = new Int32Array(gramCap);
let gBEnd = new Int32Array(gramCap);
let gHash = new Int32Array(gramCap);
/** Open addressing over the full hashes: slot → gram number + 1 (0 empty), valid while slotStamp is the call's. */
let slotBits = 12;
let slots = new Int32Array(1 << slotBits);
let slotStamp = new Uint32Array(1 << slotBits);
let gramStamp = 0;
let gramCount = 0;

function growGrams(): void {
  gramCap *= 2;
  const grow = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T) => {
    const b = make(gramCap);
    b.set(a);
    return b;
  };
  gKind = grow(gKind, (n) => new Uint8Array(n));
  gA = grow(gA, (n) => new Int32Array(n));
  gAEnd = grow(gAEnd, (n) => new Int32Array(n));
  gB = grow(gB, (n) => new Int32Array(n));
  gBEnd = grow(gBEnd, (n) => new Int32Array(n));
  gHash = grow(gHash, (n) => new Int32Array(n));
}

function sameRange(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Adds the gram unless the same text is already there. */
function addGram(text: string, hash: number, kind: number, a: number, aEnd: number, b: number, bEnd: number): void {
  const mask = (1 << slotBits) - 1;
  for (let s = (hash ^ (hash >>> slotBits)) & mask; ; s = (s + 1) & mask) {
    if (slotStamp[s] !== gramStamp) {
      if (gramCount === gramCap) growGrams();
      const g = gramCount++;
      gKind[g] = kind;
      gA[g] = a;
      gAEnd[g] = aEnd;
      gB[g] = b;
      gBEnd[g] = bEnd;
      gHash[g] = hash;
      slotStamp[s] = gramStamp;
      slots[s] = g + 1;
      return;
    }
    const g = slots[s] - 1;
    if (gHash[g] === hash && gKind[g] === kind && sameRange(text, gA[g], gAEnd[g], a, aEnd) && sameRange(text, gB[g], gBEnd[g], b, bEnd)) return;
  }
}

/** The distinct n-grams of a normalised text (textGrams' walk, hashing instead of naming), into the scratch above. */
function collectGrams(norm: string): void {
  // Keep the table at most a quarter full: a text has at most three grams per character.
  while (1 << slotBits < norm.length * 12) slotBits++;
  if (slots.length !== 1 << slotBits) {
    slots = new Int32Array(1 << slotBits);
    slotStamp = new Uint32Array(1 << slotBits);
  }
  gramStamp = (gramStamp + 1) >>> 0;
  if (gramStamp === 0) {
    slotStamp.fill(0);
    gramStamp = 1;
  }
  gramCount = 0;
  let runFrom = -1;
  let prevFrom = -1;
  let prevTo = -1;
  let prevState = 0;
  let i = 0;
  while (i < norm.length) {
    const code = norm.charCodeAt(i);
    if (isCjk(code)) {
      prevFrom = -1;
      if (runFrom < 0) runFrom = i;
      i++;
      continue;
    }
    if (runFrom >= 0) collectRun(norm, runFrom, i);
    runFrom = -1;
    if (isWordCode(code)) {
      let j = i;
      let digits = true;
      let state = W_STATE;
      for (; j < norm.length && isWordCode(norm.charCodeAt(j)); j++) {
        const c = norm.charCodeAt(j);
        if (c > 57) digits = false;
        state = Math.imul(state ^ c, FNV_PRIME);
      }
      const from = i;
      i = j;
      if (digits) {
        prevFrom = -1;
        continue;
      }
      addGram(norm, state, KIND_W, from, j, 0, 0);
      if (prevFrom >= 0) {
        let pair = Math.imul(prevState ^ 32, FNV_PRIME);
        for (let k = from; k < j; k++) pair = Math.imul(pair ^ norm.charCodeAt(k), FNV_PRIME);
        addGram(norm, pair, KIND_W, prevFrom, prevTo, from, j);
      }
      prevFrom = from;
      prevTo = j;
      prevState = state;
      continue;
    }
    // normalize() writes one space between the words of an English run; anything else ends the run.
    if (code !== 32) prevFrom = -1;
    i++;
  }
  if (runFrom >= 0) collectRun(norm, runFrom, norm.length);
}

function collectRun(text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const one = Math.imul(N_STATE ^ text.charCodeAt(i), FNV_PRIME);
    addGram(text, one, KIND_N, i, i + 1, 0, 0);
    if (i + 1 < to) {
      const two = Math.imul(one ^ text.charCodeAt(i + 1), FNV_PRIME);
      addGram(text, two, KIND_N, i, i + 2, 0, 0);
      if (i + 2 < to) addGram(text, Math.imul(two ^ text.charCodeAt(i + 2), FNV_PRIME), KIND_N, i, i + 3, 0, 0);
    }
  }
}

/**
 * Which hashed features the vector being built holds and where: open addressing, slot → position + 1, valid
 * while seenStamp[slot] is the current call's stamp (no clearing between calls). Kept small (a few times the
 * features of one tip) so it stays in the CPU cache; grown, never shrunk.
 */
let seenBits = 10;
let seenKey = new Int32Array(1 << seenBits);
let seenAt = new Int32Array(1 << seenBits);
let seenStamp = new Uint32Array(1 << seenBits);
let stamp = 0;

function nextStamp(): void {
  stamp = (stamp + 1) >>> 0;
  if (stamp === 0) {
    seenStamp.fill(0);
    stamp = 1;
  }
}

/** The slot of hashed feature h: where it is, or the empty slot where it goes. */
function seenSlot(h: number): number {
  const mask = (1 << seenBits) - 1;
  let s = (h ^ (h >>> seenBits)) & mask;
  while (seenStamp[s] === stamp && seenKey[s] !== h) s = (s + 1) & mask;
  return s;
}

/** Doubles the table and re-enters the features built so far (their positions are fIndex order). */
function growSeen(): void {
  seenBits++;
  seenKey = new Int32Array(1 << seenBits);
  seenAt = new Int32Array(1 << seenBits);
  seenStamp = new Uint32Array(1 << seenBits);
  nextStamp();
  for (let k = 0; k < fCount; k++) {
    const s = seenSlot(fIndex[k]);
    seenStamp[s] = stamp;
    seenKey[s] = fIndex[k];
    seenAt[s] = k;
  }
}

/** Per feature being built: its hash, value and where its name comes from (a gram number, or a rule name). */
let fIndex = new Int32Array(1024);
let fValue = new Float64Array(1024);
let fGram = new Int32Array(1024);
let fCount = 0;
let fRuleNames: string[] = [];

function startVector(): void {
  nextStamp();
  fCount = 0;
  fRuleNames = [];
}

/** A feature by its hashed index: a second name with the same hash keeps the first name and the larger value. */
function addHashed(h: number, v: number, gram: number, ruleName: string | undefined): void {
  const s = seenSlot(h);
  if (seenStamp[s] === stamp) {
    const at = seenAt[s];
    fValue[at] = Math.max(fValue[at], v);
    return;
  }
  if (fCount === fIndex.length) {
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T) => {
      b.set(a);
      return b;
    };
    fIndex = grow(fIndex, new Int32Array(fCount * 2));
    fValue = grow(fValue, new Float64Array(fCount * 2));
    fGram = grow(fGram, new Int32Array(fCount * 2));
  }
  seenStamp[s] = stamp;
  seenKey[s] = h;
  seenAt[s] = fCount;
  fIndex[fCount] = h;
  fValue[fCount] = v;
  fGram[fCount] = gram;
  if (ruleName !== undefined) fRuleNames[fCount] = ruleName;
  fCount++;
  // At most half full, so a probe is short.
  if (fCount * 2 > 1 << seenBits) growSeen();
}

/**
 * Rule-feature names are few and repeat across tips: each is spelt and hashed once, by prefix and id, so no
 * name string is built per tip.
 */
const ruleNames = new Map<string, Map<string, { name: string; hash: number }>>();
function addRule(prefix: string, id: string, v: number): void {
  let byId = ruleNames.get(prefix);
  if (!byId) ruleNames.set(prefix, (byId = new Map()));
  let rule = byId.get(id);
  if (!rule) {
    const name = prefix + id;
    byId.set(id, (rule = { name, hash: hashFeature(name) }));
  }
  addHashed(rule.hash, v, -1, rule.name);
}

export function featurize(input: FeatureInput, withNames = false): FeatureVector {
  startVector();
  addRule("bias", "", 1);
  const norm = normalizedText(input.sectorText);
  collectGrams(norm);
  const gramWeight = gramCount ? 1 / Math.sqrt(gramCount) : 0;
  for (let g = 0; g < gramCount; g++) addHashed((gHash[g] >>> 0) & HASH_MASK, gramWeight * 3, g, undefined);
  const ruleFrom = fCount;
  for (const id of conceptHits(input.sectorText)) addRule("c:", id, RULE_WEIGHT);
  const c = input.classification;
  for (const s of SECTOR_CODES) {
    const score = c.scores[s];
    if (score) addRule("s:", s, Math.log1p(score) / 2);
  }
  addRule("r:", c.sector, RULE_WEIGHT);
  const parts = dangerParts(input.dangerText);
  for (const p of new Set(parts.read)) addRule("p:", p, RULE_WEIGHT);
  const live = [...new Set(parts.live)].sort();
  for (const p of live) addRule("l:", p, RULE_WEIGHT);
  // Pairs of composed parts (hazard with people exposed, a defect with "now"): a scene is a conjunction,
  // which a linear model sees only when it is a feature of its own.
  for (let i = 0; i < live.length; i++) for (let j = i + 1; j < live.length; j++) addRule("l2:", `${live[i]}+${live[j]}`, RULE_WEIGHT);
  addRule("d:", input.danger.level, RULE_WEIGHT);
  // set(), not Float32Array.from: the same rounding to float32, without from()'s iterator walk.
  const value = slabFloat32(fCount);
  value.set(fValue.subarray(0, fCount));
  const index = slabInt32(fCount);
  index.set(fIndex.subarray(0, fCount));
  const fv = new FeatureVector(index, value, ruleFrom);
  if (withNames) fv.nameFrom(norm, describeNames());
  return fv;
}

/** Per feature, its gram's kind and ranges (-1 kind: a rule feature, named in `rules`), copied out of the scratch. */
interface NameSource {
  grams: Int32Array;
  rules: string[];
}

function describeNames(): NameSource {
  const grams = slabInt32(fCount * 5);
  for (let k = 0; k < fCount; k++) {
    const g = fGram[k];
    if (g < 0) {
      grams[k * 5] = -1;
      continue;
    }
    grams[k * 5] = gKind[g];
    grams[k * 5 + 1] = gA[g];
    grams[k * 5 + 2] = gAEnd[g];
    grams[k * 5 + 3] = gB[g];
    grams[k * 5 + 4] = gBEnd[g];
  }
  return { grams, rules: fRuleNames };
}

/**
 * The model's input. Names ("n:塔吊", "w:tower crane", "c:tower_crane") exist only when asked for, and are
 * spelt only when read: the explanation reads a handful of them.
 */
export class FeatureVector {
  private source: { norm: string; names: NameSource } | undefined;
  private spelt: string[] | undefined;
  constructor(
    /** Hashed feature indexes, distinct, in first-seen order. */
    readonly index: Int32Array,
    readonly value: Float32Array,
    /** Entries before this position are the bias and the n-grams; the rule layer's reading follows. */
    readonly ruleFrom: number,
  ) {}

  nameFrom(norm: string, names: NameSource): void {
    this.source = { norm, names };
  }

  /** Whether the features carry their names (featurize's withNames). */
  get named(): boolean {
    return this.source !== undefined;
  }

  /** Feature k as read, or undefined without names. */
  nameAt(k: number): string | undefined {
    if (!this.source) return undefined;
    const { norm, names } = this.source;
    const kind = names.grams[k * 5];
    if (kind < 0) return names.rules[k];
    const a = norm.slice(names.grams[k * 5 + 1], names.grams[k * 5 + 2]);
    if (kind === KIND_N) return `n:${a}`;
    const bFrom = names.grams[k * 5 + 3];
    const bTo = names.grams[k * 5 + 4];
    return bTo > bFrom ? `w:${a} ${norm.slice(bFrom, bTo)}` : `w:${a}`;
  }

  /** Gram feature k as read without its "n:" / "w:" prefix (nameAt(k).slice(2)), or undefined without names or for a rule feature. */
  gramText(k: number): string | undefined {
    if (!this.source) return undefined;
    const { norm, names } = this.source;
    const kind = names.grams[k * 5];
    if (kind < 0) return undefined;
    const a = norm.slice(names.grams[k * 5 + 1], names.grams[k * 5 + 2]);
    if (kind === KIND_N) return a;
    const bFrom = names.grams[k * 5 + 3];
    const bTo = names.grams[k * 5 + 4];
    return bTo > bFrom ? `${a} ${norm.slice(bFrom, bTo)}` : a;
  }

  /** Whether feature k is an English gram ("w:"), a Chinese gram of two or three characters (name longer than 3), or neither. */
  gramKind(k: number): "w" | "n2" | null {
    if (!this.source) return null;
    const g = this.source.names.grams;
    if (g[k * 5] === KIND_W) return "w";
    return g[k * 5] === KIND_N && g[k * 5 + 2] - g[k * 5 + 1] > 1 ? "n2" : null;
  }

  /** Every feature's name (undefined without names). */
  get names(): string[] | undefined {
    if (!this.source) return undefined;
    this.spelt ??= Array.from(this.index, (_, k) => this.nameAt(k)!);
    return this.spelt;
  }
}
