/**
 * Word boundaries from the runtime's ICU dictionary (Intl.Segmenter, present in Node and Workers).
 * A short name such as 天等 or 乐业 also occurs inside ordinary words (每天等着, 安居乐业); ICU keeps
 * those words whole, so a short-name match whose edge falls inside a segment is not a place.
 * Without Intl.Segmenter every position counts as a boundary and every short name as a dictionary
 * word: matching then trusts fewer township short names rather than more.
 */
export interface WordBoundaries {
  /** Whether both `start` and `end` of text[start, end) fall between words; `known` are sure cuts. */
  isWordSpan(text: string, start: number, end: number, known?: ReadonlySet<number>): boolean;
  /** Whether ICU knows `word` as one dictionary word (an ordinary word or a well-known name). */
  isDictionaryWord(word: string): boolean;
}

/**
 * Segmenting a whole tip costs ~250 µs; the words around a hit decide its edges, so only a window of
 * this many characters either side is looked at (most ICU CJK dictionary words are shorter).
 */
const WINDOW = 6;

/** Whether text position i (the window starting at `from`) falls between two ICU words; module level, see route-tip.ts copyDeadline. */
function isCut(segments: Intl.Segments, windowLength: number, from: number, i: number, known: ReadonlySet<number> | undefined): boolean {
  return known?.has(i) || i - from >= windowLength || segments.containing(i - from)?.index === i - from;
}

export function createWordBoundaries(): WordBoundaries {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (typeof Segmenter !== "function") return { isWordSpan: () => true, isDictionaryWord: () => true };
  const segmenter = new Segmenter("zh", { granularity: "word" });
  return {
    isWordSpan(text, start, end, known) {
      const from = Math.max(0, start - WINDOW);
      const window = text.slice(from, end + WINDOW);
      const segments = segmenter.segment(window);
      return isCut(segments, window.length, from, start, known) && isCut(segments, window.length, from, end, known);
    },
    isDictionaryWord(word) {
      const [first, second] = segmenter.segment(word);
      return first !== undefined && second === undefined && first.segment === word;
    },
  };
}
