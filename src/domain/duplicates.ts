import { RECEIPT_ALPHABET } from "./receipts.js";

/** What a candidate duplicate shares with the tip on the page. */
export interface DuplicateSignals {
  /** The same matched enterprise, or the same credit code typed by both reporters. */
  sameEnterprise: boolean;
  /** "same": the same jurisdiction code; "near": one lies in the other's county (a township and its county). */
  place: "same" | "near" | "none";
  sameSector: boolean;
  /** Jaccard similarity of the two texts' character bigrams, 0–1. */
  textSimilarity: number;
}

/** Below this a candidate is noise (e.g. only the same county and sector, different words). */
export const DUPLICATE_MIN_SCORE = 40;

/**
 * A 0–100 score: the enterprise weighs most (two tips about one company in a month are almost always
 * one matter), then the words, then place and sector, which many unrelated tips share. Texts about one
 * matter written by different people share few exact bigrams, so similarity counts double up to 0.5.
 */
export function duplicateScore(s: DuplicateSignals): number {
  const text = Math.min(1, Math.max(0, s.textSimilarity) * 2);
  const score = (s.sameEnterprise ? 40 : 0) + (s.place === "same" ? 15 : s.place === "near" ? 8 : 0) + (s.sameSector ? 15 : 0) + 30 * text;
  return Math.round(Math.min(100, score));
}

/** What stands in for a removed tracking code: language-neutral, so every channel and locale can show it. */
export const CODE_PLACEHOLDER = "***";

const SEP = "[\\s\\-_.·—–]*";
const SYMBOL = `[${RECEIPT_ALPHABET}]`;
/** Any tracking code written the way it is printed (three groups of three), in either case. */
const PRINTED_CODE = new RegExp(`(?<![0-9A-Za-z])${SYMBOL}{3}-${SYMBOL}{3}-${SYMBOL}{3}(?![0-9A-Za-z])`, "gi");

/**
 * Text for one reporter of a merge group, with every tracking code but their own cut out: the codes of
 * the other tips of the group in any typing (spaces, no dashes, lower case), and anything printed like
 * a code. Staff often write "与 K7M-4QX-9PA 并案" into an answer; another reporter's code would let its
 * reader guess at that reporter's receipt and learn that someone else reported the same matter.
 */
export function withoutOtherCodes(text: string, ownCode: string, otherCodes: readonly string[], placeholder = CODE_PLACEHOLDER): string {
  let out = text;
  for (const code of otherCodes) {
    if (code === ownCode) continue;
    const compact = code.replace(/-/g, "");
    const pattern = new RegExp([...compact].map((c) => c.replace(/[^0-9A-Z]/g, "")).join(SEP), "gi");
    out = out.replace(pattern, placeholder);
  }
  return out.replace(PRINTED_CODE, (m) => (m.toUpperCase() === ownCode ? m : placeholder));
}
