/**
 * One normal form for tip text and vocabulary alike, so that a single automaton matches both
 * languages: CJK characters stay one per position; each English word becomes " stem" and a run of
 * English words ends with a space, so an English phrase is the pattern " stem1 stem2 ".
 * Every normalized position remembers the original span it came from, so evidence can quote the
 * reporter's own words.
 */

import type { Speller } from "./speller.js";

/**
 * Homophone and look-alike slips seen in hurried SMS (拴/栓, 到/道, 角/脚, 丝/斯…). Both the text and the
 * vocabulary are folded the same way, so a slip matches the intended term. Only pairs whose folded
 * forms do not create common unrelated words belong here.
 */
const CONFUSABLES: Record<string, string> = {
  拴: "栓",
  到: "道",
  角: "脚",
  丝: "斯",
  暴: "爆",
  掉: "吊",
  遂: "隧",
  灌: "罐",
  旷: "矿",
  摊: "坍",
  汽: "气",
  // Traditional forms a Hong Kong or Taiwan phone may produce.
  礦: "矿",
  爐: "炉",
  車: "车",
  險: "险",
  災: "灾",
  電: "电",
  藥: "药",
  樓: "楼",
  門: "门",
  氣: "气",
  庫: "库",
  場: "场",
  煙: "烟",
  燒: "烧",
  塵: "尘",
  設: "设",
  運: "运",
  輸: "输",
  遊: "游",
  樂: "乐",
};

/**
 * Cantonese, Guangxi-dialect and SMS spellings of common function words, folded to Mandarin one
 * character for one (so positions and quotes stay exact): 冇人理 reads as 没人理, 塌咗 as 塌了,
 * 佢哋喺入面 as 他们在入面. Only characters that are not Mandarin words on their own belong here
 * (搞 is Mandarin too, but 搞 ↔ 做 are interchangeable in every phrase the vocabulary holds).
 */
const DIALECT: Record<string, string> = {
  咯: "了",
  喽: "了",
  咗: "了",
  啰: "了",
  冇: "没",
  嘅: "的",
  啲: "些",
  佢: "他",
  哋: "们",
  喺: "在",
  唔: "不",
  係: "是",
  咁: "这",
  噉: "这",
  嚟: "来",
  睇: "看",
  搞: "做",
  嗰: "那",
  乜: "什",
  揾: "找",
  仲: "还",
  // 掟 (throw), 畀 (give), 嘞 (sentence-final 了), 瞓 (sleep): 砖头由五楼掟落街, 唔畀停.
  掟: "扔",
  畀: "给",
  嘞: "了",
  瞓: "睡",
};

/** The dialect fold alone, same length as the input, for the pattern readers of danger.ts. */
const DIALECT_CHARS = new RegExp(`[${Object.keys(DIALECT).join("")}]`, "g");
export function foldDialect(text: string): string {
  return text.replace(DIALECT_CHARS, (ch) => DIALECT[ch]);
}

export interface NormalizedText {
  /** The folded text the automaton runs over. */
  text: string;
  /**
   * For each folded position, the original [start, end) it stands for. These are shared scratch
   * buffers (allocating typed arrays per call costs more than the whole scan): read them before the
   * next call to normalize; they may be longer than text.
   */
  from: Int32Array;
  to: Int32Array;
}

const SEPARATOR = "\u0001";
const SPACE = 32;

/** Folded code per UTF-16 code: full-width ASCII to half-width, lower case, confusables; built once. */
const FOLD = new Uint16Array(0x10000);
for (let code = 0; code < 0x10000; code++) FOLD[code] = code;
for (let code = 0xff01; code <= 0xff5e; code++) FOLD[code] = code - 0xfee0;
FOLD[0x3000] = SPACE;
for (let code = 65; code <= 90; code++) FOLD[code] = code + 32;
for (let code = 0xff21; code <= 0xff3a; code++) FOLD[code] = code - 0xfee0 + 32;
for (const [from, to] of Object.entries({ ...CONFUSABLES, ...DIALECT })) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);

const isLatinOrDigit = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
const isCjk = (code: number) => code >= 0x3400 && code <= 0x9fff;
const isSpace = (code: number) => code === SPACE || code === 9 || code === 0x3000;
/** Joiners inside an English run: whitespace, hyphen, apostrophes ("fire-exit", "don't"). */
const isEnglishJoiner = (code: number) => code === SPACE || code === 9 || code === 10 || code === 13 || code === 45 || code === 39 || code === 0x2019;

/**
 * A light stemmer: plural, -ing, -ed and final -e go, so "scaffolding", "scaffolds" and "scaffold"
 * meet, as do "charging"/"charge". It need not produce words, only agree with itself.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = w.slice(0, -3) + "y";
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|ff)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/**
 * The stemmer can mangle a misspelt word beyond repair ("harnes" → "harn"), so when the stem is not
 * mended, the word as typed is tried too and the repair is stemmed.
 */
function repairWord(word: string, fixWord: Speller): string {
  const stemmed = stem(word);
  // A stem the vocabulary knows is a word, not a slip: "staircase" must not become "staircas" → "stairca".
  if (fixWord.knows(stemmed)) return stemmed;
  const fixed = fixWord(stemmed);
  if (fixed !== stemmed || stemmed === word) return fixed;
  const whole = fixWord(word);
  return whole === word ? stemmed : stem(whole);
}

const createScratch = (size: number) => ({
  codes: new Uint16Array(size),
  from: new Int32Array(size),
  to: new Int32Array(size),
});
let scratch = createScratch(1024);
const utf16 = new TextDecoder("utf-16le");

/**
 * The router normalises one text for several vocabularies (the danger cues' two scans of the tip text; the sector
 * scan, then the featuriser, of the masked text). A text without a Latin letter or digit normalises the same
 * whatever the speller (only English words are spelt), so such a result is handed out again: the latest call's
 * whole (its scratch buffers are untouched until the next computing call), the one before's text only.
 */
let latest: { input: string; result: NormalizedText; plain: boolean } | undefined;
let previousPlain: { input: string; text: string } | undefined;

export function normalize(input: string, fixWord?: Speller): NormalizedText {
  if (latest?.plain && latest.input === input) return latest.result;
  const result = computeNormal(input, fixWord);
  if (latest?.plain) previousPlain = { input: latest.input, text: latest.result.text };
  latest = { input, result, plain: !sawWord };
  return result;
}

/** normalize(input).text, from the last two plain results when the input is one of them. */
export function normalizedText(input: string): string {
  if (latest?.plain && latest.input === input) return latest.result.text;
  if (previousPlain !== undefined && previousPlain.input === input) return previousPlain.text;
  return normalize(input).text;
}

/** Whether the last computeNormal met a Latin letter or a digit (and so consulted the speller or the stemmer). */
let sawWord = false;

function computeNormal(input: string, fixWord?: Speller): NormalizedText {
  sawWord = false;
  // An English word becomes " stem" (never longer than the word plus one) and each run gains one
  // closing space, so twice the input length always suffices.
  const capacity = input.length * 2 + 2;
  if (scratch.codes.length < capacity) scratch = createScratch(capacity * 2);
  const { codes, from, to } = scratch;
  let n = 0;
  let inEnglish = false;
  let i = 0;
  while (i < input.length) {
    const code = FOLD[input.charCodeAt(i)];
    if (isLatinOrDigit(code)) {
      sawWord = true;
      let j = i;
      let word = "";
      while (j < input.length && isLatinOrDigit(FOLD[input.charCodeAt(j)])) word += String.fromCharCode(FOLD[input.charCodeAt(j++)]);
      const stemmed = fixWord ? repairWord(word, fixWord) : stem(word);
      codes[n] = SPACE;
      from[n] = i;
      to[n++] = j;
      for (let k = 0; k < stemmed.length; k++) {
        codes[n] = stemmed.charCodeAt(k);
        from[n] = i;
        to[n++] = j;
      }
      inEnglish = true;
      i = j;
      continue;
    }
    if (inEnglish && isEnglishJoiner(code)) {
      i++;
      continue;
    }
    if (inEnglish) {
      codes[n] = SPACE;
      from[n] = to[n] = i;
      n++;
      inEnglish = false;
    }
    // SMS spacing between Chinese words ("有 人 晕倒") is not a word break: the characters join, so a
    // term matches across it exactly as if the reporter had typed no space.
    if (isSpace(code) && n > 0 && isCjk(codes[n - 1])) {
      let j = i;
      while (j < input.length && isSpace(FOLD[input.charCodeAt(j)])) j++;
      if (j < input.length && isCjk(FOLD[input.charCodeAt(j)])) {
        i = j;
        continue;
      }
    }
    codes[n] = isCjk(code) ? code : 1;
    from[n] = i;
    to[n++] = i + 1;
    i++;
  }
  if (inEnglish) {
    codes[n] = SPACE;
    from[n] = to[n] = input.length;
    n++;
  }
  return { text: utf16.decode(codes.subarray(0, n)), from, to };
}

/** Vocabulary terms go through the same folding; an English term becomes " stem stem ". */
export function normalizeTerm(term: string): string {
  const n = normalize(term).text;
  return n.split(SEPARATOR).join("");
}
