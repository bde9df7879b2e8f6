import { DEPARTMENTS, SECTORS, type DepartmentKey, type SectorCode } from "./sectors.js";

export type Level = "province" | "city" | "county" | "township";

export interface JurisdictionRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: Level;
}

export interface UnitSeed {
  key: string;
  name: string;
  nameEn: string;
  kind: "committee" | "department" | "township";
  department: DepartmentKey | null;
  jurisdictionCode: string;
  sectors: SectorCode[];
}

/** Official names differ by tier: a region has 厅 and 总队, a city 局 and 支队, a county 局 and 大队. */
const NAMES: Record<Exclude<DepartmentKey, "committee">, Record<"province" | "city" | "county", string>> = {
  emergency: { province: "应急管理厅", city: "应急管理局", county: "应急管理局" },
  transport: { province: "交通运输厅", city: "交通运输局", county: "交通运输局" },
  housing: { province: "住房和城乡建设厅", city: "住房和城乡建设局", county: "住房和城乡建设局" },
  fire: { province: "消防救援总队", city: "消防救援支队", county: "消防救援大队" },
  police: { province: "公安厅", city: "公安局", county: "公安局" },
  culture: { province: "文化和旅游厅", city: "文化广电和旅游局", county: "文化广电和旅游局" },
};

export function isCityDistrict(j: JurisdictionRow): boolean {
  return j.level === "county" && j.name.endsWith("区");
}

/**
 * The default units of a jurisdiction: its 安委办 and the departments of SPEC.md's sector table.
 * City districts (区) get no fire unit of their own: the city's 消防救援支队 covers them, which is also
 * what makes the router's walk-up visible in real data. Township governments are seeded only where a
 * campaign needs them (Hengnan's plan names its 乡镇, 片区服务中心 and 岐山办事处).
 */
export function defaultUnitsFor(j: JurisdictionRow, opts: { townshipUnits: boolean }): UnitSeed[] {
  if (j.level === "township") {
    // Township-level entries that are not governments (监狱, 农场, 开发区 …) get no unit.
    if (!opts.townshipUnits || !/(镇|乡|街道|办事处)$/.test(j.name)) return [];
    const suffix = j.name.endsWith("街道") ? "办事处" : j.name.endsWith("办事处") ? "" : "人民政府";
    return [
      {
        key: `${j.code}:township`,
        name: `${j.name}${suffix}`,
        nameEn: `${j.name} government`,
        kind: "township",
        department: null,
        jurisdictionCode: j.code,
        sectors: [],
      },
    ];
  }
  const tier = j.level;
  const units: UnitSeed[] = [
    {
      key: `${j.code}:committee`,
      name: `${j.name}安委办`,
      nameEn: `${j.name} ${DEPARTMENTS.committee.en}`,
      kind: "committee",
      department: "committee",
      jurisdictionCode: j.code,
      sectors: ["other"],
    },
  ];
  for (const dept of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    if (dept === "fire" && isCityDistrict(j)) continue;
    const name = dept === "police" && isCityDistrict(j) ? `${j.name}公安分局` : `${j.name}${NAMES[dept][tier]}`;
    units.push({
      key: `${j.code}:${dept}`,
      name,
      nameEn: `${j.name} ${DEPARTMENTS[dept].en}`,
      kind: "department",
      department: dept,
      jurisdictionCode: j.code,
      sectors: SECTORS.filter((s) => s.department === dept).map((s) => s.code),
    });
  }
  return units;
}

/** Full name from the root: 广西壮族自治区南宁市兴宁区. */
export function fullNameOf(code: string, byCode: Map<string, JurisdictionRow>): string {
  const parts: string[] = [];
  for (let j = byCode.get(code); j; j = j.parentCode ? byCode.get(j.parentCode) : undefined) parts.unshift(j.name);
  return parts.join("");
}
