/**
 * SMS segment arithmetic. A message is sent in GSM-7 when every character is in the GSM 03.38
 * alphabet (160 per segment, 153 per part when concatenated; the extension characters count twice),
 * otherwise in UCS-2 (70 per segment, 67 per part), counted in UTF-16 code units — so one Chinese
 * character anywhere makes the whole message UCS-2. Replies aim at one segment: one charge, one
 * bubble on old phones, and no reassembly failures on cheap gateways.
 */

const GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

export type SmsEncoding = "gsm7" | "ucs2";

export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** What one segment holds in this encoding. */
  singleLimit: number;
}

export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;
export const GSM7_SINGLE = 160;
export const GSM7_PART = 153;

export function smsSize(text: string): SmsSize {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENSION.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    return { encoding: "gsm7", units: septets, singleLimit: GSM7_SINGLE, segments: septets <= GSM7_SINGLE ? 1 : Math.ceil(septets / GSM7_PART) };
  }
  const units = text.length;
  return { encoding: "ucs2", units, singleLimit: UCS2_SINGLE, segments: units <= UCS2_SINGLE ? 1 : Math.ceil(units / UCS2_PART) };
}

export function fitsOneSegment(text: string): boolean {
  return smsSize(text).segments === 1;
}

export function fitsSegments(text: string, segments: number): boolean {
  return smsSize(text).segments <= segments;
}

/**
 * The first candidate that fits one segment; candidates go from most to least informative (e.g. a
 * receipt with the unit's name, then without). When none fits, the shortest is sent as it is: a
 * receipt must never lose characters of its code or secret to truncation.
 */
export function chooseReply(candidates: string[]): string {
  if (candidates.length === 0) return "";
  const fitting = candidates.find(fitsOneSegment);
  if (fitting !== undefined) return fitting;
  return candidates.reduce((a, b) => (smsSize(b).units < smsSize(a).units ? b : a));
}

/**
 * Shorten free text (a staff reply, a quoted tip) so that `prefix + text` fits one segment (or
 * `segments`, for the four-item answer), cutting at a whole character and marking the cut. Surrogate
 * pairs (emoji) are never split.
 */
export function fitWithin(prefix: string, text: string, suffix = "", segments = 1): string {
  const fits = (t: string) => fitsSegments(t, segments);
  const whole = prefix + text + suffix;
  if (fits(whole)) return whole;
  // "…" is not GSM-7: an English reply keeps 160 characters by marking the cut with three dots.
  const mark = smsSize(whole).encoding === "gsm7" ? "..." : "…";
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(prefix + chars.slice(0, mid).join("") + mark + suffix)) lo = mid;
    else hi = mid - 1;
  }
  return prefix + chars.slice(0, lo).join("").trimEnd() + mark + suffix;
}

/** Chinese characters anywhere → zh-CN; Latin letters without any → en; neither (digits only) → zh-CN. */
export function detectSmsLocale(text: string): "zh-CN" | "en" {
  if (/[\u3400-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF]/.test(text)) return "zh-CN";
  return /[A-Za-z]/.test(text) ? "en" : "zh-CN";
}
