import type { PlaceLevel } from "./types.js";

/**
 * The 56 nationalities (GB 3304). Autonomous names put one or more of them between the place name and
 * the suffix (恭城瑶族自治县, 足别瑶族苗族乡); knowing them is what tells 十万山瑶族乡 → 十万山 from a
 * lazy "first two characters" rule.
 */
const NATIONALITIES = [
  "汉",
  "蒙古",
  "回",
  "藏",
  "维吾尔",
  "苗",
  "彝",
  "壮",
  "布依",
  "朝鲜",
  "满",
  "侗",
  "瑶",
  "白",
  "土家",
  "哈尼",
  "哈萨克",
  "傣",
  "黎",
  "傈僳",
  "佤",
  "畲",
  "高山",
  "拉祜",
  "水",
  "东乡",
  "纳西",
  "景颇",
  "柯尔克孜",
  "土",
  "达斡尔",
  "仫佬",
  "羌",
  "布朗",
  "撒拉",
  "毛南",
  "仡佬",
  "锡伯",
  "阿昌",
  "普米",
  "塔吉克",
  "怒",
  "乌孜别克",
  "俄罗斯",
  "鄂温克",
  "德昂",
  "保安",
  "裕固",
  "京",
  "塔塔尔",
  "独龙",
  "鄂伦春",
  "赫哲",
  "门巴",
  "珞巴",
  "基诺",
];
/**
 * 族 may be left out only after a name of two or more characters (新疆维吾尔自治区); a one-character
 * name always carries it, or 融水苗族自治县 would read as 融 + 水(族) + 苗族.
 */
const NATIONALITY = `(?:${["各", ...NATIONALITIES]
  .sort((a, b) => b.length - a.length)
  .map((n) => (n.length > 1 ? `${n}族?` : `${n}族`))
  .join("|")})`;
/** The place part has at least two characters (广西壮族自治区, 龙胜各族自治县, 古寨瑶族乡). */
const AUTONOMOUS = new RegExp(`^(.{2,}?)${NATIONALITY}+自治(?:区|州|县|旗)$`);
const ETHNIC_TOWNSHIP = new RegExp(`^(.{2,}?)${NATIONALITY}+乡$`);

const SUFFIXES: Record<PlaceLevel, RegExp> = {
  province: /(?:特别行政区|自治区|省|市)$/,
  city: /(?:自治州|地区|盟|市)$/,
  county: /(?:自治县|自治旗|新区|矿区|林区|特区|区|县|市|旗)$/,
  township: /(?:街道|镇|乡|苏木)$/,
};

/**
 * Characters of direction and generic settlement: a short name made only of them (城中, 江南, 港口,
 * 城北, 河西) is an ordinary phrase that dozens of places share, never a name on its own.
 */
const GENERIC_CHARS = new Set([..."东西南北中上下前后左右内外城区厢关新老港口江河乡镇村街"]);
/**
 * Short names that are everyday words in the tips' own subject matter (矿产资源 → 资源县). Found by
 * reading the generated list of Guangxi short names; the generic-character rule cannot see them.
 */
const ORDINARY_WORDS = new Set(["资源"]);

/** Strip the administrative suffix (and any nationality part); null when there is no known suffix. */
export function stripSuffix(name: string, level: PlaceLevel): string | null {
  const autonomous = AUTONOMOUS.exec(name) ?? (level === "township" ? ETHNIC_TOWNSHIP.exec(name) : null);
  if (autonomous) return autonomous[1]!;
  const suffix = SUFFIXES[level];
  return suffix.test(name) ? name.replace(suffix, "") : null;
}

export function isSafeShortName(short: string): boolean {
  return short.length >= 2 && ![...short].every((c) => GENERIC_CHARS.has(c)) && !ORDINARY_WORDS.has(short);
}

/**
 * The name people use without the administrative suffix: 兴宁区→兴宁, 广西壮族自治区→广西,
 * 恭城瑶族自治县→恭城, 北流市→北流, 车江街道→车江. When the result would be under two characters, an
 * ordinary phrase (城中区, 江南区) or the name has no administrative suffix at all (经济技术开发区,
 * 衡州监狱), the full name is returned: it is the shortest name that still means the place.
 */
export function shortName(name: string, level: PlaceLevel): string {
  const short = stripSuffix(name, level);
  return short !== null && isSafeShortName(short) ? short : name;
}

/** Whether the name ends in a suffix of its level; townships without one are 开发区, 农场, 监狱…. */
export function hasAdministrativeSuffix(name: string, level: PlaceLevel): boolean {
  return stripSuffix(name, level) !== null;
}

/**
 * The 简称 that `shortName` refuses only because it is made of generic characters (港北, 江南, 城中,
 * 右江): still what people write right after the city (贵港港北, 南宁江南), so it may count there.
 */
export function genericShortName(name: string, level: PlaceLevel): string | null {
  const short = stripSuffix(name, level);
  return short !== null && short.length >= 2 && !ORDINARY_WORDS.has(short) && !isSafeShortName(short) ? short : null;
}
