import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type FigureKind, parseAllFigures, parseFigure } from "../../src/domain/numerals";

const count = (text: string) => parseFigure(text, "count");
const money = (text: string) => parseFigure(text, "money_wan");

describe("parseFigure: counts", () => {
  it.each([
    ["十二", 12],
    ["两千", 2000],
    ["一百零五", 105],
    ["三千五百", 3500],
    ["1,234", 1234],
    ["１２", 12],
    ["12次", 12],
    ["十二人", 12],
    ["3家", 3],
    ["30人次", 30],
    ["十", 10],
    ["二十", 20],
    ["十万", 100000],
    ["一千零一十", 1010],
    ["三千零五十", 3050],
    ["1.2万人次", 12000],
    ["3千5百", 3500],
    ["0", 0],
    ["零", 0],
    ["无", 0],
    ["共30人次", 30],
    [" 12 ", 12],
    // colloquial: a trailing digit takes the next lower unit (三千五 = 3500, 一万二 = 12000)
    ["三千五", 3500],
    ["一万二", 12000],
    ["两百五", 250],
  ])("%s → %d", (text, value) => {
    expect(count(text)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "not_a_number"],
    ["3.5", "not_integer"],
    ["-3", "negative"],
    ["负三", "negative"],
    ["12元", "not_a_number"],
    ["三百五千", "not_a_number"],
    ["二三百", "not_a_number"],
    ["12 30", "not_a_number"],
    ["百", "not_a_number"],
  ])("%s → %s", (text, reason) => {
    expect(count(text)).toEqual({ ok: false, reason });
  });
});

describe("parseFigure: money in 万元", () => {
  it.each([
    ["3.5万", 3.5],
    ["3500元", 0.35],
    ["1.2万元", 1.2],
    ["0.5", 0.5],
    ["1.15万元", 1.15],
    ["三千五百元", 0.35],
    ["三点五万", 3.5],
    ["２", 2],
    ["12.30", 12.3],
    ["-0", 0],
    ["无", 0],
  ])("%s → %d", (text, value) => {
    expect(money(text)).toEqual({ ok: true, value });
  });

  it("refuses what the form cannot hold instead of rounding", () => {
    expect(money("3501元")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(money("0.125")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(money("-1.5")).toEqual({ ok: false, reason: "negative" });
    expect(money("3家")).toEqual({ ok: false, reason: "not_a_number" });
  });

  it("is exact for every two-decimal amount typed in 元 (no float drift)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (hundredsOfYuan) => {
        const yuan = hundredsOfYuan * 100;
        const result = money(`${yuan}元`);
        expect(result).toEqual({ ok: true, value: Number((hundredsOfYuan / 100).toFixed(2)) });
      }),
    );
  });
});

const ELEVEN: FigureKind[] = ["count", "count", "count", "count", "money_wan", "count", "count", "count", "count", "count", "count"];
const values = (text: string) => parseAllFigures(text, ELEVEN).results.map((r) => (r.ok ? r.value : r.reason));

describe("parseAllFigures", () => {
  const expected = [12, 30, 45, 3, 1.5, 0, 0, 1, 0, 0, 0];

  it("splits on spaces", () => {
    expect(values("12 30 45 3 1.5万 0 0 1 0 0 0")).toEqual(expected);
  });

  it("splits on 、，； and newlines, with Chinese numerals", () => {
    expect(values("十二，三十；四十五、3\n1.5万\n0 0 一 0 0 0")).toEqual(expected);
  });

  it("reads numbered items with labels, ignoring a number-free preamble", () => {
    const text =
      "本月数：1.执法活动 12次 2.出动执法人员 30人次 3.检查生产经营单位 45家 4.立案调查 3起 " +
      "5.经济处罚(万元) 1.5 6.责令停产停业 0 7.暂扣或者吊销许可证照 0 8.取缔关闭 1 9.问责领导干部 0 " +
      "10.行政拘留 0 11.抓捕涉嫌犯罪人员 0";
    expect(values(text)).toEqual(expected);
    expect(values(text.replace(/ (\d+)\.(?=\p{Script=Han})/gu, "\n$1、"))).toEqual(expected);
  });

  it("reads ASCII commas as separators only when that gives the expected count", () => {
    expect(values("12,30,45,3,1.5,0,0,1,0,0,0")).toEqual(expected);
    expect(values("1,234 30 45 3 1.5 0 0 1 0 0 0")[0]).toBe(1234);
  });

  it("reports missing positions and how many were found", () => {
    const result = parseAllFigures("12 30 45", ELEVEN);
    expect(result.found).toBe(3);
    expect(result.results.slice(2, 4)).toEqual([
      { ok: true, value: 45 },
      { ok: false, reason: "empty" },
    ]);
  });

  it("keeps per-position errors", () => {
    expect(values("12 30.5 45 3 1.125 0 0 1 0 0 -1")).toEqual([12, "not_integer", 45, 3, "too_many_decimals", 0, 0, 1, 0, 0, "negative"]);
  });
});
