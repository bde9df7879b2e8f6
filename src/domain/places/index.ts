export { shortName, isSafeShortName } from "./short-name.js";
export { createPlaceIndex, type PlaceIndex } from "./place-index.js";
export { resolvePlace, normalizeCode, maskPlaceNames, placeNameSpans } from "./resolve-place.js";
export type {
  LatinKind,
  LatinName,
  PlaceEntry,
  PlaceInput,
  PlaceLevel,
  ResolvedJurisdiction,
  ResolvePlaceInput,
  ResolvePlaceResult,
  ResolveSource,
  TextSpan,
} from "./types.js";
