export type PlaceLevel = "province" | "city" | "county" | "township";

/** A jurisdiction as seeded (src/db/seed/divisions.json); coordinates are optional centroids. */
export interface PlaceInput {
  code: string;
  name: string;
  parentCode: string | null;
  level: PlaceLevel;
  lat?: number;
  lon?: number;
  /** Pinyin stem and suffix kind (src/db/seed/place-names-latin.json), for names written in Latin script. */
  latin?: LatinName;
  /** A township's villages and communities (鸡笼村, 新城社区) with their pinyin stems: names of the township. */
  villages?: { name: string; stem: string }[];
}

export interface ResolvedJurisdiction {
  code: string;
  name: string;
  level: PlaceLevel;
  /** The chain from the province down, e.g. 广西壮族自治区南宁市兴宁区. */
  fullName: string;
}

export interface ResolvePlaceInput {
  code?: string;
  place?: string;
  text?: string;
  location?: { lat: number; lon: number };
}

export type ResolveSource = "code" | "place" | "text" | "location" | "none";

export interface ResolvePlaceResult {
  jurisdiction: ResolvedJurisdiction | null;
  source: ResolveSource;
  /** The surface strings (or the code) that decided the result, in order of appearance. */
  matched: string[];
  /** Where the matched names are in the text (UTF-16 offsets into the text as given), source text only. */
  spans?: TextSpan[];
  note?: string;
}

export interface TextSpan {
  start: number;
  end: number;
}

export type LatinKind = "province" | "autonomous region" | "city" | "district" | "county" | "autonomous county" | "town" | "township" | "subdistrict";

export interface LatinName {
  /** Tone-less pinyin syllables of the name without its suffix, space-separated; one per reading. */
  stem: string[];
  kind: LatinKind;
  /** false: the stem alone is not a name (an ordinary phrase such as 江南, or an English word). */
  alone?: false;
}

export interface PlaceEntry {
  code: string;
  name: string;
  level: PlaceLevel;
  parent: PlaceEntry | null;
  depth: number;
  fullName: string;
  lat?: number;
  lon?: number;
}

/**
 * How much context a name needs before free text may count it as a place:
 * - strong: stands alone (全称, or the 简称 of a province, city or county);
 * - unique: the 简称 or pinyin of a township that names nothing else in the seeded divisions (拉堡,
 *   Xingping): stands alone, but yields to a 全称 or a county named in the same text (大化 … 红水河);
 * - ancestor: the 简称 of a township (黎塘, 侨港) counts once its county or city is named too;
 * - parent: a township 简称 that is also an ordinary word or another famous place (保安, 公安, 岐山,
 *   湛江), or a township-level unit without an administrative suffix (经济技术开发区), counts only
 *   once its own county is named.
 */
export type Trust = "strong" | "unique" | "ancestor" | "parent";

export interface NameVariant {
  entry: PlaceEntry;
  trust: Trust;
  /** A 简称 may also be a piece of a longer word, so text matches of it must sit on word boundaries. */
  isShort: boolean;
  /** Counts only as written in lower case: "heng nan", "du an" (a capitalised "He Shan" is a person). */
  lowerCaseOnly?: true;
}
