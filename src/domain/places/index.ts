export { shortName, isSafeShortName } from "./short-name.js";
export { createPlaceIndex, type PlaceIndex, type PlaceEntry } from "./place-index.js";
export { resolvePlace, normalizeCode, maskPlaceNames, placeNameSpans } from "./resolve-place.js";
export type { LatinKind, LatinName } from "./latin.js";
export type {
  PlaceInput, PlaceLevel, ResolvedJurisdiction, ResolvePlaceInput, ResolvePlaceResult, ResolveSource, TextSpan,
} from "./types.js";
