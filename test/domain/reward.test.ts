import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCIDENT_GRADES, calculateReward, DEFAULT_REWARD_RULES, parseDeathRates, type RewardRules } from "../../src/domain/reward.js";
import { parseConfig } from "../../src/config.js";
import { rewardRules } from "../../src/app/rewards/reward-rules.js";

const fine = (fineYuan: number, rules?: RewardRules) => calculateReward({ kind: "fine", fineYuan }, rules).amountYuan;
const SHANDONG: RewardRules = { ...DEFAULT_REWARD_RULES, maxYuan: 500_000 };

/** 《安全生产领域举报奖励办法》(安监总财〔2018〕19号) 第十一条、第十二条, by hand. */
describe("reward calculator", () => {
  it("pays 15% of the fine, at least 3,000 yuan", () => {
    expect(fine(1_000_000)).toBe(150_000);
    expect(fine(20_000)).toBe(3_000); // exactly the floor
    expect(fine(19_999)).toBe(3_000); // 2,999.85 → floor
    expect(fine(1)).toBe(3_000);
    expect(calculateReward({ kind: "fine", fineYuan: 10_000 })).toEqual({ amountYuan: 3_000, rawYuan: 1_500, bound: "min" });
    expect(fine(20_001)).toBe(3_000); // 3,000.15 rounds to 3,000
    expect(fine(20_004)).toBe(3_001); // 3,000.6 rounds up
  });

  it("caps at 300,000 yuan, a province's cap where it sets one", () => {
    expect(fine(2_000_000)).toBe(300_000); // exactly the cap
    expect(fine(2_000_010)).toBe(300_000);
    expect(calculateReward({ kind: "fine", fineYuan: 5_000_000 })).toEqual({ amountYuan: 300_000, rawYuan: 750_000, bound: "max" });
    expect(fine(5_000_000, SHANDONG)).toBe(500_000);
    expect(fine(3_000_000, SHANDONG)).toBe(450_000);
  });

  it("proposes nothing when nothing was fined", () => {
    expect(fine(0)).toBe(0);
    expect(calculateReward({ kind: "concealed", deaths: 0, grade: "major" }).amountYuan).toBe(0);
  });

  it("pays per concealed death by accident grade, at most the cap", () => {
    expect(calculateReward({ kind: "concealed", deaths: 1, grade: "general" }).amountYuan).toBe(30_000);
    expect(calculateReward({ kind: "concealed", deaths: 2, grade: "larger" }).amountYuan).toBe(80_000);
    expect(calculateReward({ kind: "concealed", deaths: 3, grade: "major" }).amountYuan).toBe(150_000);
    expect(calculateReward({ kind: "concealed", deaths: 5, grade: "especially_major" }).amountYuan).toBe(300_000); // exactly the cap
    expect(calculateReward({ kind: "concealed", deaths: 10, grade: "especially_major" })).toEqual({ amountYuan: 300_000, rawYuan: 600_000, bound: "max" });
    expect(calculateReward({ kind: "concealed", deaths: 10, grade: "especially_major" }, SHANDONG).amountYuan).toBe(500_000);
  });

  it("is monotone in the fine and stays within the bounds (any rules)", () => {
    const rules = fc
      .record({ ratePct: fc.integer({ min: 1, max: 100 }), minYuan: fc.integer({ min: 0, max: 50_000 }), span: fc.integer({ min: 0, max: 1_000_000 }) })
      .map(({ ratePct, minYuan, span }): RewardRules => ({ ...DEFAULT_REWARD_RULES, ratePct, minYuan, maxYuan: minYuan + span }));
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 0, max: 1e9 }), (r, a, d) => {
        const low = fine(a, r);
        const high = fine(a + d, r);
        expect(low).toBeGreaterThanOrEqual(r.minYuan);
        expect(high).toBeLessThanOrEqual(r.maxYuan);
        expect(high).toBeGreaterThanOrEqual(low);
        // Inside the bounds it is the rate itself.
        const raw = Math.round((a * r.ratePct) / 100);
        if (raw >= r.minYuan && raw <= r.maxYuan) expect(low).toBe(raw);
      }),
    );
  });

  it("is monotone in concealed deaths and in the grade, and never above the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 3 }), (deaths, g) => {
        const at = (n: number, grade: (typeof ACCIDENT_GRADES)[number]) => calculateReward({ kind: "concealed", deaths: n, grade }).amountYuan;
        const grade = ACCIDENT_GRADES[g];
        expect(at(deaths, grade)).toBeLessThanOrEqual(300_000);
        expect(at(deaths + 1, grade)).toBeGreaterThanOrEqual(at(deaths, grade));
        if (g < 3) expect(at(deaths, ACCIDENT_GRADES[g + 1])).toBeGreaterThanOrEqual(at(deaths, grade));
      }),
    );
  });

  it("reads the death rates and the provincial numbers from the configuration", () => {
    expect(parseDeathRates("30000,40000,50000,60000")).toEqual(DEFAULT_REWARD_RULES.concealedDeathYuan);
    expect(parseDeathRates("30000，40000，50000，60000")).toEqual(DEFAULT_REWARD_RULES.concealedDeathYuan);
    expect(parseDeathRates("30000,40000,50000")).toBeNull();
    expect(parseDeathRates("a,b,c,d")).toBeNull();
    const base = { APP_SECRET: "x".repeat(32) };
    const defaults = parseConfig(base);
    if (!defaults.ok) throw new Error("defaults refused");
    expect(rewardRules(defaults.config)).toEqual(DEFAULT_REWARD_RULES);
    expect(defaults.config.TIP_REWARD_CLAIM_DAYS).toBe(60);
    const shandong = parseConfig({ ...base, REWARD_MAX_YUAN: "500000" });
    if (!shandong.ok) throw new Error("Shandong refused");
    expect(rewardRules(shandong.config)).toEqual(SHANDONG);
    const bad = parseConfig({ ...base, REWARD_CONCEALED_DEATH_YUAN: "1,2", REWARD_RATE_PCT: "0", REWARD_MIN_YUAN: "400000" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.variable).sort()).toEqual(["REWARD_CONCEALED_DEATH_YUAN", "REWARD_MIN_YUAN", "REWARD_RATE_PCT"]);
  });
});
