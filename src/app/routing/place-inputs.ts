import centroids from "../../db/seed/centroids.json";
import latinNames from "../../db/seed/place-names-latin.json";
import villages from "../../db/seed/villages.json";
import type { LatinName, PlaceInput } from "../../domain/places/index.js";

interface JurisdictionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: PlaceInput["level"];
}

const latinByCode = new Map(
  (latinNames as (LatinName & { code: string })[]).map(({ code, stem, kind, alone }) => [
    code,
    { stem, kind, ...(alone === false ? { alone } : {}) } satisfies LatinName,
  ]),
);

/**
 * Index input for the jurisdictions read from the database (or the seed file): names, plus
 * the generated pinyin names and a township's villages (scripts/gen-divisions.ts) and county centroids
 * (scripts/gen-centroids.ts).
 * A jurisdiction added by staff has neither until the generators are run again: it is still found by name.
 */
export function placeInputs(rows: readonly JurisdictionRow[]): PlaceInput[] {
  return rows.map((j) => {
    // A shared location resolves to the nearest centre point.
    const cp = (centroids as Record<string, number[]>)[j.code];
    const latin = latinByCode.get(j.code);
    return {
      code: j.code,
      name: j.name,
      parentCode: j.parentCode,
      level: j.level,
      ...(cp ? { lon: cp[0], lat: cp[1] } : {}),
      ...(latin ? { latin } : {}),
      ...(j.level === "township" && (villages as Record<string, string>)[j.code] ? { villages: villagesOf(j.code) } : {}),
    };
  });
}

/** "鸡笼村 ji long,…" (scripts/gen-divisions.ts) → [{ name: "鸡笼村", stem: "ji long" }, …]. */
function villagesOf(code: string): { name: string; stem: string }[] {
  return (villages as Record<string, string>)[code]!.split(",").map((v) => {
    const space = v.indexOf(" ");
    return { name: v.slice(0, space), stem: v.slice(space + 1) };
  });
}
