/**
 * Dev-set place resolution: resolves each tip's `place` field and, separately, its `text`, and prints
 * how many got a jurisdiction, whether the text agrees with the place field, and which did not.
 * Run: npx tsx bench/eval-places.ts [path/to/tips.jsonl]
 */
import { readFileSync } from "node:fs";
import divisions from "../src/db/seed/divisions.json" with { type: "json" };
import { createPlaceIndex, resolvePlace, type PlaceInput, type ResolvePlaceResult } from "../src/domain/places/index.js";

interface Tip { id: string; text: string; place?: string }

const file = process.argv[2] ?? new URL("../../shared/data/tips-dev.jsonl", import.meta.url).pathname;
const tips: Tip[] = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

let t = performance.now();
const index = createPlaceIndex(divisions as PlaceInput[]);
const buildMs = performance.now() - t;

const label = (r: ResolvePlaceResult) => (r.jurisdiction ? `${r.jurisdiction.fullName} [${r.matched.join("+")}]` : "—");
/** Text agrees when it names the place field's jurisdiction, one above it, or one below it. */
function agreement(place: ResolvePlaceResult, text: ResolvePlaceResult): "same" | "ancestor" | "descendant" | "other" {
  const p = place.jurisdiction?.fullName ?? "";
  const x = text.jurisdiction?.fullName ?? "";
  if (p === x) return "same";
  return p.startsWith(x) ? "ancestor" : x.startsWith(p) ? "descendant" : "other";
}

const counts = { place: 0, text: 0, same: 0, ancestor: 0, descendant: 0, other: 0 };
const misses: string[] = [];
t = performance.now();
for (const tip of tips) {
  const place = resolvePlace(index, { place: tip.place });
  const text = resolvePlace(index, { text: tip.text });
  if (place.jurisdiction) counts.place++;
  else misses.push(`${tip.id} place ${JSON.stringify(tip.place)} → ${place.note ?? "—"}`);
  if (!text.jurisdiction) {
    misses.push(`${tip.id} text  (place ${tip.place}) ${tip.text.slice(0, 40)}… → ${text.note ?? "—"}`);
    continue;
  }
  counts.text++;
  const a = place.jurisdiction ? agreement(place, text) : "other";
  counts[a]++;
  if (a === "other") misses.push(`${tip.id} text  disagrees: place ${label(place)} vs text ${label(text)}${text.note ? ` (${text.note})` : ""}`);
}
const coldMs = performance.now() - t;
// Later passes, once the JIT has warmed up, are what a long-running server sees; the best of five
// keeps other processes on the machine out of the figure.
const bestOf = (f: () => void) => Math.min(...Array.from({ length: 5 }, () => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}));
const placeWarmMs = bestOf(() => tips.forEach((tip) => resolvePlace(index, { place: tip.place, text: tip.text })));
const textWarmMs = bestOf(() => tips.forEach((tip) => resolvePlace(index, { text: tip.text })));

const pct = (n: number) => `${n}/${tips.length} (${((100 * n) / tips.length).toFixed(1)}%)`;
console.log(`index: ${divisions.length} jurisdictions built in ${buildMs.toFixed(1)} ms`);
console.log(`place field resolved: ${pct(counts.place)}`);
console.log(`text resolved:        ${pct(counts.text)} — same as place ${counts.same}, ` +
  `an ancestor of it ${counts.ancestor}, below it ${counts.descendant}, elsewhere ${counts.other}`);
const us = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(1)} µs`;
console.log(`per call: ${us(coldMs, tips.length * 2)} cold; warm ${us(placeWarmMs, tips.length)} with a place field, ` +
  `${us(textWarmMs, tips.length)} from text alone (${Math.round(tips.reduce((n, t) => n + t.text.length, 0) / tips.length)} characters on average)`);
console.log(misses.length ? `\nnot resolved or disagreeing:\n${misses.join("\n")}` : "\nall resolved");
