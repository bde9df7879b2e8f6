/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters: registration authority (1) + organisation category (1) + GB/T 2260 division (6)
 * + organisation code (9, GB 11714) + check character (1). The character set is the digits and
 * the capital letters without I, O, Z, S, V (GB 32100-2015 §4.2, so that no character looks like
 * a digit). The check character is the weighted sum mod 31 of §4.4.
 */

export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: "length" | "charset" | "check"; expected?: string };

/** The check character for the first 17 characters (assumed to be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Full-width characters (the default on Chinese phone keyboards) and lowercase are folded;
 * spaces and hyphens people insert for readability are dropped. Nothing else is changed: an O typed
 * for a 0 is reported as a charset error, never silently corrected, because a "corrected" code could
 * name a different, real enterprise.
 */
export function normalizeCreditCode(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\-_]/g, "")
    .toUpperCase();
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { ok: false, reason: "length" };
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return { ok: false, reason: "charset" };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  // `expected` is given so staff can see the check failed and by how much; the system does not adopt it.
  if (code[17] !== expected) return { ok: false, reason: "check", expected };
  return { ok: true, code };
}

// GB 11643-1999 resident identity number: 17 digits + check (0-9 or X), weights 2^(17-i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = "10X98765432";

function isResidentIdNumber(s: string): boolean {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== s[17]) return false;
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const CODE_IN_TEXT = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/g;

/**
 * 18-character alphanumeric runs in free text that may be credit codes, normalised, in order,
 * without duplicates. Candidates are returned even when their check fails, so the caller can tell
 * the reporter the code looks mistyped. A run that is a valid resident identity number (same length,
 * often pasted by reporters about themselves) and not a valid credit code is left out: treating a
 * person's ID number as an enterprise key would leak it into routing explanations.
 */
export function findCreditCodes(text: string): string[] {
  const folded = text.normalize("NFKC");
  const found: string[] = [];
  // exec over a module constant, not matchAll (which copies its RegExp per call); run to the end, lastIndex 0 again.
  CODE_IN_TEXT.lastIndex = 0;
  for (let m = CODE_IN_TEXT.exec(folded); m !== null; m = CODE_IN_TEXT.exec(folded)) {
    const candidate = m[0].toUpperCase();
    if (!/\d/.test(candidate)) continue; // a long Latin word, not a code (positions 3-8 are digits)
    if (isResidentIdNumber(candidate) && !validateCreditCode(candidate).ok) continue;
    if (!found.includes(candidate)) found.push(candidate);
  }
  return found;
}
