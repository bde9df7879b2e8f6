/**
 * Mainland China mobile numbers (11 digits, 1[3-9]…), the only numbers the SMS fallback can reach.
 * Formatting people type — spaces, dashes, brackets, full-width digits, a +86 / 0086 / 86 prefix — is
 * folded away; the result is E.164 ("+8613800138000"), the form the SMS providers take.
 */
export function normalizeMainlandMobile(input: string): string | null {
  const folded = input.replace(/[０-９＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-()（）.·]/g, "");
  const m = folded.match(/^(?:\+86|0086|86)?(1[3-9]\d{9})$/);
  return m ? `+86${m[1]}` : null;
}

/** "+86138****8000": enough for the liaison to recognise their number, not enough to leak it. */
export function maskMobile(e164: string): string {
  return e164.length >= 14 ? `${e164.slice(0, 6)}****${e164.slice(-4)}` : "****";
}
