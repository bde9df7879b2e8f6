import { classifySector, vocabularySpans } from "./classify.js";
import type { SectorCode } from "../sectors.js";

/**
 * The words that best tell staff's corrected sector from the router's choice (#14 item 5): candidate
 * terms are the Chinese words and word pairs and the English words and word pairs of the corrected tips;
 * each is scored by its log-odds of appearing in a corrected tip against a tip the router kept in its
 * sector (add-½ smoothing, so a term never seen in the kept tips is not infinitely good). A term must
 * occur in most of the corrected tips, and one the vocabulary already reads as the final sector is no
 * news (something else outweighed it), so it is left out. Place names are masked by the caller.
 */
export interface SeparatingTerm {
  term: string;
  /** Corrected tips containing it. */
  support: number;
  score: number;
}

/** Characters that start or end no useful term: particles, pronouns, measure words, numerals. */
const EDGE = new Set([
  ..."的了是在有个我们你他她它这那就都还也和与及或说要会把被让给从到对向很太又再没不吗呢吧啊呀嘛啦咯喽哦嘅咁一二三四五六七八九十几多每些上下里中来去过着得地之其而且但",
]);
const EN_STOP = new Set(
  "the a an and or but of in on at to for from with by is are was were be been being it its this that these those there here they them their we our you your he she his her i me my not no so as if then than very just also still too all any some one two three four five more most much many can could will would should may might do does did have has had get got out up down over into about again after before while when what which who whom how why where near some every other such only own same".split(
    " ",
  ),
);

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * The candidate terms of one text, each once: Chinese words as the segmenter cuts them and pairs of
 * neighbouring words (滑翔|伞 → 滑翔伞), 2–6 characters, none cutting through a vocabulary word
 * (游乐场电线 yields 游乐场, 电线 and the pair, never 场电线); English words and word pairs.
 */
export function candidateTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[\u3400-\u9fff]+/g)) {
    const run = m[0];
    const known = vocabularySpans(run);
    const cuts = (s: number, e: number) => known.some(([a, b]) => a < e && s < b && !(s <= a && b <= e));
    const words = [...segmenter.segment(run)];
    for (let i = 0; i < words.length; i++) {
      const s = words[i].index;
      for (const e of [s + words[i].segment.length, s + words[i].segment.length + (words[i + 1]?.segment.length ?? 0)]) {
        const g = run.slice(s, e);
        if (g.length < 2 || g.length > 6 || EDGE.has(g[0]) || EDGE.has(g[g.length - 1]) || cuts(s, e)) continue;
        out.add(g);
      }
    }
  }
  const words = (text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []).map((w) => w.replace(/'s$/, ""));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length >= 4 && !EN_STOP.has(w)) out.add(w);
    const v = words[i + 1];
    if (v && !EN_STOP.has(w) && !EN_STOP.has(v) && w.length >= 3 && v.length >= 3) out.add(`${w} ${v}`);
  }
  return out;
}

export function separatingTerms(
  corrected: readonly string[],
  kept: readonly string[],
  opts: { finalSector: SectorCode; minSupport: number; limit?: number },
): SeparatingTerm[] {
  const n = corrected.length;
  const need = Math.max(opts.minSupport, Math.ceil(n * 0.6));
  const inCorrected = new Map<string, number>();
  for (const t of corrected) for (const term of candidateTerms(t)) inCorrected.set(term, (inCorrected.get(term) ?? 0) + 1);
  const keptSets = kept.map((t) => t.toLowerCase());
  const scored: SeparatingTerm[] = [];
  for (const [term, a] of inCorrected) {
    if (a < need) continue;
    const b = keptSets.filter((t) => t.includes(term)).length;
    const score = Math.log((a + 0.5) / (n - a + 0.5)) - Math.log((b + 0.5) / (kept.length - b + 0.5));
    if (score <= 0) continue;
    scored.push({ term, support: a, score: Math.round(score * 1000) / 1000 });
  }
  // Best first; of equal standing the longer term is more specific, and a term inside a kept one with the same support adds nothing.
  scored.sort((x, y) => y.score - x.score || y.term.length - x.term.length || x.term.localeCompare(y.term));
  const out: SeparatingTerm[] = [];
  for (const s of scored) {
    if (out.some((o) => o.support === s.support && o.term.includes(s.term))) continue;
    if (classifySector(s.term).sector === opts.finalSector) continue;
    out.push(s);
    if (out.length >= (opts.limit ?? 5)) break;
  }
  return out;
}
