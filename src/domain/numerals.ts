/**
 * Figures as a liaison types them: Arabic or Chinese numerals, full-width digits, thousands commas,
 * an optional unit. Values are computed exactly (a bigint with a decimal scale), so "1.15万元" is
 * 1.15 and not 1.1499999…, and nothing is rounded: a fine of 3,501 元 is 0.3501 万元, which the
 * form cannot hold, and is refused rather than silently rounded.
 */

export type FigureKind = "count" | "money_wan";
export type FigureResult = { ok: true; value: number } | { ok: false; reason: "empty" | "not_a_number" | "negative" | "not_integer" | "too_many_decimals" };

type Dec = { n: bigint; scale: number };

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, bigint> = { 十: 10n, 拾: 10n, 百: 100n, 佰: 100n, 千: 1000n, 仟: 1000n, 万: 10_000n, 亿: 100_000_000n };
const NUM = "0-9零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";
const COUNT_UNITS = ["人次", "次", "人", "家", "起", "个", "件", "名", "户", "处", "位", "项"];
/** One figure with its optional unit; "无"/"没有" is how forms write zero. */
const EXPR = new RegExp(`[-−负]?[${NUM}](?:[${NUM}.,点]*[${NUM}])?(?:万元|元|${COUNT_UNITS.join("|")})?|无|没有`, "g");
const HAS_DIGIT = /[0-9零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾无没]/;

const dec = (s: string): Dec => ({ n: BigInt(s.replace(".", "")), scale: s.includes(".") ? s.length - s.indexOf(".") - 1 : 0 });
const align = (a: Dec, scale: number): bigint => a.n * 10n ** BigInt(scale - a.scale);
const add = (a: Dec, b: Dec): Dec => {
  const scale = Math.max(a.scale, b.scale);
  return { n: align(a, scale) + align(b, scale), scale };
};
const mul = (a: Dec, k: bigint): Dec => ({ n: a.n * k, scale: a.scale });
const ZERO: Dec = { n: 0n, scale: 0 };

function tokenize(s: string): (Dec | bigint | "zero")[] | null {
  const tokens: (Dec | bigint | "zero")[] = [];
  const hasUnit = [...s].some((c) => c in UNITS);
  for (let i = 0; i < s.length; ) {
    const arabic = /^\d+(?:\.\d+)?/.exec(s.slice(i));
    if (arabic) {
      tokens.push(dec(arabic[0]));
      i += arabic[0].length;
    } else if (s[i] in UNITS) {
      tokens.push(UNITS[s[i++]]);
    } else if (s[i] in DIGITS) {
      let run = "";
      while (i < s.length && s[i] in DIGITS) run += DIGITS[s[i++]];
      let frac = "";
      if (s[i] === "点") for (i++; i < s.length && s[i] in DIGITS; ) frac += DIGITS[s[i++]];
      if (s[i - 1] === "点") return null;
      const leadingZeros = /^0*/.exec(run)![0].length;
      if (hasUnit && run.length - leadingZeros > 1) return null; // "二三百" is a guess, not a figure
      if (hasUnit && leadingZeros > 0) tokens.push("zero");
      if (run.length > leadingZeros || frac || !hasUnit) tokens.push(dec(frac ? `${run}.${frac}` : run));
    } else return null;
  }
  return tokens;
}

/** Evaluates 三千五百 / 一百零五 / 1.2万 / 两千 / 一万二 (colloquial: 一万二千) exactly. */
function evaluate(tokens: (Dec | bigint | "zero")[]): Dec | null {
  let total = ZERO,
    section = ZERO;
  let current: Dec | null = null;
  let lastUnit: bigint | null = null,
    lastSmall = 10_000n;
  let zeroSinceUnit = false;
  for (const t of tokens) {
    if (t === "zero") zeroSinceUnit = true;
    else if (typeof t !== "bigint") {
      if (current) return null;
      current = t;
    } else if (t < 10_000n) {
      if (t >= lastSmall || (!current && t !== 10n)) return null;
      section = add(section, mul(current ?? dec("1"), t));
      [current, lastUnit, lastSmall, zeroSinceUnit] = [null, t, t, false];
    } else {
      const base = t === 10_000n ? add(section, current ?? ZERO) : add(add(total, section), current ?? ZERO);
      if (base.n === 0n) return null;
      total = t === 10_000n ? add(total, mul(base, t)) : mul(base, t);
      [section, current, lastUnit, lastSmall, zeroSinceUnit] = [ZERO, null, t, 10_000n, false];
    }
  }
  if (current) {
    const colloquial = lastUnit !== null && lastUnit >= 100n && !zeroSinceUnit && current.scale === 0 && current.n < 10n;
    section = add(section, colloquial ? mul(current, lastUnit! / 10n) : current);
  }
  return tokens.length ? add(total, section) : null;
}

function parseNumber(s: string): Dec | null {
  if (s === "无" || s === "没有") return ZERO;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return dec(s.replace(/,/g, ""));
  const tokens = tokenize(s);
  return tokens && evaluate(tokens);
}

function trim(d: Dec): Dec {
  let { n, scale } = d;
  while (scale > 0 && n % 10n === 0n) [n, scale] = [n / 10n, scale - 1];
  return { n, scale };
}

export function parseFigure(text: string, kind: FigureKind): FigureResult {
  const folded = text.normalize("NFKC").trim();
  if (!folded) return { ok: false, reason: "empty" };
  const matches = expressions(folded);
  if (matches.length !== 1) return { ok: false, reason: "not_a_number" };
  let s = matches[0];
  const negative = /^[-−负]/.test(s);
  if (negative) s = s.slice(1);
  let yuan = false;
  if (kind === "money_wan" && s.endsWith("元")) [s, yuan] = [s.slice(0, -1), true];
  const unit = COUNT_UNITS.find((u) => s.endsWith(u) && s.length > u.length);
  if (unit) {
    if (kind !== "count") return { ok: false, reason: "not_a_number" };
    s = s.slice(0, -unit.length);
  }
  let value = parseNumber(s);
  if (!value) return { ok: false, reason: "not_a_number" };
  // A bare figure is in the form's unit (万元); with 元, or spoken with 万/亿 ("3.5万"), it is in yuan.
  if (kind === "money_wan" && (yuan || /[万亿]/.test(s))) value = { n: value.n, scale: value.scale + 4 };
  value = trim(value);
  if (negative && value.n !== 0n) return { ok: false, reason: "negative" };
  if (kind === "count" && value.scale > 0) return { ok: false, reason: "not_integer" };
  if (kind === "money_wan" && value.scale > 2) return { ok: false, reason: "too_many_decimals" };
  const number = Number(value.scale ? `${value.n}e-${value.scale}` : value.n);
  return Number.isSafeInteger(Math.trunc(number)) ? { ok: true, value: number } : { ok: false, reason: "not_a_number" };
}

function expressions(text: string): string[] {
  return [...text.matchAll(EXPR)].map((m) => m[0]).filter((m) => HAS_DIGIT.test(m));
}

/** "1.执法活动 12 2.出动人员 30 …": the text after each of the markers 1, 2, 3 … in turn, or null. */
function numberedSegments(text: string): string[] | null {
  const markers = [...text.matchAll(/(?<=^|[\s,;、:])(\d{1,2})\s*[.)、:](?!\d)/g)];
  const chain: RegExpMatchArray[] = [];
  for (const m of markers) if (Number(m[1]) === chain.length + 1) chain.push(m);
  if (chain.length < 2) return null;
  return chain.map((m, i) => text.slice(m.index! + m[0].length, chain[i + 1]?.index ?? text.length));
}

export interface AllFiguresResult {
  /** One result per expected position; a missing figure is `empty`. */
  results: FigureResult[];
  /** How many figures were found, so the caller can say "found 10 of 11". */
  found: number;
}

/**
 * All figures of one message in form order. Separators: whitespace, 、，；; or numbered items
 * ("1.执法活动 12 2.…"), whose labels are skipped (no metric label contains a numeral). An ASCII comma
 * is first read as a thousands separator ("1,234"); only if that does not yield the expected count is
 * it read as a list separator ("12,30,45") — the full-width ，is always a separator.
 */
export function parseAllFigures(text: string, kinds: readonly FigureKind[]): AllFiguresResult {
  const folded = text.replace(/[，；]/g, "、").normalize("NFKC");
  const segments = numberedSegments(folded);
  let figures: string[];
  if (segments) {
    figures = segments.map((seg) => expressions(seg).at(-1) ?? "");
  } else {
    figures = expressions(folded);
    const commaSplit = expressions(folded.replace(/,/g, " "));
    if (figures.length !== kinds.length && commaSplit.length === kinds.length) figures = commaSplit;
  }
  return {
    results: kinds.map((kind, i) => parseFigure(figures[i] ?? "", kind)),
    found: figures.filter((f) => f !== "").length,
  };
}
