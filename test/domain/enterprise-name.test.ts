import { describe, expect, it } from "vitest";
import {
  DEFAULT_ENTERPRISE_THRESHOLD,
  bestEnterpriseMatch,
  enterpriseSimilarity,
  normalizeEnterpriseName,
  splitTradeName,
} from "../../src/domain/enterprise-name";

const YJD = "南宁市邕建达建设工程有限公司";

describe("normalizeEnterpriseName", () => {
  it.each([
    [YJD, "邕建达建设工程"],
    ["广西壮族自治区南宁市邕建达建设工程有限责任公司", "邕建达建设工程"],
    ["广西（南宁）邕建达建设工程有限公司", "邕建达建设工程"],
    ["广西(南宁)邕建达建设工程有限公司", "邕建达建设工程"],
    ["腾讯科技（深圳）有限公司", "腾讯科技"],
    ["华润水泥（南宁）有限公司", "华润水泥"],
    ["衡阳市衡南县宏达水泥厂", "宏达水泥厂"],
    ["广西柳州钢铁集团有限公司", "柳州钢铁"],
    ["湖南 宏达·烟花爆竹 股份有限公司", "宏达烟花爆竹"],
    ["ＡＢＣ（中国）投资有限公司", "abc投资"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeEnterpriseName(input)).toBe(expected);
  });

  it("keeps 厂 (a kind of works, not a legal form) and keeps branches whole", () => {
    expect(normalizeEnterpriseName("宏达砖厂")).toBe("宏达砖厂");
    expect(normalizeEnterpriseName("中国石油化工股份有限公司广西石油分公司")).toBe("中国石油化工股份有限公司广西石油分公司");
  });

  it("does not take a word ending in 市 for a city when only one character precedes it", () => {
    expect(normalizeEnterpriseName("超市连锁有限公司")).toBe("超市连锁");
  });

  it("keeps long bracket content that is not a place", () => {
    expect(normalizeEnterpriseName("宏达（原红旗机械修配）有限公司")).toBe("宏达原红旗机械修配");
  });
});

describe("splitTradeName", () => {
  it("separates the trade name from industry words", () => {
    expect(splitTradeName("邕建达建设工程")).toEqual({ trade: "邕建达", industry: "建设工程" });
    expect(splitTradeName("宏达水泥厂")).toEqual({ trade: "宏达", industry: "水泥厂" });
    expect(splitTradeName("邕建达")).toEqual({ trade: "邕建达", industry: "" });
  });
});

describe("enterpriseSimilarity", () => {
  const threshold = DEFAULT_ENTERPRISE_THRESHOLD;

  it("matches the full registered name with the short form", () => {
    expect(enterpriseSimilarity(YJD, "邕建达建设工程")).toBe(1);
    expect(enterpriseSimilarity(YJD, "邕建达")).toBeGreaterThanOrEqual(threshold);
    expect(enterpriseSimilarity(YJD, "邕建达公司")).toBeGreaterThanOrEqual(threshold);
  });

  it("matches through full-width brackets and a 分部 suffix on the query", () => {
    expect(enterpriseSimilarity(YJD, "广西（南宁）邕建达建设工程有限公司")).toBe(1);
    expect(enterpriseSimilarity(YJD, "南宁市邕建达建设工程有限公司第三项目部")).toBeGreaterThanOrEqual(threshold);
  });

  it("does not match a different company of the same industry in the same city", () => {
    expect(enterpriseSimilarity(YJD, "南宁市宏达建设工程有限公司")).toBeLessThan(threshold);
    expect(enterpriseSimilarity(YJD, "南宁市建设工程有限公司")).toBeLessThan(threshold);
    expect(enterpriseSimilarity("衡南县宏达水泥厂", "衡南县宏远水泥厂")).toBeLessThan(threshold);
  });

  it("still matches with one mistyped character in the industry words or a 4-character trade name", () => {
    expect(enterpriseSimilarity(YJD, "南宁市邕建达建没工程有限公司")).toBeGreaterThanOrEqual(threshold);
    expect(enterpriseSimilarity("邕建达兴建设工程有限公司", "邕健达兴建设工程有限公司")).toBeGreaterThanOrEqual(threshold);
  });

  it("refuses one changed character in a 3-character trade name (could be another company)", () => {
    expect(enterpriseSimilarity(YJD, "南宁市邕建华建设工程有限公司")).toBeLessThan(threshold);
  });

  it("is symmetric and bounded", () => {
    const names = [YJD, "邕建达", "南宁市宏达建设工程有限公司", "宏达水泥厂", ""];
    for (const a of names) {
      for (const b of names) {
        const s = enterpriseSimilarity(a, b);
        expect(s).toBe(enterpriseSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("bestEnterpriseMatch", () => {
  const candidates = [
    { id: 1, name: "南宁市宏达建设工程有限公司" },
    { id: 2, name: YJD },
    { id: 3, name: "南宁市邕建华建设工程有限公司" },
  ];

  it("returns the best candidate with its score", () => {
    expect(bestEnterpriseMatch("邕建达建设工程", candidates)).toEqual({ id: 2, name: YJD, score: 1 });
  });

  it("returns null when nothing reaches the threshold", () => {
    expect(bestEnterpriseMatch("衡南县宏远水泥厂", candidates)).toBeNull();
    expect(bestEnterpriseMatch("邕建达建设工程", [])).toBeNull();
  });

  it("honours a caller's threshold", () => {
    expect(bestEnterpriseMatch("南宁市邕建华建设工程有限公司", [candidates[1]], 0.7)?.id).toBe(2);
    expect(bestEnterpriseMatch("南宁市邕建华建设工程有限公司", [candidates[1]])).toBeNull();
  });
});
