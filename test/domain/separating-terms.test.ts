import { describe, expect, it } from "vitest";
import { classifySector, compileSectorRules, SECTOR_RULE_WEIGHT } from "../../src/domain/classify/classify.js";
import { candidateTerms, separatingTerms } from "../../src/domain/classify/separating-terms.js";

describe("the words that separate corrected tips from the router's choice", () => {
  it("candidates are Chinese words and word pairs that cut no vocabulary word, and English words and pairs without stop words", () => {
    const zh = candidateTerms("那个滑翔伞的绳子");
    expect(zh.has("滑翔伞")).toBe(true);
    expect(zh.has("绳子")).toBe(true);
    // 的 and 那 start or end no term.
    expect([...zh].some((t) => t.startsWith("的") || t.endsWith("的") || t.startsWith("那"))).toBe(false);
    expect(candidateTerms("游乐场电线乱拉").has("场电线")).toBe(false);
    const en = candidateTerms("The zip line at the park is still running");
    expect(en.has("zip line")).toBe(true);
    expect(en.has("park")).toBe(true);
    expect(en.has("the")).toBe(false);
    expect(en.has("still")).toBe(false);
  });

  it("a word most corrected tips share and kept tips lack wins; a word as common in kept tips does not", () => {
    const corrected = ["村里滑翔伞绳子磨损", "景区滑翔伞没人检查", "那个滑翔伞教练没证"];
    const kept = ["村里有人没证开车", "有人没检查就上岗", "厂里没人检查设备"];
    const [best] = separatingTerms(corrected, kept, { finalSector: "culture_tourism", minSupport: 3 });
    expect(best).toMatchObject({ term: "滑翔伞", support: 3 });
    expect(best.score).toBeGreaterThan(0);
    // 没证 and 检查 are in the kept tips as often as in the corrected ones: they separate nothing.
    const all = separatingTerms(corrected, [...kept, "司机没证", "没证上岗", "没证也开", "检查走过场"], { finalSector: "culture_tourism", minSupport: 1 });
    expect(all[0].term).toBe("滑翔伞");
    for (const t of all.filter((x) => x.term === "没证" || x.term === "检查")) expect(t.score).toBeLessThan(all[0].score);
  });

  it("too few corrected tips with the word, or a word the vocabulary already gives the final sector, make no suggestion", () => {
    expect(separatingTerms(["蹦极台坏了", "游船超载", "索道停摆"], [], { finalSector: "culture_tourism", minSupport: 3 })).toEqual([]);
    // 游乐场 is already culture vocabulary: something else outweighed it, so it is no news.
    const known = separatingTerms(["游乐场电线乱拉", "游乐场电线老化", "游乐场电线裸露"], [], { finalSector: "culture_tourism", minSupport: 3 });
    expect(known.map((t) => t.term)).not.toContain("游乐场");
    expect(known.map((t) => t.term)).toContain("电线");
  });

  it("an accepted term outweighs the vocabulary's answer and is quoted as evidence; no rule, no change", () => {
    const text = "滑翔伞起飞点的护栏松了";
    expect(classifySector(text).sector).not.toBe("culture_tourism");
    const rules = compileSectorRules([{ term: "滑翔伞", sector: "culture_tourism" }]);
    const withRule = classifySector(text, { rules });
    expect(withRule.sector).toBe("culture_tourism");
    expect(withRule.evidence[0]).toBe("滑翔伞");
    expect(withRule.scores.culture_tourism).toBeGreaterThanOrEqual(SECTOR_RULE_WEIGHT);
    expect(classifySector("工地塔吊没检测", { rules }).sector).toBe("construction");
    // English terms match whole words, in any case.
    const en = compileSectorRules([{ term: "zip line", sector: "culture_tourism" }]);
    expect(classifySector("The Zip Line cable is frayed", { rules: en }).sector).toBe("culture_tourism");
  });

  it("an enterprise rule is a boost quoted by the enterprise name", () => {
    const c = classifySector("这家公司问题很多", { boosts: [{ sector: "transport", quote: "某某物流有限公司" }] });
    expect(c.sector).toBe("transport");
    expect(c.evidence).toEqual(["某某物流有限公司"]);
  });
});
