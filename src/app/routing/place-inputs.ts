import centroids from "../../db/seed/centroids.json";
import divisions from "../../db/seed/divisions.json" with { type: "json" };
import type { PlaceInput } from "../../domain/places/index.js";

interface JurisdictionRow { code: string; name: string; parentCode: string | null; level: PlaceInput["level"] }

/** Index input for the seeded jurisdictions (or the rows read from the database): names plus centroids. */
export function placeInputs(rows: readonly JurisdictionRow[] = divisions as JurisdictionRow[]): PlaceInput[] {
  return rows.map((j) => {
    // County centre points (scripts/gen-centroids.ts): a shared location resolves to the nearest one.
    const cp = (centroids as Record<string, number[]>)[j.code];
    return { code: j.code, name: j.name, parentCode: j.parentCode, level: j.level, ...(cp ? { lon: cp[0], lat: cp[1] } : {}) };
  });
}
