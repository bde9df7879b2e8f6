import { latinHits } from "./latin.js";
import type { NameVariant, PlaceEntry, PlaceIndex, TrieNode } from "./place-index.js";

/** A stretch of the input that names one or more jurisdictions (homonyms share a mention). */
export interface Mention {
  start: number;
  end: number;
  surface: string;
  candidates: NameVariant[];
  /** Where the name proper ends, when the mention goes on with words that stay evidence ("… port"). */
  nameEnd?: number;
}

export type MentionMode = "place" | "text";

/**
 * Streets and bridges are named after places all over the country: 朝阳路 is a road, not 朝阳街道. But
 * 街上 after a name is the town's own streets (车江街上, 富川街上: "in 车江"), the everyday way to say so.
 */
const STREET_AFTER = /^(?:路|街(?!上)|巷|大道|大街|桥)/;

/**
 * A Latin name followed by a road word is a street named after the place ("Zhongshan Road" in Wuzhou is
 * no 钟山县, "Beihai Rd" is in any city); a university's name followed by "of"/"for" is another one
 * ("Guangxi University of Science and Technology" is in Liuzhou).
 */
const LATIN_STREET_AFTER = /^\s+(?:road|rd|street|st|avenue|ave|lu|lane|boulevard|blvd)\b/i;
const LATIN_LONGER_NAME = /^\s+(?:of|for)\s/i;

/**
 * The place names in `input`, never overlapping, chosen to cover as much of it as possible (防城港市 is
 * one mention, not 防城 + 港). A place field is an explicit answer, so every variant counts there; in
 * free text a 简称 must sit on word boundaries and a township 简称 needs its county or city named too.
 */
export function findMentions(index: PlaceIndex, input: string, mode: MentionMode): Mention[] {
  // The router reads a tip's text twice (masking place names for the classifier, then resolving the place when
  // the place field names none), with the enterprise name and the place field in between: the last few answers
  // are kept. Mentions are never mutated; callers get their own array.
  for (const r of recent) if (r.index === index && r.input === input && r.mode === mode) return r.mentions.slice();
  const mentions = mentionsIn(index, input, mode);
  recent[next] = { index, input, mode, mentions };
  next = (next + 1) % RECENT;
  return mentions.slice();
}

const RECENT = 4;
const recent: { index: PlaceIndex; input: string; mode: MentionMode; mentions: Mention[] }[] = [];
let next = 0;

function mentionsIn(index: PlaceIndex, input: string, mode: MentionMode): Mention[] {
  let raw = allHits(index, input);
  if (raw.length === 0) return [];
  if (mode === "place") return pickCovering(raw, () => true);
  raw = raw.filter((h) => !isLatinPartOfLongerName(input, h));
  // ICU splits names it does not know into odd words (衡南向阳桥 → 衡|南向|阳|桥), so where one name
  // ends exactly where another begins, that joint counts as a word boundary.
  const starts = new Set(raw.map((h) => h.start));
  const joints = new Set(raw.filter((h) => starts.has(h.end)).map((h) => h.end));
  const spans = new Map<Mention, boolean>();
  // Context comes only from names that stand alone, so two conditional names cannot vouch for each other.
  // Every such hit counts, even one a longer name overlaps: 横州镇龙 names 横州 for 镇龙 to lean on.
  const named = new Set(
    raw.flatMap((m) => m.candidates.filter((c) => c.trust === "strong" && onBoundary(index, input, joints, spans, m, c))).map((c) => c.entry.code),
  );
  // Context first: it is a set lookup, the boundary an ICU segmentation (both pure, so the order changes nothing).
  return pickCovering(raw, (m, c) => hasContext(c, named) && onBoundary(index, input, joints, spans, m, c));
}

/** Whether a short name's hit stands on word boundaries (remembered per mention in `spans`). Module level: see route-tip.ts copyDeadline. */
function onBoundary(index: PlaceIndex, input: string, joints: Set<number>, spans: Map<Mention, boolean>, m: Mention, c: NameVariant): boolean {
  if (!c.isShort) return true;
  let ok = spans.get(m);
  if (ok === undefined) {
    const street = !joints.has(m.end) && STREET_AFTER.test(input.slice(m.end, m.end + 2));
    // 街上 after the name ends it, however ICU cuts the unknown name (冠|市街|上).
    const end = input.startsWith("街上", m.end) ? m.start : m.end;
    ok = !street && index.words.isWordSpan(input, m.start, end, joints);
    spans.set(m, ok);
  }
  return ok;
}

function isLatinPartOfLongerName(input: string, h: Mention): boolean {
  if (!/^[A-Za-z]/.test(h.surface)) return false;
  const after = input.slice(h.end, h.end + 12);
  if (/\buniversity$/i.test(h.surface)) return LATIN_LONGER_NAME.test(after);
  // "Hengnan County Road" is still in Hengnan: only a bare name (one word) before the road word is a street.
  return !/\s/.test(h.surface) && LATIN_STREET_AFTER.test(after);
}

function hasContext(c: NameVariant, named: Set<string>): boolean {
  if (c.trust === "strong" || c.trust === "unique") return true;
  const parent = c.entry.parent;
  if (c.trust === "parent") return parent !== null && named.has(parent.code);
  for (let a: PlaceEntry | null = parent; a !== null && a.level !== "province"; a = a.parent) {
    if (named.has(a.code)) return true;
  }
  return false;
}

/**
 * Every trie hit at every position (a walk per position, stopping when no name continues), and every
 * Latin-script name; sorted by start, then end, as the covering pass expects.
 */
function allHits(index: PlaceIndex, input: string): Mention[] {
  const hits: Mention[] = latinHits(index.latin, input).map((h) => ({ ...h, surface: input.slice(h.start, h.end) }));
  // Villages: at each 村 or 社区, the names of two to five characters ending there.
  for (let at = input.indexOf("村"); at >= 0; at = input.indexOf("村", at + 1)) villageHits(index, input, at + 1, hits);
  for (let at = input.indexOf("社区"); at >= 0; at = input.indexOf("社区", at + 2)) villageHits(index, input, at + 2, hits);
  // Former towns (鸡笼镇, see place-index addFormerTowns): at each 镇 and 乡.
  for (let at = input.indexOf("镇"); at >= 0; at = input.indexOf("镇", at + 1)) villageHits(index, input, at + 1, hits);
  for (let at = input.indexOf("乡"); at >= 0; at = input.indexOf("乡", at + 1)) villageHits(index, input, at + 1, hits);
  const unsorted = hits.length; // Latin and village hits, found out of order
  const trie = flatTrieOf(index.root);
  for (let start = 0; start < input.length; start++) {
    let node = trie.rootNext[input.charCodeAt(start)];
    for (let end = start + 1; node > 0; end++) {
      const variants = trie.variants[node];
      if (variants) hits.push({ start, end, surface: input.slice(start, end), candidates: variants });
      node = end < input.length ? trieStep(trie, node, input.charCodeAt(end)) : 0;
    }
  }
  return unsorted === 0 ? hits : hits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The place trie as flat tables, derived once per index: nodes numbered (the root 0), the root's children in a
 * table by UTF-16 code, every other edge in an open-addressing table keyed by node and code. A Map lookup per
 * character was most of the scan.
 */
interface FlatTrie {
  rootNext: Int32Array;
  /** node * 65536 + code (beyond 2^31 for a large index, exact in a double), -1 empty; `edgeTo` the child. */
  edgeKey: Float64Array;
  edgeTo: Int32Array;
  edgeMask: number;
  variants: (NameVariant[] | undefined)[];
}

const flatTries = new WeakMap<TrieNode, FlatTrie>();

function flatTrieOf(root: TrieNode): FlatTrie {
  let flat = flatTries.get(root);
  if (flat) return flat;
  const nodes: TrieNode[] = [root];
  const edges: [number, number, number][] = [];
  for (let id = 0; id < nodes.length; id++) {
    for (const [code, child] of nodes[id]!.next) {
      edges.push([id, code, nodes.length]);
      nodes.push(child);
    }
  }
  let slots = 16;
  while (slots < edges.length * 2) slots *= 2;
  flat = {
    rootNext: new Int32Array(65536),
    edgeKey: new Float64Array(slots).fill(-1),
    edgeTo: new Int32Array(slots),
    edgeMask: slots - 1,
    variants: nodes.map((n) => n.variants),
  };
  for (const [from, code, to] of edges) {
    if (from === 0) {
      flat.rootNext[code] = to;
      continue;
    }
    let s = edgeSlot(from, code, flat.edgeMask);
    while (flat.edgeKey[s] !== -1) s = (s + 1) & flat.edgeMask;
    flat.edgeKey[s] = from * 65536 + code;
    flat.edgeTo[s] = to;
  }
  flatTries.set(root, flat);
  return flat;
}

function edgeSlot(node: number, code: number, mask: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

/** The child of `node` (not the root) by `code`, or 0 when no name continues. */
function trieStep(trie: FlatTrie, node: number, code: number): number {
  const key = node * 65536 + code;
  for (let s = edgeSlot(node, code, trie.edgeMask); ; s = (s + 1) & trie.edgeMask) {
    const at = trie.edgeKey[s];
    if (at === key) return trie.edgeTo[s]!;
    if (at === -1) return 0;
  }
}

function villageHits(index: PlaceIndex, input: string, end: number, hits: Mention[]): void {
  for (let start = Math.max(0, end - 7); start <= end - 3; start++) {
    const found = index.villages.get(input.slice(start, end));
    if (found) hits.push({ start, end, surface: input.slice(start, end), candidates: found });
  }
}

/**
 * The non-overlapping hits that cover the most characters, then the fewest hits (longer names), then
 * the leftmost: 横州镇龙 is 横州 + 镇龙 (four characters), not 横州镇 + 龙; 防城港市 stays one name.
 * Dynamic programming from the end of the input; hits arrive sorted by start.
 */
let coveredScratch = new Int32Array(256);
let countScratch = new Int32Array(256);

function pickCovering(hits: Mention[], accept: (m: Mention, c: NameVariant) => boolean): Mention[] {
  const accepted: Mention[] = [];
  for (const hit of hits) {
    const candidates = hit.candidates.filter((c) => accept(hit, c));
    if (candidates.length > 0) accepted.push(candidates.length === hit.candidates.length ? hit : { ...hit, candidates });
  }
  if (accepted.length === 0) return [];
  const length = accepted.reduce((n, hit) => Math.max(n, hit.end), 0);
  // Shared scratch: every entry below `length` is written before it is read, so only the end is cleared.
  if (coveredScratch.length <= length) {
    coveredScratch = new Int32Array(2 * length + 2);
    countScratch = new Int32Array(2 * length + 2);
  }
  const covered = coveredScratch;
  const count = countScratch;
  covered[length] = 0;
  count[length] = 0;
  const take: (Mention | undefined)[] = new Array(length + 1);
  let h = accepted.length - 1;
  for (let i = length - 1; i >= 0; i--) {
    covered[i] = covered[i + 1]!;
    count[i] = count[i + 1]!;
    for (; h >= 0 && accepted[h]!.start === i; h--) {
      const hit = accepted[h]!;
      const c = covered[hit.end]! + hit.end - hit.start;
      const n = count[hit.end]! + 1;
      // Ties go to taking a hit here (leftmost) over skipping, and to the longer hit, seen first.
      const tie = c === covered[i]! && (n < count[i]! || (n === count[i]! && take[i] === undefined));
      if (c > covered[i]! || tie) [covered[i], count[i], take[i]] = [c, n, hit];
    }
  }
  const picked: Mention[] = [];
  for (let i = 0; i < length; i = take[i] ? take[i]!.end : i + 1) if (take[i]) picked.push(take[i]!);
  return picked;
}
