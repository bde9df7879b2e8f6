import { describe, expect, it } from "vitest";
import { classifySector, detectImmediateDanger } from "../../src/domain/classify/index.js";
import { featurize, hashFeature, textGrams, type FeatureVector } from "../../src/domain/classify/features.js";
import { combineSector, decodeRouteModel, predict } from "../../src/domain/classify/learned.js";
import { trainRouteModel, type TrainingExample } from "../../src/domain/classify/train.js";
import type { SectorCode } from "../../src/domain/sectors.js";

const read = (text: string, withNames = false): FeatureVector =>
  featurize({ sectorText: text, dangerText: text, classification: classifySector(text), danger: detectImmediateDanger(text) }, withNames);

describe("the learned router's featuriser", () => {
  it("reads Chinese 1–3-grams and English stemmed 1–2-grams after the classifier's normalisation, numbers left out", () => {
    const zh = textGrams("冇人管");
    // 冇 is folded to 没 before the grams are cut: dialect and standard forms meet.
    expect(zh).toEqual(expect.arrayContaining(["n:没", "n:没人", "n:没人管"]));
    expect(zh.some((g) => g.includes("冇"))).toBe(false);
    const en = textGrams("Scaffolding is LEANING, call 13800001234");
    expect(en).toEqual(expect.arrayContaining(["w:scaffold", "w:lean", "w:is lean", "w:call"]));
    expect(en.some((g) => /\d/.test(g))).toBe(false);
  });

  it("adds the rule layer's concepts and sector scores and the danger module's composed parts", () => {
    const fv = read("塔吊一直在晃，下面工人还在干活", true);
    expect(fv.names).toEqual(expect.arrayContaining(["bias", "n:塔吊", "r:construction", "s:construction", "d:urgent"]));
    expect(fv.names!.some((n) => n.startsWith("c:"))).toBe(true);
    expect(fv.names!.some((n) => n.startsWith("l:"))).toBe(true);
    // Entries before ruleFrom are the n-grams (and the bias); the rule features come after.
    expect(fv.names!.slice(fv.ruleFrom).every((n) => !n.startsWith("n:") && !n.startsWith("w:"))).toBe(true);
    expect(fv.index.every((i) => i >= 0 && i < 1 << 18)).toBe(true);
  });

  it("hashes the n-grams straight from the text, exactly as the distinct gram names would be hashed", () => {
    for (const text of [
      "塔吊一直在晃，塔吊一直在晃，下面工人还在干活",
      "The scaffold is leaning and the scaffold is LEANING, workers still on it",
      "冇人管 fire exit locked 消防通道 locked again 13800001234",
    ]) {
      const fv = read(text, true);
      const grams = [...new Set(textGrams(text))];
      const firstByHash = new Map<number, string>();
      for (const g of grams) if (!firstByHash.has(hashFeature(g)) && hashFeature(g) !== hashFeature("bias")) firstByHash.set(hashFeature(g), g);
      expect(fv.names!.slice(1, fv.ruleFrom)).toEqual([...firstByHash.values()]);
      expect([...fv.index.slice(1, fv.ruleFrom)]).toEqual([...firstByHash.keys()]);
      // Each distinct gram text counts once in the weight, repeats or not.
      expect(fv.value[1]).toBe(Math.fround(3 / Math.sqrt(grams.length)));
    }
  });

  it("a masked place name leaves no gram: blanks are no evidence", () => {
    const masked = read("   一个码头的吊机坏了"); // "港口区" blanked by maskPlaceNames, as route-model.ts does
    const unmasked = read("港口区一个码头的吊机坏了");
    expect([...unmasked.index]).toContain(hashFeature("n:港口"));
    expect([...masked.index]).not.toContain(hashFeature("n:港口"));
  });
});

/** A small corpus where one gram decides: 铁皮房 for fire safety, 吊篮 for construction, among shared filler. */
function syntheticCorpus(): TrainingExample[] {
  const fillers = ["老板不管", "好久了", "没人检查", "天天这样", "工人很多", "请处理"];
  const out: TrainingExample[] = [];
  for (let i = 0; i < 36; i++) {
    const filler = `${fillers[i % fillers.length]}，${fillers[(i * 5 + 1) % fillers.length]}`;
    const [word, sector]: [string, SectorCode] = i % 2 === 0 ? ["铁皮房", "fire_safety"] : ["吊篮", "construction"];
    out.push({ features: read(`那边${word}${filler}`), sector, urgent: i % 6 === 0 });
  }
  return out;
}

describe("the trainer", () => {
  it("is deterministic: the same examples give the same bytes", () => {
    const a = JSON.stringify(trainRouteModel(syntheticCorpus(), { epochs: 5 }));
    const b = JSON.stringify(trainRouteModel(syntheticCorpus(), { epochs: 5 }));
    expect(a).toBe(b);
    expect(JSON.stringify(trainRouteModel(syntheticCorpus(), { epochs: 5, seed: 2 }))).not.toBe(a);
  });

  it("learns the discriminating gram and names it as evidence", () => {
    const model = decodeRouteModel(trainRouteModel(syntheticCorpus(), { epochs: 20, minCount: 2 }));
    for (const [text, sector, gram] of [
      ["这个铁皮房请处理", "fire_safety", "铁皮"],
      ["有个吊篮，请处理", "construction", "吊篮"],
    ] as const) {
      const fv = read(text, true);
      const p = predict(model, fv);
      const c = combineSector(model, fv, p, classifySector(text));
      expect(c.best).toBe(sector);
      expect(p.sector[model.sectors.indexOf(sector)]).toBeGreaterThan(0.8);
      expect(c.evidence.join(" ")).toContain(gram);
    }
  });

  it("gives the two closest sectors with their words, read late but spread and serialised like any field", () => {
    const model = decodeRouteModel(trainRouteModel(syntheticCorpus(), { epochs: 20, minCount: 2 }));
    const text = "这个铁皮房请处理";
    const fv = read(text, true);
    const p = predict(model, fv);
    const c = combineSector(model, fv, p, classifySector(text));
    expect(Object.keys(c)).toContain("candidates");
    const copy = { ...c };
    const json = JSON.parse(JSON.stringify(c));
    expect(copy.candidates).toEqual(c.candidates);
    expect(json.candidates).toEqual(c.candidates);
    expect(c.candidates.map((x) => x.sector)[0]).toBe("fire_safety");
    expect(c.candidates).toHaveLength(2);
    expect(c.candidates[0].evidence.join(" ")).toContain("铁皮");
    // The top sector's candidate words are its evidence, cut to three.
    expect(c.candidates[0].evidence).toEqual(c.evidence.slice(0, 3));
    // Read twice, the same array: worked out once.
    expect(c.candidates).toBe(c.candidates);
  });

  it("keeps no weight for a gram seen in fewer training tips than minCount", () => {
    const once = { features: read("独一无二的铁皮房"), sector: "fire_safety" as const, urgent: false };
    const json = trainRouteModel([...syntheticCorpus(), once], { epochs: 2, minCount: 2 });
    let f = 0;
    const kept = new Set(json.features.map((gap, i) => (f = i === 0 ? gap : f + gap)));
    expect(kept.has(hashFeature("n:铁皮房"))).toBe(true);
    expect(kept.has(hashFeature("n:独一无二"))).toBe(false);
  });
});
