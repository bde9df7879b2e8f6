/**
 * The county from the text alone, fast and without a database: the place index built from the seed files,
 * each tip's text resolved with its place field left out (as an SMS has none). Per file and language:
 * right, wrong county (a precision error: a county that is not the labelled one), and no county (the city,
 * the province or nothing), plus the tips labelled with no place that still got a county.
 * A file with no place labels at all (tips-dev, tips-holdout) is scored against its place field instead,
 * where that field alone names a county: a proxy, mostly useful for the wrong counties.
 *   npx tsx bench/eval-place.ts a.jsonl b.jsonl …   [--misses]
 */
import { readFileSync } from "node:fs";
import divisions from "../src/db/seed/divisions.json" with { type: "json" };
import { placeInputs } from "../src/app/routing/place-inputs.js";
import { createPlaceIndex, type PlaceInput, resolvePlace } from "../src/domain/places/index.js";

interface Tip {
  id: string;
  text: string;
  lang?: string;
  place_truth?: string;
  place?: string;
}
const index = createPlaceIndex(placeInputs(divisions as PlaceInput[]));
const showMisses = process.argv.includes("--misses");
const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1)}%`);
type Tally = { n: number; ok: number; wrong: number; none: number; noTruth: number; fp: number };
const blank = (): Tally => ({ n: 0, ok: 0, wrong: 0, none: 0, noTruth: 0, fp: 0 });
const total = new Map<string, Tally>();
const line = (label: string, t: Tally) =>
  `${label.padEnd(28)} ${pct(t.ok, t.n).padStart(6)} (${t.ok}/${t.n})  wrong county ${t.wrong}  no county ${t.none}  | no place labelled ${t.noTruth}, given a county ${t.fp}`;
for (const file of files) {
  const tips: Tip[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const labelled = tips.some((t) => t.place_truth !== undefined);
  const by = new Map<string, Tally>();
  const misses: string[] = [];
  for (const t of tips) {
    const lang = t.lang ?? "?";
    for (const key of ["all", `lang=${lang}`]) {
      if (!by.has(key)) by.set(key, blank());
      if (!total.has(key)) total.set(key, blank());
    }
    const j = resolvePlace(index, { text: t.text }).jurisdiction;
    const county = j !== null && (j.level === "county" || j.level === "township");
    const fromField = !labelled && t.place ? resolvePlace(index, { place: t.place }).jurisdiction : null;
    const truth = labelled ? t.place_truth?.trim() : fromField && /county|township/.test(fromField.level) ? fromField.code.slice(0, 6) : undefined;
    for (const tally of [by.get("all")!, by.get(`lang=${lang}`)!, total.get("all")!, total.get(`lang=${lang}`)!]) {
      if (!truth) {
        tally.noTruth++;
        if (county) tally.fp++;
        continue;
      }
      tally.n++;
      const ok = j !== null && (j.code.startsWith(truth) || j.name === truth || j.fullName.includes(truth));
      if (ok) tally.ok++;
      else if (county) tally.wrong++;
      else tally.none++;
    }
    const ok = truth && j !== null && (j.code.startsWith(truth) || j.name === truth || j.fullName.includes(truth));
    if (truth && !ok) misses.push(`  ${county ? "WRONG" : "none "} ${t.id} ${truth} → ${j?.fullName ?? "-"}  ${t.text.slice(0, 90)}`);
    if (!truth && county) misses.push(`  FP    ${t.id} (no place) → ${j?.fullName}  ${t.text.slice(0, 90)}`);
  }
  console.log(file);
  for (const [k, t] of by) console.log(line(`  ${k}`, t));
  if (showMisses) console.log(misses.join("\n"));
}
console.log("all files");
for (const [k, t] of total) console.log(line(`  ${k}`, t));
