import { normalizeSecret, normalizeTrackingCode, RECEIPT_ALPHABET, SECRET_LENGTH, TRACKING_CODE_LENGTH } from "../../domain/receipts.js";

export type Receipt = { code: string; secret: string };

export type SmsCommand =
  | { kind: "status"; locale: "zh-CN" | "en"; receipt: Receipt | null }
  | { kind: "add"; locale: "zh-CN" | "en"; receipt: Receipt | null; text: string }
  /** 异议: `keyword` is the word as typed, kept with the words if they end up added to the tip instead. */
  | { kind: "object"; locale: "zh-CN" | "en"; receipt: Receipt | null; text: string; keyword: string }
  | { kind: "cancel"; locale: "zh-CN" | "en" }
  | { kind: "help"; locale: "zh-CN" | "en" };

const ZH: Record<string, SmsCommand["kind"]> = {
  查询: "status",
  查詢: "status",
  进度: "status",
  补充: "add",
  補充: "add",
  异议: "object",
  異議: "object",
  取消: "cancel",
  帮助: "help",
  幫助: "help",
};
const EN: Record<string, SmsCommand["kind"]> = {
  STATUS: "status",
  CHECK: "status",
  ADD: "add",
  OBJECTION: "object",
  OBJECT: "object",
  CANCEL: "cancel",
  HELP: "help",
};

const ZH_PATTERN = new RegExp(`^(${Object.keys(ZH).join("|")})[\\s:：,，]*([\\s\\S]*)$`);
const EN_PATTERN = new RegExp(`^(${Object.keys(EN).join("|")})(?:[\\s:,]+([\\s\\S]*))?$`, "i");
const SEPARATORS = /[\s\-_.·—–:：,，]/;

/**
 * A command is a keyword at the very start. A tip that merely begins with the word (e.g. "查询了一下，
 * 这家厂…") is not one: after 查询/补充 and STATUS/ADD the next word must look like a tracking code
 * (receipt alphabet) or be absent, so such a tip is stored instead of being answered with a format hint.
 */
export function parseSmsCommand(text: string): SmsCommand | null {
  const trimmed = text.trim();
  const zh = ZH_PATTERN.exec(trimmed);
  const en = zh ? null : EN_PATTERN.exec(trimmed);
  const match = zh ?? en;
  if (!match) return null;
  const kind = zh ? ZH[match[1]] : EN[match[1].toUpperCase()];
  const locale = zh ? "zh-CN" : "en";
  const rest = (match[2] ?? "").trim();
  // "取消举报", "cancel it": a short tail still cancels; a long one is a tip that starts with the word.
  if (kind === "cancel" || kind === "help") return Array.from(rest).length <= 6 ? { kind, locale } : null;
  if (rest !== "" && !looksLikeCode(rest.split(/\s+/)[0])) return null;
  const taken = takeReceipt(rest);
  if (kind === "status") return { kind, locale, receipt: taken?.receipt ?? null };
  if (kind === "object") return { kind, locale, receipt: taken?.receipt ?? null, text: taken?.remainder ?? "", keyword: match[1] };
  return { kind, locale, receipt: taken?.receipt ?? null, text: taken?.remainder ?? "" };
}

function looksLikeCode(word: string): boolean {
  const compact = word
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[-_.·—–:：,，]/g, "");
  return compact.length >= 3 && [...compact].every((ch) => RECEIPT_ALPHABET.includes(ch));
}

/**
 * Reads the tracking code and secret however they were typed (dashes, spaces, lower case, full width)
 * and returns what follows them. Stops at exactly code + secret characters, so "补充 码 密钥 内容" keeps 内容.
 */
export function takeReceipt(rest: string): { receipt: Receipt; remainder: string } | null {
  const need = TRACKING_CODE_LENGTH + SECRET_LENGTH;
  let collected = "";
  let i = 0;
  const chars = Array.from(rest);
  for (; i < chars.length && collected.length < need; i++) {
    const ch = chars[i].normalize("NFKC").toUpperCase();
    if (SEPARATORS.test(ch)) continue;
    if (ch.length !== 1 || !RECEIPT_ALPHABET.includes(ch)) break;
    collected += ch;
  }
  if (collected.length < need) return null;
  const code = normalizeTrackingCode(collected.slice(0, TRACKING_CODE_LENGTH));
  const secret = normalizeSecret(collected.slice(TRACKING_CODE_LENGTH));
  if (!code || !secret) return null;
  return {
    receipt: { code, secret },
    remainder: chars
      .slice(i)
      .join("")
      .replace(/^[\s:：,，-]+/, "")
      .trim(),
  };
}
