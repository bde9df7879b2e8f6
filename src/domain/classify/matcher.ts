/**
 * Aho–Corasick over the normalized text: every vocabulary term is found in one pass, whatever the
 * vocabulary size, which is what keeps classification far above 20,000 tips a second. Chinese has no
 * spaces, so this dictionary scan is the segmentation; Intl.Segmenter is consulted only for the few
 * short terms that also occur across word boundaries (施工|房屋 contains 工房), because running it on
 * every tip costs ~100 µs.
 */

export interface Hit {
  /** Index into the compiled pattern list. */
  pattern: number;
  /** Normalized [start, end). */
  start: number;
  end: number;
}

export interface Automaton {
  patterns: readonly string[];
  /** Transitions keyed node * 65536 + char code: one flat map is faster than a map per node. */
  next: Map<number, number>;
  /** The root's transitions as a dense table (0 = stay at root): most characters are read there. */
  rootNext: Int32Array;
  fail: Int32Array;
  /**
   * The same transitions as `next` (root's excepted), for the scan: open addressing over the key, slot → key in
   * `edgeKey` (-1 empty) and target node in `edgeTo`; `edgeMask` + 1 slots, at most half full.
   */
  edgeKey: Int32Array;
  edgeTo: Int32Array;
  edgeMask: number;
  /** Pattern ending at this node, or -1. */
  out: Int32Array;
  /** Nearest node on the fail chain that ends a pattern, or -1. */
  outLink: Int32Array;
}

const key = (node: number, code: number) => node * 65536 + code;

export function compileAutomaton(patterns: readonly string[]): Automaton {
  const next = new Map<number, number>();
  const children: number[][] = [[]];
  const outList: number[] = [-1];
  patterns.forEach((p, index) => {
    let node = 0;
    for (let i = 0; i < p.length; i++) {
      let child = next.get(key(node, p.charCodeAt(i)));
      if (child === undefined) {
        child = children.length;
        children.push([]);
        outList.push(-1);
        next.set(key(node, p.charCodeAt(i)), child);
        children[node].push(p.charCodeAt(i));
      }
      node = child;
    }
    outList[node] = index;
  });
  if (children.length >= 32_768) throw new Error("vocabulary too large for the automaton's 32-bit transition keys");
  const fail = new Int32Array(children.length);
  const outLink = new Int32Array(children.length).fill(-1);
  const queue: number[] = [0];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const code of children[node]) {
      const child = next.get(key(node, code))!;
      let target = 0;
      if (node !== 0) {
        let f = fail[node];
        while (f !== 0 && !next.has(key(f, code))) f = fail[f];
        target = next.get(key(f, code)) ?? 0;
      }
      fail[child] = target;
      outLink[child] = outList[target] >= 0 ? target : outLink[target];
      queue.push(child);
    }
  }
  const rootNext = new Int32Array(65536);
  for (const code of children[0]) rootNext[code] = next.get(key(0, code))!;
  let slots = 16;
  while (slots < next.size * 2) slots *= 2;
  const edgeKey = new Int32Array(slots).fill(-1);
  const edgeTo = new Int32Array(slots);
  for (const [k, to] of next) {
    let s = edgeSlot(k, slots - 1);
    while (edgeKey[s] !== -1) s = (s + 1) & (slots - 1);
    edgeKey[s] = k;
    edgeTo[s] = to;
  }
  return { patterns, next, rootNext, edgeKey, edgeTo, edgeMask: slots - 1, fail, out: Int32Array.from(outList), outLink };
}

/** Keys are node * 65536 + code, below 2^31 for any vocabulary of fewer than 32,768 nodes (checked at compile). */
function edgeSlot(k: number, mask: number): number {
  const h = Math.imul(k, 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

/** The node reached from `node` (not the root) by `code`, or -1. */
function step(a: Automaton, node: number, code: number): number {
  const k = key(node, code);
  for (let s = edgeSlot(k, a.edgeMask); ; s = (s + 1) & a.edgeMask) {
    const at = a.edgeKey[s];
    if (at === k) return a.edgeTo[s];
    if (at === -1) return -1;
  }
}

export function findAll(a: Automaton, text: string): Hit[] {
  const hits: Hit[] = [];
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let target = node === 0 ? a.rootNext[code] : step(a, node, code);
    while (target === -1) {
      node = a.fail[node];
      target = node === 0 ? a.rootNext[code] : step(a, node, code);
    }
    node = target;
    for (let n = a.out[node] >= 0 ? node : a.outLink[node]; n >= 0; n = a.outLink[n]) {
      const pattern = a.out[n];
      hits.push({ pattern, start: i + 1 - a.patterns[pattern].length, end: i + 1 });
    }
  }
  return hits;
}

/**
 * A term inside a longer matched term is not separate evidence: 煤矿 within 非煤矿山, 煤气 within
 * 高炉煤气. This is the longest-match rule of dictionary segmentation.
 */
export function dropContained(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  // findAll's order: by end, and at one end longest first (the fail chain runs to shorter suffixes). A hit is
  // inside another exactly when one ending as far or further starts no later: at each end only the first
  // (longest) can be kept, and it is kept when every hit ending further starts after it. Walking the ends from
  // the last, minStart is the earliest start of those. The kept hits nest nowhere, so in end order they are in
  // start order too: the order sorting by start (longest first) gave.
  const kept: Hit[] = [];
  let minStart = Number.POSITIVE_INFINITY;
  for (let i = hits.length - 1; i >= 0; ) {
    let first = i;
    while (first > 0 && hits[first - 1].end === hits[i].end) first--;
    const h = hits[first];
    if (h.start < minStart) {
      kept.push(h);
      minStart = h.start;
    }
    i = first - 1;
  }
  return kept.reverse();
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * True when no word of the segmenter straddles the term's edges. The segmenter may split the term
 * itself (it cuts 塔|吊), which is fine; only a word crossing the edge shows a false match.
 */
export function onWordBoundaries(original: string, start: number, end: number): boolean {
  const windowStart = Math.max(0, start - 6);
  const windowText = original.slice(windowStart, Math.min(original.length, end + 6));
  const edges = new Set<number>();
  for (const s of segmenter.segment(windowText)) {
    edges.add(windowStart + s.index);
    edges.add(windowStart + s.index + s.segment.length);
  }
  return edges.has(start) && edges.has(end);
}
