/**
 * What every channel (bot, web form, JSON API, SMS) accepts as a tip's text and files, in one place:
 * the same text stores the same bytes whichever way it came, and the limits a form shows are the ones
 * the verb enforces.
 */

/** A tip's text, after cleaning, in characters (code points). */
export const MIN_TIP_TEXT = 10;
export const MAX_TIP_TEXT = 5_000;
/** Short fields typed beside the text: place, enterprise, a reporter's name. */
export const MAX_SHORT_FIELD = 200;

/** Per file, on every channel (Telegram photos are ≤ 10 MB too, so one limit serves all). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Per tip, on every channel. */
export const MAX_ATTACHMENTS_PER_TIP = 5;
/** The only types stored; the type is sniffed from the bytes, never taken from a name or a header. */
export const ATTACHMENT_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

// C0 controls but tab and newline, DEL, C1 controls; zero-width and invisible format characters
// (ZWSP…RLM, word joiner…, BOM); bidi embeddings, overrides and isolates (a "Trojan Source" text shows
// staff one thing and stores another).
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one text cleaner. Line breaks of every kind become "\n"; invisible, control and bidi-override
 * characters and lone surrogates are removed (PostgreSQL refuses NUL and invalid UTF-16 cannot be
 * stored as UTF-8); runs of spaces, tabs and ideographic spaces become one space; spaces at line ends
 * go; more than one empty line becomes one; the whole is trimmed and put in NFC (so a character typed
 * precomposed or decomposed is stored alike). Idempotent: clean(clean(x)) === clean(x).
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(LONE_SURROGATE, "")
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .replace(/[ \t\u00A0\u3000]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A one-line field: cleaned, line breaks folded into spaces, cut to `max` code points. */
export function cleanLine(text: string, max = MAX_SHORT_FIELD): string {
  return [...cleanText(text).replace(/\n+/g, " ")].slice(0, max).join("").trim();
}

/** Length in code points, as people count characters (an emoji or a rare 汉字 is one). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type TipTextProblem = "too_short" | "too_long";

/** Whether a cleaned tip text is within bounds. */
export function checkTipText(cleaned: string): TipTextProblem | null {
  const n = textLength(cleaned);
  if (n < MIN_TIP_TEXT) return "too_short";
  if (n > MAX_TIP_TEXT) return "too_long";
  return null;
}

/** A unit's (or any named thing's) name in a locale: the English name where there is one, else the Chinese. */
export function localName(named: { name: string; nameEn?: string | null }, locale: string): string {
  return locale === "en" ? (named.nameEn ?? named.name) : named.name;
}
