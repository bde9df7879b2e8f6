import { describe, expect, it } from "vitest";
import { classifySector, detectImmediateDanger } from "../../src/domain/classify/index.js";
import { decideRoute } from "../../src/domain/routing/decide.js";
import type { RouteFacts, RoutingData, RoutingJurisdiction, RoutingUnit } from "../../src/domain/routing/types.js";
import { RoutingSteps } from "../../src/http/views/admin/tip-events.js";

/** One province with its 安委办 and no sector rules: every tip the classifier is unsure of stays there. */
const PROVINCE: RoutingJurisdiction = { code: "450000", name: "广西", fullName: "广西壮族自治区", level: "province", parentCode: null };
const COMMITTEE: RoutingUnit = { id: 1, name: "自治区安委办", nameEn: "Guangxi Work Safety Committee Office", jurisdictionCode: "450000", kind: "committee" };
const DATA: RoutingData = {
  jurisdiction: (code) => (code === PROVINCE.code ? PROVINCE : undefined),
  rule: () => undefined,
  committee: (code) => (code === PROVINCE.code ? COMMITTEE : undefined),
};

function decide(text: string) {
  const facts: RouteFacts = {
    classification: classifySector(text),
    danger: detectImmediateDanger(text),
    reporterUrgent: false,
    place: { jurisdiction: null, source: "none", matched: [] },
    enterprise: null,
    creditCodeProblem: null,
    defaultJurisdiction: PROVINCE.code,
  };
  return decideRoute(DATA, facts);
}

describe("the explanation of a tip left to manual triage", () => {
  const text = "村后山有人放炮，石头飞到我家屋顶上，他们在开山";

  it("names the two closest sectors with the words that scored for each, in zh and en", () => {
    const d = decide(text);
    expect(d.sector).toBe("other");
    expect(d.sectorSource).toBe("low_confidence");
    expect(d.candidates.map((c) => c.sector).sort()).toEqual(["civil_explosives", "non_coal_mine"]);
    expect(d.steps[0].zh).toMatch(
      /人工分办；最接近: (民用爆炸物品 \([^)]*放炮[^)]*\) \/ 非煤矿山 \([^)]*开山[^)]*\)|非煤矿山 \([^)]*开山[^)]*\) \/ 民用爆炸物品 \([^)]*放炮[^)]*\))$/,
    );
    expect(d.steps[0].zh).toContain("石头飞");
    expect(d.steps[0].en).toMatch(/manual triage; closest: .*Civil explosives \(.*放炮.*\)/i);
    expect(d.explanation.zh).toContain("最接近: ");
  });

  it("shows the candidates in the admin tip page's routing steps, in the page's language", () => {
    const d = decide(text);
    const zh = String(RoutingSteps({ routing: d, locale: "zh-CN" }));
    expect(zh).toContain("最接近: ");
    expect(zh).toContain("石头飞");
    expect(String(RoutingSteps({ routing: d, locale: "en" }))).toContain("closest: ");
  });

  it("names no candidates when the classifier is sure, or when nothing scored", () => {
    const sure = decide("商场把消防通道和安全出口都堵死了");
    expect(sure.sectorSource).toBe("classifier");
    expect(sure.candidates).toEqual([]);
    expect(sure.explanation.zh).not.toContain("最接近");
    const blank = decide("有个地方很危险 快来看看");
    expect(blank.sectorSource).toBe("low_confidence");
    expect(blank.candidates).toEqual([]);
    expect(blank.explanation.zh).not.toContain("最接近");
  });
});
