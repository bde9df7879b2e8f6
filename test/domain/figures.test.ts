import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type Figures, METRICS, METRIC_CODES, cumulative, historyMedians, median, plausibilityWarnings, validateFigures } from "../../src/domain/figures";
import { parseAllFigures } from "../../src/domain/numerals";

const ZERO: Figures = Object.fromEntries(METRIC_CODES.map((c) => [c, 0])) as Figures;
const month = (over: Partial<Figures>): Figures => ({ ...ZERO, ...over });
const NO_HISTORY = { medians: {} };

describe("METRICS", () => {
  it("follows the seed form's order, labels and units", () => {
    expect(METRICS.map((m) => [m.position, m.zh, m.unit])).toEqual([
      [1, "组织(包括日常、集中、联合、专项等)执法活动", "次"],
      [2, "出动执法人员", "人次"],
      [3, "检查生产经营单位", "家"],
      [4, "立案调查", "起"],
      [5, "经济处罚", "万元"],
      [6, "责令停产停业", "家"],
      [7, "暂扣或者吊销许可证照", "个"],
      [8, "取缔关闭", "家"],
      [9, "问责领导干部", "人"],
      [10, "行政拘留", "人"],
      [11, "抓捕涉嫌犯罪人员", "人"],
    ]);
    expect(METRICS[1].formUnit).toBe("人(次)");
    expect(METRICS.map((m) => m.unitEn).every((u) => typeof u === "string" && u.length > 0)).toBe(true);
    expect(METRICS.filter((m) => m.kind === "money_wan").map((m) => m.code)).toEqual(["fines"]);
  });

  it("labels contain no numerals, so a message that repeats them still parses", () => {
    const text = METRICS.map((m, i) => `${i + 1}.${m.zh} ${i}`).join(" ");
    const { results } = parseAllFigures(
      text,
      METRICS.map((m) => m.kind),
    );
    expect(results).toEqual(METRICS.map((_, i) => ({ ok: true, value: i })));
  });
});

describe("validateFigures", () => {
  it("accepts a complete month", () => {
    expect(validateFigures(month({ fines: 1.15, enforcement_actions: 3 }))).toMatchObject({ ok: true });
  });

  it("reports each bad value", () => {
    const result = validateFigures({ ...ZERO, enforcement_actions: 1.5, fines: 0.125, closures: -1, officers_deployed: undefined, cases_opened: Number.NaN });
    expect(result).toEqual({
      ok: false,
      errors: [
        { code: "enforcement_actions", reason: "not_integer" },
        { code: "officers_deployed", reason: "missing" },
        { code: "cases_opened", reason: "not_a_number" },
        { code: "fines", reason: "too_many_decimals" },
        { code: "closures", reason: "negative" },
      ],
    });
  });
});

describe("plausibilityWarnings", () => {
  const codes = (f: Figures, medians = {}) => plausibilityWarnings(f, { medians }).map((w) => w.code);

  it("officers below twice the actions fires, at exactly twice does not", () => {
    expect(plausibilityWarnings(month({ enforcement_actions: 10, officers_deployed: 19 }), NO_HISTORY)).toEqual([
      { code: "officers_below_minimum", data: { officers: 19, actions: 10, minimum: 20 } },
    ]);
    expect(codes(month({ enforcement_actions: 10, officers_deployed: 20 }))).toEqual([]);
  });

  it("fines or detentions with no case opened fire; with a case they do not", () => {
    expect(plausibilityWarnings(month({ fines: 0.5, administrative_detentions: 2 }), NO_HISTORY)).toEqual([
      { code: "penalty_without_case", data: { metric: "fines", value: 0.5 } },
      { code: "penalty_without_case", data: { metric: "administrative_detentions", value: 2 } },
    ]);
    expect(codes(month({ fines: 0.5, administrative_detentions: 2, cases_opened: 1 }))).toEqual([]);
  });

  it("a value above 5 × the unit's median fires; at 5 × it, or with a zero median, it does not", () => {
    expect(plausibilityWarnings(month({ units_inspected: 51 }), { medians: { units_inspected: 10 } })).toEqual([
      { code: "far_above_history", data: { metric: "units_inspected", value: 51, median: 10, factor: 5 } },
    ]);
    expect(codes(month({ units_inspected: 50 }), { units_inspected: 10 })).toEqual([]);
    expect(codes(month({ closures: 3 }), { closures: 0 })).toEqual([]);
  });
});

describe("median and historyMedians", () => {
  it("handles odd, even and empty inputs without reordering the caller's array", () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("gives per-metric medians of past months", () => {
    const medians = historyMedians([month({ units_inspected: 10 }), month({ units_inspected: 30 }), month({ units_inspected: 20 })]);
    expect(medians.units_inspected).toBe(20);
    expect(medians.fines).toBe(0);
    expect(historyMedians([])).toEqual({});
  });
});

describe("cumulative", () => {
  it("sums counts and keeps money exact to two decimals", () => {
    const total = cumulative([month({ fines: 0.1, units_inspected: 4 }), month({ fines: 0.2, units_inspected: 5 })]);
    expect(total.fines).toBe(0.3); // 0.1 + 0.2 would be 0.30000000000000004
    expect(total.units_inspected).toBe(9);
  });

  it("equals the exact sum for any months of two-decimal fines", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 24 }), (hundredths) => {
        const total = cumulative(hundredths.map((h) => month({ fines: h / 100 })));
        expect(total.fines).toBe(hundredths.reduce((a, b) => a + b, 0) / 100);
      }),
    );
  });

  it("of no months is all zero", () => {
    expect(cumulative([])).toEqual(ZERO);
  });
});
