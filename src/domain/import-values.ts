import { SECTORS, type SectorCode } from "./sectors.js";

/**
 * What people type into a spreadsheet for a sector or a supervising tier: the code, the Chinese name
 * (烟花爆竹, 县级, 县区级…), or the English name. Matching ignores case, spaces and full-width forms;
 * anything else is refused by the caller, with the row named.
 */
export const SUPERVISING_LEVELS = ["province", "city", "county", "township"] as const;
export type SupervisingLevel = (typeof SUPERVISING_LEVELS)[number];

const LEVEL_NAMES: Record<SupervisingLevel, readonly string[]> = {
  province: ["省级", "省", "自治区级", "区级（自治区）", "自治区（省）级", "省部级"],
  city: ["市级", "市", "地市级", "设区市级", "地级"],
  county: ["县级", "县", "县区级", "区县级", "县（市、区）级", "县市区级"],
  township: ["乡镇级", "乡级", "镇级", "乡镇", "乡镇（街道）级", "街道级", "乡镇街道级"],
};

const SECTOR_ALIASES: Partial<Record<SectorCode, readonly string[]>> = {
  non_coal_mine: ["非煤矿山", "非煤"],
  hazardous_chemicals: ["危险化学品", "危化品", "危化"],
  construction: ["建筑施工", "建筑"],
  fire_safety: ["消防", "消防安全"],
  industry_trade: ["工贸", "工贸行业"],
  civil_explosives: ["民用爆炸物品", "民爆"],
  culture_tourism: ["文化旅游", "文旅"],
};

/** Full-width letters and digits to ASCII, spaces out, lower case: "Ｆｉｒｅｗｏｒｋｓ " → "fireworks". */
export function normaliseImportValue(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase();
}

const SECTOR_LOOKUP = new Map<string, SectorCode>(
  SECTORS.flatMap((s) => [s.code, s.zh, s.en, ...(SECTOR_ALIASES[s.code] ?? [])].map((name) => [normaliseImportValue(name), s.code] as const)),
);

const LEVEL_LOOKUP = new Map<string, SupervisingLevel>(
  SUPERVISING_LEVELS.flatMap((l) => [l, ...LEVEL_NAMES[l]].map((name) => [normaliseImportValue(name), l] as const)),
);

export function sectorFromImport(value: string): SectorCode | null {
  return SECTOR_LOOKUP.get(normaliseImportValue(value)) ?? null;
}

export function levelFromImport(value: string): SupervisingLevel | null {
  return LEVEL_LOOKUP.get(normaliseImportValue(value)) ?? null;
}

/** Yes or no as a spreadsheet says it (是/否, yes/no, 1/0, true/false); empty is no. Null when it is neither. */
const YES = new Set(["1", "true", "yes", "y", "是"]);
const NO = new Set(["", "0", "false", "no", "n", "否"]);
export function booleanFromImport(value: string): boolean | null {
  const v = normaliseImportValue(value);
  return YES.has(v) ? true : NO.has(v) ? false : null;
}

/** The kind of a unit a file may create: a township-like unit (乡镇, 街道, 片区服务中心, 办事处) or a department (部门). */
export const IMPORT_UNIT_KINDS = ["township", "department"] as const;
export type ImportUnitKind = (typeof IMPORT_UNIT_KINDS)[number];
const KIND_NAMES: Record<ImportUnitKind, readonly string[]> = {
  township: ["township", "乡镇", "乡", "镇", "街道", "乡镇街道", "乡镇（街道）", "片区", "办事处"],
  department: ["department", "部门", "行业部门", "县直部门", "职能部门"],
};
const KIND_LOOKUP = new Map<string, ImportUnitKind>(IMPORT_UNIT_KINDS.flatMap((k) => KIND_NAMES[k].map((name) => [normaliseImportValue(name), k] as const)));
export function unitKindFromImport(value: string): ImportUnitKind | null {
  return KIND_LOOKUP.get(normaliseImportValue(value)) ?? null;
}

/**
 * A list of sectors in one cell: "烟花爆竹;危化品", "fireworks、hazardous_chemicals" (separated by ; ； 、 , ， |).
 * Every item is a code or a name as `sectorFromImport` reads it; the unknown ones are returned for the message.
 */
export function sectorListFromImport(value: string): { sectors: SectorCode[]; unknown: string[] } {
  const items = value
    .split(/[;；、,，|]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const sectors: SectorCode[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const code = sectorFromImport(item);
    if (!code) unknown.push(item);
    else if (!sectors.includes(code)) sectors.push(code);
  }
  return { sectors, unknown };
}
