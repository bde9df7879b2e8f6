import type { LatinName } from "./latin.js";

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

export interface TextSpan { start: number; end: number }
