/**
 * Fuzzy matching of enterprise names as reporters type them.
 *
 * A registered name is 行政区划 + 字号 + 行业/经营特点 + 组织形式 (《企业名称登记管理规定》第六条).
 * Only the 字号 (trade name) tells two companies apart: the same 字号 in the same industry may not
 * be registered twice under one registration authority, whereas "建设工程" is shared by thousands.
 * So we drop the place and the legal form, then weigh the trade name far above the industry words.
 */

export const DEFAULT_ENTERPRISE_THRESHOLD = 0.8;

const PROVINCES = [
  "北京",
  "天津",
  "上海",
  "重庆",
  "河北",
  "山西",
  "辽宁",
  "吉林",
  "黑龙江",
  "江苏",
  "浙江",
  "安徽",
  "福建",
  "江西",
  "山东",
  "河南",
  "湖北",
  "湖南",
  "广东",
  "海南",
  "四川",
  "贵州",
  "云南",
  "陕西",
  "甘肃",
  "青海",
  "台湾",
  "内蒙古",
  "广西",
  "西藏",
  "宁夏",
  "新疆",
  "香港",
  "澳门",
];
const PROVINCE_SUFFIX = "(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)?";
const LEADING_PROVINCE = new RegExp(`^(?:${PROVINCES.join("|")})${PROVINCE_SUFFIX}`);
// 2–3 characters then 市/县/区 (南宁市, 衡南县, 兴宁区); 1 character before 市 is usually a word (超市).
const LEADING_CITY = /^[\p{Script=Han}]{2,3}(?:市|县|区)/u;
const BRACKETED = /[([【〔《<]([^)\]】〕》>]*)[)\]】〕》>]/g;
/**
 * Bracketed parts of registered names are almost always a place (腾讯科技（深圳）, 广西（南宁）,
 * （中国）) or a legal form (（普通合伙）, （集团）), neither of which tells companies apart. So a
 * bracket holding 2–3 Han characters, or a place ending in 省/市/县/区/州/盟/旗, or a legal form,
 * is dropped; longer content is kept without its brackets.
 */
const PLACE_QUALIFIER = /^(?:[\p{Script=Han}]{2,3}|[\p{Script=Han}]{2,6}(?:省|市|县|区|州|盟|旗|自治区)|有限合伙|普通合伙|特殊普通合伙)$/u;

/**
 * Longest first. 厂/场 are deliberately not here: 砖厂 / 采石场 name the kind of works (often an
 * unincorporated 个体 or 集体 business) and are kept as industry words, not legal form.
 */
const LEGAL_FORMS = ["股份有限公司", "有限责任公司", "有限公司", "有限合伙", "普通合伙", "合伙企业", "个人独资企业", "总公司", "公司", "集团", "股份"];

/** Industry words that end a name; everything before them (after the place) is the trade name. */
const INDUSTRY_WORDS = [
  "建设工程",
  "建筑工程",
  "工程",
  "建设",
  "建筑",
  "建材",
  "水泥",
  "化工",
  "化学",
  "石化",
  "矿业",
  "煤业",
  "煤矿",
  "矿山",
  "采石场",
  "石场",
  "砖厂",
  "实业",
  "科技",
  "技术",
  "贸易",
  "商贸",
  "物流",
  "运输",
  "客运",
  "货运",
  "烟花爆竹",
  "烟花",
  "爆竹",
  "花炮",
  "房地产开发",
  "房地产",
  "置业",
  "投资",
  "发展",
  "机械",
  "制造",
  "电子",
  "能源",
  "燃气",
  "环保",
  "食品",
  "钢铁",
  "冶金",
  "有色",
  "金属",
  "塑料",
  "纺织",
  "服装",
  "木业",
  "家具",
  "陶瓷",
  "物业",
  "管理",
  "服务",
  "酒店",
  "餐饮",
  "旅游",
  "开发",
  "加工",
  "厂",
  "场",
];

function stripPlaceQualifiers(name: string): string {
  return name.replace(BRACKETED, (_m, inner: string) => (PLACE_QUALIFIER.test(inner) ? "" : inner));
}

function stripRepeated(s: string, words: readonly string[], keepAtLeast: number): string {
  // A branch (…分公司) is its own registered enterprise with its own credit code: keep it whole.
  for (let changed = true; changed && !s.endsWith("分公司"); ) {
    changed = false;
    for (const w of words) {
      if (s.endsWith(w) && s.length - w.length >= keepAtLeast) {
        s = s.slice(0, -w.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/**
 * Canonical form for comparison (never for display): NFKC, place qualifiers in brackets removed
 * (广西（南宁）…), other bracket content kept, punctuation and spaces removed, one leading province
 * and one leading city/county name removed, trailing legal forms removed.
 */
export function normalizeEnterpriseName(name: string): string {
  let s = stripPlaceQualifiers(name.normalize("NFKC")).toLowerCase();
  s = s.replace(/[\p{P}\p{S}\s]/gu, "");
  const withoutProvince = s.replace(LEADING_PROVINCE, "");
  if (withoutProvince.length >= 2) s = withoutProvince;
  for (let i = 0; i < 2; i++) {
    // 衡阳市衡南县… : a city and then a county
    const withoutCity = s.replace(LEADING_CITY, "");
    if (withoutCity.length >= 2) s = withoutCity;
  }
  return stripRepeated(s, LEGAL_FORMS, 2);
}

/** Splits a normalised name into the trade name and the industry words that follow it. */
export function splitTradeName(normalized: string): Split {
  const trade = stripRepeated(normalized, INDUSTRY_WORDS, 2);
  return { trade, industry: normalized.slice(trade.length) };
}

function editDistance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function ratio(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  const longest = Math.max(ca.length, cb.length);
  return longest === 0 ? 1 : 1 - editDistance(ca, cb) / longest;
}

function splitScore(a: Split, b: Split): number {
  const industry = a.industry || b.industry ? ratio(a.industry, b.industry) : 1;
  return 0.75 * ratio(a.trade, b.trade) + 0.25 * industry;
}

type Split = { trade: string; industry: string };

function splitAt(s: string, industryLength: number): Split {
  const chars = [...s];
  const cut = Math.max(0, chars.length - industryLength);
  return { trade: chars.slice(0, cut).join(""), industry: chars.slice(cut).join("") };
}

/**
 * 0..1: 0.75 × trade-name similarity + 0.25 × industry similarity, as edit-distance ratios. A typo in
 * the industry words can defeat the word-list split ("建没工程"), so each name is also cut where the
 * other name's industry part begins, and the best reading counts. One wrong character in a
 * 3-character trade name stays below the default threshold on purpose: 邕建达 vs 邕建华 is as likely
 * a different company as a typo. A name fully contained in the other ("邕建达" in "邕建达建设工程")
 * scores at least 0.85 if the contained part has a trade name of 2+ characters that is not itself an
 * industry word.
 */
export function enterpriseSimilarity(a: string, b: string): number {
  const na = normalizeEnterpriseName(a);
  const nb = normalizeEnterpriseName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sa = splitTradeName(na);
  const sb = splitTradeName(nb);
  let score = Math.max(splitScore(sa, sb), splitScore(splitAt(na, [...sb.industry].length), sb), splitScore(sa, splitAt(nb, [...sa.industry].length)));
  const [short, long] = na.length <= nb.length ? [na, nb] : [nb, na];
  const shortTrade = splitTradeName(short).trade;
  if (long.includes(short) && [...shortTrade].length >= 2 && !INDUSTRY_WORDS.includes(shortTrade)) {
    score = Math.max(score, 0.85 + 0.15 * ([...short].length / [...long].length));
  }
  return Math.round(score * 1000) / 1000;
}

export interface EnterpriseMatch {
  id: number;
  name: string;
  score: number;
}

/** The best-scoring candidate at or above the threshold; on a tie the first candidate wins. */
export function bestEnterpriseMatch(
  query: string,
  candidates: readonly { id: number; name: string }[],
  threshold: number = DEFAULT_ENTERPRISE_THRESHOLD,
): EnterpriseMatch | null {
  let best: EnterpriseMatch | null = null;
  for (const c of candidates) {
    const score = enterpriseSimilarity(query, c.name);
    if (score >= threshold && (!best || score > best.score)) best = { id: c.id, name: c.name, score };
  }
  return best;
}
