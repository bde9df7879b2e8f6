import { inArray } from "drizzle-orm";
import { tips } from "../../db/schema.js";
import { normalizeSecret, normalizeTrackingCode, RECEIPT_ALPHABET, SECRET_LENGTH, TRACKING_CODE_LENGTH } from "../../domain/receipts.js";
import type { Deps } from "../deps.js";
import { verifyReceipt } from "./check-status.js";

/**
 * A receipt secret typed into free text (an SMS "异议 <code> <secret> …", a tip description, an
 * addition) must never be stored: staff read tip texts and liaisons receive them. This finds receipts
 * in a text — a tracking code of an existing tip, followed anywhere later by a secret that verifies
 * against that tip — however they were typed (dashes, spaces, lower case, full width, labels such as
 * "查询码… 密钥…" between them).
 *
 * Checking many secret-shaped words against a code must not outrun the receipt lockout: when no word
 * verifies, one failure is counted for the code (as one wrong /status would be), and for a locked code
 * every secret-shaped word after it is treated as its secret, so the answer says nothing about a guess.
 */

/** A piece of the text, in code points: [start, end) of the characters read, and the symbols they hold. */
interface Span {
  value: string;
  start: number;
  end: number;
}

export interface ReceiptMention {
  trackingCode: string;
  code: Span;
  /** Secret-shaped words after the code, in order (at most MAX_SECRETS). */
  secrets: Span[];
}

/** Typing between the symbols of a code or secret, as parse-command.ts reads it. */
const SEPARATORS = /[\s\-_.·—–:：,，]/;
/** Bounds on the work one text can cause (and on the guesses it carries against one code). */
const MAX_CODES = 20;
const MAX_SECRETS = 8;
/** How far after its code a secret is looked for ("查询码… 密钥…", "my code is …, the secret …"). */
const MAX_GAP = 200;
/** MAX_TIP_TEXT: a longer text is refused whole, never stored, so nothing past it needs reading. */
const MAX_SCAN = 5_000;

function symbol(ch: string): string | null {
  const up = ch.normalize("NFKC").toUpperCase();
  return up.length === 1 && RECEIPT_ALPHABET.includes(up) ? up : null;
}

/** `count` symbols from `start`, separators between them skipped; null if something else comes first. */
function readSymbols(chars: string[], start: number, count: number): Span | null {
  let value = "";
  let end = start;
  for (let i = start; i < chars.length && value.length < count; i++) {
    const s = symbol(chars[i]);
    if (s) {
      value += s;
      end = i + 1;
    } else if (!SEPARATORS.test(chars[i])) {
      return null;
    }
  }
  return value.length === count ? { value, start, end } : null;
}

/** Codes followed by secret-shaped words, in text order; a code appears once. Pure. */
export function receiptMentions(text: string): ReceiptMention[] {
  const chars = Array.from(text).slice(0, MAX_SCAN);
  // A word starts where a symbol follows something that is not one (text start, a space, a dash, 码…).
  const starts = chars.flatMap((ch, i) => (symbol(ch) && (i === 0 || !symbol(chars[i - 1])) ? [i] : []));
  const secretsFrom = new Map<number, Span | null>();
  const secretAt = (i: number) => {
    if (!secretsFrom.has(i)) {
      const s = readSymbols(chars, i, SECRET_LENGTH);
      secretsFrom.set(i, s && normalizeSecret(s.value) ? s : null);
    }
    return secretsFrom.get(i)!;
  };
  const found = new Map<string, ReceiptMention>();
  for (const start of starts) {
    if (found.size >= MAX_CODES) break;
    const code = readSymbols(chars, start, TRACKING_CODE_LENGTH);
    const trackingCode = code && normalizeTrackingCode(code.value);
    if (!code || !trackingCode || found.has(trackingCode)) continue;
    const secrets: Span[] = [];
    const seen = new Set<number>();
    // Right after the code (typed without a break, "K7M4QX9PA7HQ2…"), then at every later word.
    const later = starts.filter((s) => s >= code.end && s <= code.end + MAX_GAP);
    for (const at of [code.end, ...later]) {
      const secret = secretAt(at);
      if (!secret || seen.has(secret.end)) continue;
      seen.add(secret.end);
      secrets.push(secret);
      if (secrets.length >= MAX_SECRETS) break;
    }
    if (secrets.length > 0) found.set(trackingCode, { trackingCode, code, secrets });
  }
  return [...found.values()];
}

export type ReceiptCheck =
  /** The text carries this tip's receipt: the secret that verified and where it and the code are. */
  | { kind: "valid"; trackingCode: string; secret: string; spans: Span[] }
  /** A known code locked after wrong secrets: every secret-shaped word after it counts as its secret. */
  | { kind: "locked"; trackingCode: string; spans: Span[] };

/** The receipts a text carries, first the valid ones in text order. Counts one failure per known code with no match. */
export async function checkReceiptsInText(deps: Pick<Deps, "db" | "crypto" | "clock">, text: string): Promise<ReceiptCheck[]> {
  const mentions = receiptMentions(text);
  if (mentions.length === 0) return [];
  const known = await deps.db
    .select({ trackingCode: tips.trackingCode, secretHash: tips.secretHash })
    .from(tips)
    .where(
      inArray(
        tips.trackingCode,
        mentions.map((m) => m.trackingCode),
      ),
    );
  const hashOf = new Map(known.map((t) => [t.trackingCode, t.secretHash]));
  const valid: ReceiptCheck[] = [];
  const locked: ReceiptCheck[] = [];
  for (const m of mentions) {
    const hash = hashOf.get(m.trackingCode);
    if (!hash) continue;
    const match = m.secrets.find((s) => deps.crypto.verifyHash("receipt-secret", normalizeSecret(s.value)!, hash));
    if (match) {
      valid.push({ kind: "valid", trackingCode: m.trackingCode, secret: normalizeSecret(match.value)!, spans: [m.code, match] });
      continue;
    }
    const refused = await verifyReceipt(deps, { trackingCode: m.trackingCode, secret: m.secrets[0].value });
    if (!refused.ok && refused.reason === "rate_limited") locked.push({ kind: "locked", trackingCode: m.trackingCode, spans: m.secrets });
  }
  return [...valid, ...locked];
}

/** The text with the given spans cut out; where a cut leaves two runs of space side by side, one is kept. */
export function cutSpans(text: string, spans: Span[]): string {
  const chars = Array.from(text);
  let out = "";
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.end <= at) continue;
    out += chars.slice(at, Math.max(at, span.start)).join("");
    at = span.end;
    if (/\s$/.test(out) || out === "") while (at < chars.length && /\s/.test(chars[at])) at++;
  }
  return (out + chars.slice(at).join("")).trim();
}

/** The text without any receipt secret it carries (valid, or possibly valid for a locked code); the codes stay. */
export async function withoutReceiptSecrets(deps: Pick<Deps, "db" | "crypto" | "clock">, text: string): Promise<string> {
  const checks = await checkReceiptsInText(deps, text);
  if (checks.length === 0) return text;
  return cutSpans(
    text,
    checks.flatMap((c) => (c.kind === "valid" ? c.spans.slice(1) : c.spans)),
  );
}
