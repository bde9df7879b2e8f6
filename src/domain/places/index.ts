export { shortName, isSafeShortName } from "./short-name.js";
export { createPlaceIndex, type PlaceIndex, type PlaceEntry } from "./place-index.js";
export { resolvePlace, normalizeCode } from "./resolve-place.js";
export type {
  PlaceInput, PlaceLevel, ResolvedJurisdiction, ResolvePlaceInput, ResolvePlaceResult, ResolveSource,
} from "./types.js";
