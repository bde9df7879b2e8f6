import { compileAutomaton, dropContained, findAll, onWordBoundaries, type Automaton } from "./matcher.js";
import { normalize, normalizeTerm } from "./normalize.js";
import { createSpeller, type Speller } from "./speller.js";

/** A vocabulary compiled once, at module load: one automaton for every term of every concept. */
export interface Lexicon {
  automaton: Automaton;
  /** Per pattern, the concepts it belongs to and whether it needs a word-boundary check. */
  owners: { concepts: number[]; strict: boolean }[];
  speller: Speller;
}

export interface TermHit {
  concept: number;
  /** The normalized pattern, so repeated wordings of one concept are counted once. */
  pattern: number;
  /** The words as the reporter wrote them, and where they start in the original text. */
  quote: string;
  start: number;
}

export function compileLexicon(conceptTerms: readonly (readonly string[])[]): Lexicon {
  const index = new Map<string, number>();
  const owners: Lexicon["owners"] = [];
  const words = new Set<string>();
  conceptTerms.forEach((terms, concept) => {
    for (const raw of terms) {
      const strict = raw.startsWith("=");
      const pattern = normalizeTerm(strict ? raw.slice(1) : raw);
      if (!pattern.trim()) continue;
      for (const w of pattern.split(" ")) if (/^[a-z0-9]+$/.test(w)) words.add(w);
      let i = index.get(pattern);
      if (i === undefined) {
        i = owners.length;
        index.set(pattern, i);
        owners.push({ concepts: [], strict });
      }
      if (!owners[i].concepts.includes(concept)) owners[i].concepts.push(concept);
      owners[i].strict ||= strict;
    }
  });
  return { automaton: compileAutomaton([...index.keys()]), owners, speller: createSpeller(words) };
}

export function scan(lexicon: Lexicon, text: string): TermHit[] {
  const norm = normalize(text, lexicon.speller);
  const hits = dropContained(findAll(lexicon.automaton, norm.text));
  const out: TermHit[] = [];
  for (const h of hits) {
    const owner = lexicon.owners[h.pattern];
    // English patterns carry their bounding spaces; quote only the words.
    let s = h.start;
    let e = h.end - 1;
    while (s < e && norm.text[s] === " ") s++;
    while (e > s && norm.text[e] === " ") e--;
    const start = norm.from[s];
    const end = norm.to[e];
    if (owner.strict && !onWordBoundaries(text, start, end)) continue;
    const quote = text.slice(start, end);
    for (const concept of owner.concepts) out.push({ concept, pattern: h.pattern, quote, start });
  }
  return out;
}
