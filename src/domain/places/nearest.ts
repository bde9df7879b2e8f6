import type { PlaceEntry } from "./place-index.js";

const EARTH_RADIUS_KM = 6371;

/**
 * The seeded jurisdiction whose centroid is closest, at the deepest level that has coordinates.
 * A centroid is not a boundary: near a border this can name the neighbour, which callers must say.
 */
export function nearestCentroid(located: PlaceEntry[], at: { lat: number; lon: number }): { entry: PlaceEntry; km: number } | null {
  const depth = Math.max(...located.map((e) => e.depth));
  let best: { entry: PlaceEntry; km: number } | null = null;
  for (const entry of located) {
    if (entry.depth !== depth) continue;
    const km = haversineKm(at, { lat: entry.lat!, lon: entry.lon! });
    if (!best || km < best.km) best = { entry, km };
  }
  return best;
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
