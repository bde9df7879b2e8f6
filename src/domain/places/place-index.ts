import { LANDMARKS } from "./landmarks.js";
import { addLatinNames, latinKey, type LatinNames } from "./latin.js";
import { genericShortName, hasAdministrativeSuffix, isSafeShortName, shortName } from "./short-name.js";
import type { NameVariant, PlaceEntry, PlaceInput, Trust } from "./types.js";
export type { NameVariant, PlaceEntry, Trust } from "./types.js";
import { createWordBoundaries, type WordBoundaries } from "./word-boundary.js";

export interface TrieNode {
  /** By UTF-16 code: the scan reads codes, so no one-character string is made per position. */
  next: Map<number, TrieNode>;
  variants?: NameVariant[];
}

export interface PlaceIndex {
  byCode: Map<string, PlaceEntry>;
  /** Character trie over every name variant: a text is scanned once, never regex-matched per entry. */
  root: TrieNode;
  /** Pinyin and English names, by their words (see latin.ts). */
  latin: LatinNames;
  words: WordBoundaries;
  /** Entries with centroid coordinates, for nearest-centroid resolution of a shared location. */
  located: PlaceEntry[];
  /** Village and community names (鸡笼村, 新城社区) → the township they name; looked up at each 村/社区 of a text. */
  villages: Map<string, NameVariant[]>;
  /** A prefecture city's seat district (see seatDistricts). */
  seats: Map<PlaceEntry, PlaceEntry>;
}

export function createPlaceIndex(jurisdictions: readonly PlaceInput[]): PlaceIndex {
  const words = createWordBoundaries();
  const byCode = linkEntries(jurisdictions);
  const root: TrieNode = { next: new Map() };
  const latin: LatinNames = new Map();
  const named = new Map<string, number>();
  const all = [...byCode.values()].map((entry) => variantsOf(entry, words, named));
  for (const variants of all) for (const [name] of variants) named.set(name, (named.get(name) ?? 0) + 1);
  // A township's 简称 that names nothing else in the seeded divisions (拉堡, 车江, 廖田) stands alone:
  // generated from the data, so a 简称 shared by two townships (白沙) still needs its county.
  const aloneInChinese = new Set<PlaceEntry>();
  for (const entry of byCode.values()) {
    for (const [name, variant] of variantsOf(entry, words, named)) {
      addName(root, name, variant);
      if (variant.trust === "unique") aloneInChinese.add(entry);
    }
  }
  for (const row of jurisdictions) if (row.latin) addLatinNames(latin, byCode.get(row.code)!, row.latin);
  // The same for a township's pinyin (Xingping, Yunji): alone when no other entry is spelled so and it is
  // long enough not to be an English word. A short one (five or six letters) also needs its Chinese 简称
  // to stand alone: 白云, 天河, 宝安, 大同 are famous places elsewhere (ICU knows them), and "Baiyun",
  // "Tianhe" mean those as often.
  for (const [key, list] of latin) {
    const only = list.length === 1 ? list[0]! : undefined;
    if (only?.trust !== "ancestor" || only.entry.level !== "township" || key.length < MIN_LATIN_SHORT) continue;
    if (key.length >= MIN_LATIN_ALONE || aloneInChinese.has(only.entry)) list[0] = { ...only, trust: "unique" };
  }
  const villages = addVillages(jurisdictions, byCode, latin, named);
  addFormerTowns(jurisdictions, byCode, root, villages, words, named);
  const byFullName = new Map([...byCode.values()].map((e) => [e.fullName, e]));
  for (const landmark of LANDMARKS) {
    const entry = byFullName.get(landmark.place);
    if (!entry) continue;
    for (const name of landmark.names) {
      const variant: NameVariant = { entry, trust: landmark.withCity ? "ancestor" : "strong", isShort: false };
      if (/[A-Za-z]/.test(name)) latin.set(latinKey(name), [...(latin.get(latinKey(name)) ?? []), variant]);
      else addName(root, name, variant);
    }
  }
  const located = [...byCode.values()].filter((e) => e.lat !== undefined && e.lon !== undefined);
  return { byCode, root, latin, words, located, villages, seats: seatDistricts(byCode) };
}

/**
 * The district that seats each prefecture city's government: GB/T 2260 numbers a city's 市辖区 from its
 * seat (兴宁 450102, 城中 450202, 秀峰 450302, 万秀 450403 after the merged 450402 …), so it is the district
 * with the lowest code, generated from the data rather than listed by hand.
 */
function seatDistricts(byCode: Map<string, PlaceEntry>): Map<PlaceEntry, PlaceEntry> {
  const seats = new Map<PlaceEntry, PlaceEntry>();
  for (const e of [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    if (e.level === "county" && e.parent?.level === "city" && e.name.endsWith("区") && !seats.has(e.parent)) seats.set(e.parent, e);
  }
  return seats;
}

/**
 * Township 简称 that ICU splits but that are everyday phrases of the tips' own subject matter: 开山 (blast
 * a hillside open), 一个月里, 旧城改造, 掉到河里, 大年三十, 石桥 (a stone bridge), 新华 (书店, 社), 中和
 * (neutralise), 高德 (the map app), 天生桥 (the dam). Found by reading the generated list of township 简称
 * that stand alone; like a dictionary word, they count once their county is named. (大厂, the tin-mining
 * town of 南丹, and 岭南, 合山's coal town, are what miners call them: they stay.)
 */
const EVERYDAY_PHRASES = new Set(["开山", "月里", "旧城", "河里", "大年", "石桥", "新华", "中和", "高德", "天生桥"]);

/**
 * Village names that are also the words of rural policy and tourism (新农村建设, 文化村, 度假村): found by
 * listing the generated village names that are such words; they never name a village on their own.
 */
const ORDINARY_VILLAGE_WORDS = new Set([
  "新农村",
  "城中村",
  "城郊村",
  "美丽村",
  "文化村",
  "中心村",
  "示范村",
  "度假村",
  "民俗村",
  "移民村",
  "专业村",
  "生态村",
]);

/**
 * A village or community names its township (and so its county): 鸡笼村, "Jiuxian village", "Jiulong cun".
 * Only with its 村/社区 word, never the bare stem (新城, 黄金 are words), and not when the whole name is an
 * ordinary word (城中村, 新村) or made of generic characters. A name no other village or place shares
 * stands alone; a shared one (旧县村 is in four counties) needs its county or city named.
 */
function addVillages(
  rows: readonly PlaceInput[],
  byCode: Map<string, PlaceEntry>,
  latin: LatinNames,
  named: ReadonlyMap<string, number>,
): Map<string, NameVariant[]> {
  const zh = new Map<string, PlaceEntry[]>();
  const en = new Map<string, PlaceEntry[]>();
  const push = (m: Map<string, PlaceEntry[]>, key: string, e: PlaceEntry) => {
    const list = m.get(key) ?? [];
    if (!list.includes(e)) list.push(e);
    m.set(key, list);
  };
  for (const row of rows) {
    if (!row.villages) continue;
    const entry = byCode.get(row.code)!;
    for (const v of row.villages) {
      const base = v.name.replace(/(?:村|社区)$/, "");
      if (!isSafeShortName(base) || named.has(v.name) || ORDINARY_VILLAGE_WORDS.has(v.name)) continue;
      push(zh, v.name, entry);
      const joined = v.stem.replaceAll(" ", "");
      if (joined.length < 4) continue;
      const suffixes = v.name.endsWith("村") ? ["village", "cun"] : ["community"];
      for (const s of suffixes) push(en, `${joined} ${s}`, entry);
      if (v.name.endsWith("村")) push(en, `${joined}cun`, entry);
    }
  }
  const trust = (entries: PlaceEntry[]): Trust => (entries.length === 1 ? "unique" : "ancestor");
  for (const [key, entries] of en) {
    if (!latin.has(key))
      latin.set(
        key,
        entries.map((entry) => ({ entry, trust: trust(entries), isShort: false })),
      );
  }
  // Not in the trie: 17,000 names would double its nodes (and its build time); a text is searched at its
  // few 村 and 社区 instead (see find-mentions).
  return new Map([...zh].map(([name, entries]) => [name, entries.map((entry) => ({ entry, trust: trust(entries), isShort: true }))]));
}

/**
 * Towns merged away (衡南's 鸡笼镇 and 廖田镇 are now parts of 岐山镇 and 向阳桥街道) are still written
 * with their old suffix. A former town's seat lives on as a village or community of that name (鸡笼村,
 * 廖田墟社区), so "X镇" / "X乡" names the township that holds the one village or community whose stem is X,
 * when no other village shares that stem and no current place is called so. Looked up like the villages,
 * at each 镇 and 乡 of a text. A market-town community (廖田墟社区: 墟 and 圩 are the market) keeps its
 * bare name too (廖田), with a township 简称's trust.
 */
function addFormerTowns(
  rows: readonly PlaceInput[],
  byCode: Map<string, PlaceEntry>,
  root: TrieNode,
  villages: Map<string, NameVariant[]>,
  words: WordBoundaries,
  named: ReadonlyMap<string, number>,
): void {
  const byStem = new Map<string, { entry: PlaceEntry; market: boolean }[]>();
  for (const row of rows) {
    for (const v of row.villages ?? []) {
      const market = /[墟圩]社区$/.test(v.name);
      const stem = v.name.replace(/[墟圩]?(?:村|社区)$/, "");
      const list = byStem.get(stem) ?? [];
      list.push({ entry: byCode.get(row.code)!, market });
      byStem.set(stem, list);
    }
  }
  for (const [stem, list] of byStem) {
    if (list.length !== 1 || !isSafeShortName(stem) || named.has(stem) || stem.length > 4) continue;
    const { entry, market } = list[0]!;
    const names = [`${stem}镇`, `${stem}乡`];
    if (names.some((n) => named.has(n) || villages.has(n))) continue;
    // 小城镇 and 老家乡 are words, not a 小城村's or 老家村's old town.
    for (const name of names) if (!words.isDictionaryWord(name)) villages.set(name, [{ entry, trust: "unique", isShort: true }]);
    if (market) {
      addName(root, stem, { entry, trust: words.isDictionaryWord(stem) ? "parent" : "unique", isShort: true });
      for (const m of ["墟", "圩"]) addName(root, `${stem}${m}`, { entry, trust: "unique", isShort: true });
    }
  }
}

function linkEntries(rows: readonly PlaceInput[]): Map<string, PlaceEntry> {
  const inputs = new Map(rows.map((r) => [r.code, r]));
  const byCode = new Map<string, PlaceEntry>();
  const build = (row: PlaceInput, seen: Set<string>): PlaceEntry => {
    const done = byCode.get(row.code);
    if (done) return done;
    if (seen.has(row.code)) throw new Error(`jurisdiction cycle at ${row.code}`);
    seen.add(row.code);
    const parentRow = row.parentCode === null ? undefined : inputs.get(row.parentCode);
    const parent = parentRow ? build(parentRow, seen) : null;
    const entry: PlaceEntry = {
      code: row.code,
      name: row.name,
      level: row.level,
      parent,
      depth: parent ? parent.depth + 1 : 0,
      fullName: (parent?.fullName ?? "") + row.name,
      lat: row.lat,
      lon: row.lon,
    };
    byCode.set(row.code, entry);
    return entry;
  };
  for (const row of rows) build(row, new Set());
  return byCode;
}

/** Every string that names the entry: 全称, 简称, and the generated forms people write. */
/** Letters a township's pinyin needs before it may stand alone (lipu, dali are words or too common). */
const MIN_LATIN_ALONE = 7;
/** Letters a township's pinyin needs to stand alone when its Chinese 简称 does (yunji, chashi, qisha). */
const MIN_LATIN_SHORT = 5;

function variantsOf(entry: PlaceEntry, words: WordBoundaries, named: ReadonlyMap<string, number>): [string, NameVariant][] {
  const { name, level } = entry;
  const isTownship = level === "township";
  const special = isTownship && !hasAdministrativeSuffix(name, level);
  const full: NameVariant = { entry, trust: special ? specialTrust(entry) : "strong", isShort: false };
  const out: [string, NameVariant][] = [[name, full]];
  const short = shortName(name, level);
  // 港北, 城中 after their city (贵港港北); a township's 城东, 城西 after its county or city (来宾城东).
  const generic = level === "county" || isTownship ? genericShortName(name, level) : null;
  if (generic !== null) out.push([generic, { entry, trust: isTownship ? "ancestor" : "parent", isShort: true }]);
  if (short === name) return out;
  const unique = named.get(short) === 1 && short.length >= 2;
  const trust: Trust = !isTownship ? "strong" : words.isDictionaryWord(short) || EVERYDAY_PHRASES.has(short) ? "parent" : unique ? "unique" : "ancestor";
  out.push([short, { entry, trust, isShort: true }]);
  const alias = (s: string) => out.push([s, { entry, trust: "strong", isShort: false }]);
  // 三江侗族自治县 is written 三江县, 古寨瑶族乡 古寨乡.
  if (level === "county" && name.endsWith("自治县")) alias(`${short}县`);
  if (isTownship && /族乡$/.test(name)) alias(`${short}乡`);
  // Township governments are called 办事处 (岐山办事处 in Hengnan's plan); 黄姚古镇 is 黄姚镇.
  if (isTownship) alias(`${short}办事处`);
  if (isTownship && name.endsWith("镇")) alias(`${short}古镇`);
  // A 街道 that was a 镇 is still called one (车江镇 for 车江街道), and 乡 and 镇 are mixed up too.
  if (isTownship && /(?:街道|镇|乡)$/.test(name)) for (const suffix of ["镇", "乡", "街道"]) if (`${short}${suffix}` !== name) alias(`${short}${suffix}`);
  return out;
}

/**
 * Township-level units without a suffix (开发区, 农场, 青秀山) stand alone only when the name carries an
 * ancestor's name (南宁华侨投资区, 青秀山): 经济技术开发区 or 高新技术开发区 could be in any city.
 */
function specialTrust(entry: PlaceEntry): Trust {
  for (let a = entry.parent; a !== null; a = a.parent) {
    if (entry.name.includes(shortName(a.name, a.level))) return "strong";
  }
  return "parent";
}

function addName(root: TrieNode, name: string, variant: NameVariant): void {
  let node = root;
  // UTF-16 units, as the scan reads them: a name with a character outside the BMP still matches.
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    let next = node.next.get(ch);
    if (!next) node.next.set(ch, (next = { next: new Map() }));
    node = next;
  }
  (node.variants ??= []).push(variant);
}
