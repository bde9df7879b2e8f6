/**
 * Repairs one-letter English typos ("scafolding", "extinguiser", "detonaters") against the
 * vocabulary's own words, by symmetric deletion: two words one edit apart share a one-deletion form.
 * Only long words are repaired; short ones have too many neighbours ("bar"/"car"/"bus").
 */
const MIN_LENGTH = 6;
const CACHE_LIMIT = 10_000;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function createSpeller(vocabularyWords: Iterable<string>): (word: string) => string {
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
  // Tips reuse the same everyday words, so remembered answers skip most deletion lookups.
  const cache = new Map<string, string>();
  const repair = (word: string): string => {
    const missingLetter = byDeletion.get(word);
    if (missingLetter) return missingLetter;
    if (word.length < MIN_LENGTH) return word;
    for (const d of deletions(word)) {
      if (known.has(d) && d.length >= MIN_LENGTH) return d;
      const swapped = byDeletion.get(d);
      if (swapped) return swapped;
    }
    return word;
  };
  return (word) => {
    if (word.length < MIN_LENGTH - 1 || known.has(word)) return word;
    let fixed = cache.get(word);
    if (fixed === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, (fixed = repair(word)));
    }
    return fixed;
  };
}
