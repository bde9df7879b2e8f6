import { genericShortName } from "./short-name.js";
import type { LatinKind, LatinName, NameVariant, PlaceEntry, Trust } from "./types.js";

/**
 * Place names in Latin script: pinyin with or without tones, run together or hyphenated ("Yangshuo",
 * "Yang-shuo", "Yángshuò"), with an English or pinyin suffix word ("Hengnan county", "Lingchuan
 * District", "Hengnanxian"), possessive ("Guilin's"). Text is read as words, so a name never matches
 * inside a longer word, and case does not matter.
 *
 * The stems come generated from the division data (scripts/gen-divisions.ts → place-names-latin.json);
 * this module only turns each stem into the token sequences people write.
 */
/** English and pinyin words for each suffix; people mix up town and township, and call a 街道 a town. */
const SUFFIX_WORDS: Record<LatinKind, string[]> = {
  province: ["province", "sheng"],
  "autonomous region": ["autonomous region", "zhuang autonomous region", "region", "province", "zizhiqu"],
  city: ["city", "shi"],
  district: ["district", "dist", "qu"],
  // "Lingshan county town", "Long'an town": the county seat, written as a town.
  county: ["county", "xian", "county town", "town"],
  "autonomous county": [
    "autonomous county",
    "county",
    "xian",
    "county town",
    "town",
    ...["yao", "miao", "dong", "mulao", "mulam", "maonan", "zhuang"].map((n) => `${n} autonomous county`),
  ],
  town: ["town", "township", "zhen", "ancient town"],
  township: ["township", "town", "xiang"],
  subdistrict: ["subdistrict", "sub district", "street", "jiedao", "town"],
};
/**
 * People mix up the county-level kinds ("Lingchuan district" for 灵川县, "Yangshuo city") and the
 * township-level ones, so within a level every suffix word is accepted; the stem decides the place.
 */
const SAME_LEVEL: LatinKind[][] = [
  ["city", "district", "county", "autonomous county"],
  ["town", "township", "subdistrict"],
];
function suffixWords(kind: LatinKind): string[] {
  const level = SAME_LEVEL.find((kinds) => kinds.includes(kind)) ?? [kind];
  return [...new Set([...SUFFIX_WORDS[kind], ...level.flatMap((k) => SUFFIX_WORDS[k])])];
}

/** Pinyin syllables that are also everyday English words. */
const ENGLISH_SYLLABLES = new Set([
  "a",
  "an",
  "ban",
  "bang",
  "bin",
  "die",
  "ding",
  "dong",
  "fan",
  "gang",
  "gong",
  "hang",
  "he",
  "lie",
  "long",
  "ma",
  "man",
  "me",
  "men",
  "pa",
  "pan",
  "ping",
  "sang",
  "tan",
  "tie",
  "wan",
]);

/** Pinyin suffixes are also written run together with the stem: Hengnanxian, Yangshuozhen. */
const PINYIN_SUFFIX: Partial<Record<LatinKind, string>> = {
  county: "xian",
  "autonomous county": "xian",
  district: "qu",
  city: "shi",
  town: "zhen",
  township: "xiang",
};
/** What may follow a port's name and still be its name ("Qinzhou port industrial zone"). */
const PORT_TAILS = ["port", "port area", "port zone", "port industrial zone", "port industrial park", "port economic zone"];

/** Key → the variants it names; a key is a name's words, lowercased, joined by single spaces. */
export type LatinNames = Map<string, NameVariant[]>;
/** The longest name in words ("zhuang autonomous region" after a two-syllable stem). */
export const MAX_WORDS = 8;

export function addLatinNames(names: LatinNames, entry: PlaceEntry, latin: LatinName): void {
  const add = (key: string, trust: Trust, lowerCaseOnly = false) => {
    const list = names.get(key) ?? [];
    if (!list.some((v) => v.entry === entry)) list.push({ entry, trust, isShort: false, ...(lowerCaseOnly ? { lowerCaseOnly: true as const } : {}) });
    names.set(key, list);
  };
  // 港北, 城中, 港口: a phrase as a 简称, a name only right after its city ("Guigang Gangbei", "liuzhou
  // chengzhong"), as in Chinese (贵港港北).
  const generic = latin.alone === false && entry.level === "county" && genericShortName(entry.name, entry.level) !== null;
  for (const stem of latin.stem) {
    const syllables = stem.split(" ");
    const joined = syllables.join("");
    // A township's bare name needs its county or city named, as its 简称 does in Chinese.
    if (latin.alone !== false) add(joined, entry.level === "township" ? "ancestor" : "strong");
    else if (generic) add(joined, "parent");
    // "Xi Xiang Tang": three syllables or more written apart are still the name; two ("Ping An", "Long An")
    // would be English words side by side, so those need a suffix.
    // Any split of its syllables: "Xixiang Tang", "Xi Xiangtang".
    if (latin.alone !== false && syllables.length > 2) for (const split of splits(syllables)) add(split, entry.level === "township" ? "ancestor" : "strong");
    // A county or city of two syllables written apart in lower case ("heng nan", "du an", "fu mian"), as
    // people type in a hurry; capitalised ("He Shan") it is a person's name, and never when both are
    // English words ("long an").
    if (latin.alone !== false && syllables.length === 2 && entry.level !== "township" && !syllables.every((y) => ENGLISH_SYLLABLES.has(y)))
      add(stem, "strong", true);
    for (const suffix of suffixWords(latin.kind)) {
      add(`${joined} ${suffix}`, "strong");
      if (syllables.length > 1) add(`${stem} ${suffix}`, "strong");
    }
    // Southern speakers merge -ng into -n (Hengnan people write 三塘 "Santan"): a township so spelled
    // counts once its own county is named, where it outweighs a true "Santan" elsewhere.
    if (entry.level === "township") {
      const loose = syllables.map((y) => y.replace(/ng$/, "n")).join("");
      if (loose !== joined) {
        add(loose, "parent");
        for (const suffix of suffixWords(latin.kind)) add(`${loose} ${suffix}`, "parent");
      }
    }
    // 江 is jiang and also "river" in English: 金城江区 "Jincheng River District", with its suffix word.
    if (syllables.length > 2 && syllables.at(-1) === "jiang" && latin.kind !== "town" && latin.kind !== "township") {
      const river = `${syllables.slice(0, -1).join("")} river`;
      for (const suffix of suffixWords(latin.kind)) add(`${river} ${suffix}`, "strong");
    }
    const pinyinSuffix = PINYIN_SUFFIX[latin.kind];
    if (pinyinSuffix) add(`${joined}${pinyinSuffix}`, "strong");
    // 港 is gang in pinyin and port in English: 防城港 Fangchenggang, "Fangcheng port", "Tieshan Port".
    if (syllables.length > 2 && syllables.at(-1) === "gang") {
      for (const tail of PORT_TAILS) {
        add(`${joined} ${tail}`, "strong");
        add(`${syllables.slice(0, -1).join("")} ${tail}`, "strong");
      }
    }
  }
}

/** The syllables written with at least one space somewhere between them: ["xi xiang tang", "xixiang tang", "xi xiangtang"]. */
function splits(syllables: string[]): string[] {
  let out = [syllables[0]!];
  for (const y of syllables.slice(1)) out = out.flatMap((s) => [`${s} ${y}`, `${s}${y}`]);
  return out.filter((s) => s.includes(" "));
}

/** A landmark's Latin name: every word, as written ("Elephant Trunk Hill"). */
export function latinKey(name: string): string {
  return words(fold(name))
    .map((w) => w.text)
    .join(" ");
}

export interface LatinHit {
  start: number;
  end: number;
  candidates: NameVariant[];
  /** Where the place name itself ends when a real port follows it ("Tieshangang| port"): that stays visible. */
  nameEnd?: number;
}

/** "port" or "port area" after a port's name is the port itself, evidence the classifier may use. */
const PORT_ITSELF = / port(?: area)?$/;

/** Every Latin name in `text` (already NFKC-normalised), by word n-grams. */
export function latinHits(names: LatinNames, text: string): LatinHit[] {
  if (!/[A-Za-zÀ-ɏ]/.test(text)) return [];
  const ws = words(fold(text));
  const hits: LatinHit[] = [];
  const starts = firstWordsOf(names);
  for (let i = 0; i < ws.length; i++) {
    // A name that starts here either is this word, or this word then a space and more: no such name begins
    // with an ordinary English word, which is then passed over without building its eight longer keys.
    // A word glued to the next (Xing'an) may still begin a name spelt joined ("xingan county").
    if (!starts.has(ws[i]!.text) && !ws[i + 1]?.glued) continue;
    let key = "";
    for (let j = i; j < ws.length && j < i + MAX_WORDS; j++) {
      // A word glued by a hyphen or apostrophe continues the previous one: Yang-shuo, Xing'an.
      key = j === i ? ws[j]!.text : `${key}${ws[j]!.glued ? "" : " "}${ws[j]!.text}`;
      let found = names.get(key);
      if (!found) continue;
      if (found.some((v) => v.lowerCaseOnly) && /[A-Z]/.test(text.slice(ws[i]!.start, ws[j]!.end))) {
        found = found.filter((v) => !v.lowerCaseOnly);
        if (found.length === 0) continue;
      }
      const tail = PORT_ITSELF.exec(key);
      const nameEnd = tail ? ws[j - tail[0].split(" ").length + 2]!.start - 1 : undefined;
      hits.push({ start: ws[i]!.start, end: ws[j]!.end, candidates: found, ...(nameEnd !== undefined ? { nameEnd } : {}) });
    }
  }
  return hits;
}

/** Per name table, the first word of every name (up to its first space; the whole name when it has none). */
const firstWords = new WeakMap<LatinNames, Set<string>>();
function firstWordsOf(names: LatinNames): Set<string> {
  let set = firstWords.get(names);
  if (!set) {
    set = new Set();
    for (const key of names.keys()) {
      const space = key.indexOf(" ");
      set.add(space < 0 ? key : key.slice(0, space));
    }
    firstWords.set(names, set);
  }
  return set;
}

interface Word {
  start: number;
  end: number;
  text: string;
  glued: boolean;
}

/** Lowercase, tone marks and diacritics off (Yángshuò → yangshuo, ü → u), one unit per unit. */
function fold(text: string): string {
  // Unchanged stretches are copied whole; only capitals and accented letters are rewritten.
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let folded: string;
    if (code >= 65 && code <= 90) folded = String.fromCharCode(code + 32);
    // Latin-1 and Latin Extended (à, ǎ, ü); everything above (CJK, punctuation) cannot be a Latin letter.
    else if (code >= 0xc0 && code < 0x250) {
      const base = text[i]!.normalize("NFD")[0]!;
      if (!/[A-Za-z]/.test(base)) continue;
      folded = base.toLowerCase();
    } else continue;
    out += text.slice(from, i) + folded;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Runs of a–z; one joined to the previous by a hyphen or apostrophe is glued; a possessive 's is dropped. */
function words(folded: string): Word[] {
  const out: Word[] = [];
  const run = /[a-z]+/g;
  for (let m = run.exec(folded); m !== null; m = run.exec(folded)) {
    const start = m.index;
    const prev = out.at(-1);
    const gap = prev ? folded.slice(prev.end, start) : "";
    const glued = prev !== undefined && /^['’\-‐]$/.test(gap);
    if (glued && m[0] === "s" && gap !== "-" && gap !== "‐") continue; // Guilin's
    out.push({ start, end: start + m[0].length, text: m[0], glued });
  }
  return out;
}
