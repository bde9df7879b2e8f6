/** The 11 sectors (行业领域) of SPEC.md, each with the department that supervises it by default (谁主管谁负责). */
export const SECTOR_CODES = [
  "coal_mine",
  "non_coal_mine",
  "hazardous_chemicals",
  "fireworks",
  "transport",
  "construction",
  "fire_safety",
  "industry_trade",
  "civil_explosives",
  "culture_tourism",
  "other",
] as const;

export type SectorCode = (typeof SECTOR_CODES)[number];

/** Department keys: one department may supervise several sectors (应急管理局 has five). */
export const DEPARTMENTS = {
  emergency: { zh: "应急管理局", en: "Emergency Management Bureau" },
  transport: { zh: "交通运输局", en: "Transport Bureau" },
  housing: { zh: "住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" },
  fire: { zh: "消防救援机构", en: "Fire and Rescue" },
  police: { zh: "公安局", en: "Public Security Bureau" },
  culture: { zh: "文化广电和旅游局", en: "Culture, Radio, TV and Tourism Bureau" },
  committee: { zh: "安委办", en: "Work Safety Committee Office" },
} as const;

export type DepartmentKey = keyof typeof DEPARTMENTS;

export interface SectorInfo {
  code: SectorCode;
  zh: string;
  en: string;
  department: DepartmentKey;
}

export const SECTORS: readonly SectorInfo[] = [
  { code: "coal_mine", zh: "煤矿", en: "Coal mines", department: "emergency" },
  { code: "non_coal_mine", zh: "非煤矿山", en: "Non-coal mines (incl. tailings ponds)", department: "emergency" },
  { code: "hazardous_chemicals", zh: "危险化学品", en: "Hazardous chemicals", department: "emergency" },
  { code: "fireworks", zh: "烟花爆竹", en: "Fireworks", department: "emergency" },
  { code: "transport", zh: "交通运输", en: "Transport and road traffic", department: "transport" },
  { code: "construction", zh: "建筑施工", en: "Construction", department: "housing" },
  { code: "fire_safety", zh: "消防", en: "Fire safety", department: "fire" },
  { code: "industry_trade", zh: "工贸", en: "Industry and trade (metallurgy, combustible dust, confined spaces)", department: "emergency" },
  { code: "civil_explosives", zh: "民用爆炸物品", en: "Civil explosives", department: "police" },
  { code: "culture_tourism", zh: "文化旅游", en: "Culture and tourism", department: "culture" },
  { code: "other", zh: "其他", en: "Other / unclear", department: "committee" },
];

export function isSectorCode(value: unknown): value is SectorCode {
  return typeof value === "string" && (SECTOR_CODES as readonly string[]).includes(value);
}

export function sectorInfo(code: SectorCode): SectorInfo {
  const found = SECTORS.find((s) => s.code === code);
  if (!found) throw new Error(`unknown sector ${code}`);
  return found;
}
