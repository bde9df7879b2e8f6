/**
 * The receipt: 查询码 / tracking code (names the tip) and 密钥 / secret (proves the holder is the
 * reporter; stored only as a keyed hash). Both are read aloud, copied from SMS and typed on phones,
 * so they use one 30-symbol alphabet without the look-alikes 0 O 1 I L, and U (Crockford's choice,
 * against accidental words). With none of 0/O/1/I/L in the alphabet there is nothing to map a typed
 * look-alike to: it is refused, not guessed.
 */

export const RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

const TRACKING_GROUPS = [3, 3, 3];
const SECRET_GROUPS = [4, 4, 4, 4, 4, 4];
const sum = (groups: number[]) => groups.reduce((a, b) => a + b, 0);

export const TRACKING_CODE_LENGTH = sum(TRACKING_GROUPS);
export const SECRET_LENGTH = sum(SECRET_GROUPS);
const BITS_PER_CHAR = Math.log2(RECEIPT_ALPHABET.length);
/** ≈ 44 bits: not a secret, but too many codes to enumerate against a rate-limited status check. */
export const TRACKING_CODE_BITS = TRACKING_CODE_LENGTH * BITS_PER_CHAR;
/** ≈ 117.8 bits, comfortably above the 80-bit floor and the 100 bits we aim for. */
export const SECRET_BITS = SECRET_LENGTH * BITS_PER_CHAR;

/** Fills a buffer with random bytes; `globalThis.crypto` works on Node 20 and Workers alike. */
export type RandomBytes = (buffer: Uint8Array) => Uint8Array;
const cryptoBytes: RandomBytes = (buffer) => globalThis.crypto.getRandomValues(buffer);

// 256 is not a multiple of 30: bytes ≥ 240 would make the first 16 symbols likelier, so they are redrawn.
const LIMIT = 256 - (256 % RECEIPT_ALPHABET.length);

export function randomSymbols(length: number, random: RandomBytes = cryptoBytes): string {
  let out = "";
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length - out.length + 8))) {
      if (byte < LIMIT && out.length < length) out += RECEIPT_ALPHABET[byte % RECEIPT_ALPHABET.length];
    }
  }
  return out;
}

function group(compact: string, groups: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) parts.push(compact.slice(at, (at += size)));
  return parts.join("-");
}

/** Upper-case, full-width folded, spaces/dashes/dots/underscores removed; null if not well-formed. */
function normalize(input: string, groups: number[]): string | null {
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·—–]/g, "");
  if (compact.length !== sum(groups)) return null;
  for (const ch of compact) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return group(compact, groups);
}

/** e.g. "K7M-4QX-9PA". */
export function generateTrackingCode(random?: RandomBytes): string {
  return group(randomSymbols(TRACKING_CODE_LENGTH, random), TRACKING_GROUPS);
}

/** e.g. "7HQ2-MXKD-4R9T-WNZC-3PEV-8GJY". */
export function generateSecret(random?: RandomBytes): string {
  return group(randomSymbols(SECRET_LENGTH, random), SECRET_GROUPS);
}

/** The canonical grouped form (as generated), or null. "k7m 4qx 9pa" → "K7M-4QX-9PA". */
export function normalizeTrackingCode(input: string): string | null {
  return normalize(input, TRACKING_GROUPS);
}

/** The canonical grouped form (as generated), or null. Hash this form, so any typing of it verifies. */
export function normalizeSecret(input: string): string | null {
  return normalize(input, SECRET_GROUPS);
}
