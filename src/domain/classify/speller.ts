/**
 * Repairs one-letter English typos ("scafolding", "extinguiser", "detonaters") against the
 * vocabulary's own words, by symmetric deletion: two words one edit apart share a one-deletion form.
 * Only long words are repaired; short ones have too many neighbours ("bar"/"car"/"bus").
 *
 * One edit also joins many ordinary words to vocabulary words (river/driver, around/ground,
 * report/resort, protect/project, blaster/plaster), so a repair must look like a slip of the hand:
 * the first letter is kept (people rarely mistype it), and a swapped letter is a keyboard neighbour,
 * one vowel for another, or two neighbouring letters transposed.
 */
const MIN_LENGTH = 6;
const CACHE_LIMIT = 10_000;

export interface Speller {
  (word: string): string;
  /** True for a word of the vocabulary (stemmed), which is never repaired into another. */
  knows(word: string): boolean;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

const KEY_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
const VOWELS = "aeiou";

function keyNeighbours(a: string, b: string): boolean {
  const ra = KEY_ROWS.findIndex((r) => r.includes(a));
  const rb = KEY_ROWS.findIndex((r) => r.includes(b));
  if (ra < 0 || rb < 0 || Math.abs(ra - rb) > 1) return false;
  const ia = KEY_ROWS[ra].indexOf(a);
  const ib = KEY_ROWS[rb].indexOf(b);
  if (ra === rb) return Math.abs(ia - ib) === 1;
  // Each row sits half a key to the right of the one above it.
  const [upper, lower] = ra < rb ? [ia, ib] : [ib, ia];
  return lower === upper || lower === upper - 1;
}

/** Whether `typed` is a believable slip for `meant`, given that they are one symmetric deletion apart. */
export function plausibleSlip(typed: string, meant: string): boolean {
  if (typed[0] !== meant[0]) return false;
  if (typed.length !== meant.length) return true;
  const diffs: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== meant[i]) diffs.push(i);
  if (diffs.length === 1) {
    const [a, b] = [typed[diffs[0]], meant[diffs[0]]];
    return (VOWELS.includes(a) && VOWELS.includes(b)) || keyNeighbours(a, b);
  }
  return diffs.length === 2 && diffs[1] === diffs[0] + 1 && typed[diffs[0]] === meant[diffs[1]] && typed[diffs[1]] === meant[diffs[0]];
}

export function createSpeller(vocabularyWords: Iterable<string>): Speller {
  const known = new Set<string>();
  // A deletion form reachable from two vocabulary words is ambiguous; "" marks it unusable.
  const byDeletion = new Map<string, string>();
  for (const w of vocabularyWords) {
    known.add(w);
    if (w.length < MIN_LENGTH) continue;
    for (const d of deletions(w)) {
      const seen = byDeletion.get(d);
      byDeletion.set(d, seen === undefined || seen === w ? w : "");
    }
  }
  const accept = (typed: string, meant: string | undefined) => (meant && plausibleSlip(typed, meant) ? meant : undefined);
  // Tips reuse the same everyday words, so remembered answers skip most deletion lookups.
  const cache = new Map<string, string>();
  const repair = (word: string): string => {
    const missingLetter = accept(word, byDeletion.get(word));
    if (missingLetter) return missingLetter;
    if (word.length < MIN_LENGTH) return word;
    for (const d of deletions(word)) {
      if (known.has(d) && d.length >= MIN_LENGTH && plausibleSlip(word, d)) return d;
      const swapped = accept(word, byDeletion.get(d));
      if (swapped) return swapped;
    }
    return word;
  };
  const speller = (word: string): string => {
    if (word.length < MIN_LENGTH - 1 || known.has(word)) return word;
    let fixed = cache.get(word);
    if (fixed === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, (fixed = repair(word)));
    }
    return fixed;
  };
  return Object.assign(speller, { knows: (word: string) => known.has(word) });
}
