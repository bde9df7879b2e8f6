import { describe, expect, it } from "vitest";
import { detectImmediateDanger } from "../../src/domain/classify/index.js";
import { readCues } from "../../src/domain/classify/danger-read.js";
import { classifySector } from "../../src/domain/classify/classify.js";
import { normalize } from "../../src/domain/classify/normalize.js";

const partsOf = (text: string) => readCues(text).map((c) => c.part);
const level = (text: string) => detectImmediateDanger(text).level;

/** The same scene typed with SMS spaces anywhere between its Chinese words. */
const spaced = (text: string) => [...text].join(" ");

describe("whitespace between Chinese characters", () => {
  it("joins Chinese characters across SMS spaces, half- and full-width", () => {
    expect(normalize("有 人 晕倒").text).toBe("有人晕倒");
    expect(normalize("有\u3000人\t晕倒").text).toBe("有人晕倒");
  });

  it("keeps a space between Chinese and Latin words as a separator", () => {
    expect(normalize("工地 crane").text).not.toContain("工地crane");
  });

  it.each(["有人晕倒 快来", "主扇停了两个钟头 没人撤人", "反应釜压力一直往上涨 班长叫继续"])("reads %s the same however it is spaced", (text) => {
    expect(detectImmediateDanger(spaced(text)).urgent).toBe(detectImmediateDanger(text).urgent);
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });

  it("matches sector vocabulary across SMS spaces too", () => {
    expect(classifySector(spaced("煤矿井下瓦斯超限")).sector).toBe("coal_mine");
  });
});

describe("acute state of a person: urgent alone, in any aspect", () => {
  it.each([
    "仓库里有人晕倒了",
    "罐里一个工人昏迷",
    "工友刚刚晕过去",
    "车上有人流血",
    "someone fainted in the tank",
    "a worker is unconscious",
    "he passed out down there",
  ])("%s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });
  it.each(["上周有人晕倒，现在已经出院了", "He fainted last year"])("not when it is over: %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(false);
  });
});

describe("a process under way that grows", () => {
  it.each(["反应釜压力一直往上涨", "锅炉压力还在升", "the pressure is still rising", "坝子裂缝越来越大了", "裂缝变宽了"])("%s is a hazard", (text) => {
    expect(partsOf(text)).toContain("hazard");
  });
});

describe("gas where it should not be", () => {
  it.each(["天然气管道被挖断了有气味", "楼道里一股煤气味道", "液化气罐泄漏"])("%s is urgent", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });
  it.each(["燃气调压箱被撞歪了，现在闻不到气味", "煤气罐漏气，换了阀，现在没事了"])("%s is not", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(false);
  });
});

describe("exposure now and absence of control", () => {
  it.each([
    ["工人照样在底下干活", "exposed"],
    ["师傅 还在 上面", "exposed"],
    ["workers still going down", "exposed"],
    ["塔吊照常在吊", "unchecked"],
    ["老板叫继续干", "unchecked"],
  ])("%s reads %s", (text, part) => {
    expect(partsOf(text)).toContain(part);
  });

  it("a place left in use is not work pressing on", () => {
    expect(partsOf("那个矿还在开采")).not.toContain("unchecked");
  });

  it("a standing defect plus people still at it is urgent; the defect alone is not", () => {
    expect(detectImmediateDanger("吊篮一边高一边低 师傅还在上面").urgent).toBe(true);
    expect(detectImmediateDanger("吊篮一边高一边低").urgent).toBe(false);
  });
});

describe("fuel beside a flame", () => {
  it("is a hazard in the same or the next clause", () => {
    const cues = readCues("有工人在动火焊接，旁边的罐都是装汽油的");
    expect(cues.some((c) => c.part === "fuel")).toBe(true);
    expect(cues.some((c) => c.part === "flame")).toBe(true);
    expect(detectImmediateDanger("今天有工人在动火焊接，旁边的罐都是装汽油的").urgent).toBe(true);
  });
  it("fuel alone asks nothing", () => {
    expect(level("仓库里放着几桶汽油")).toBe("none");
  });
});

describe("records and resolved accounts", () => {
  it("counted repetitions are a record, not the moment", () => {
    expect(detectImmediateDanger("这栋楼的电梯这一个月困人三次").urgent).toBe(false);
    expect(detectImmediateDanger("电梯困人三次了，现在又困住人了").urgent).toBe(true);
  });
  it("a negated evacuation is still danger", () => {
    expect(detectImmediateDanger("The dam is leaking, the village below hasn't been evacuated").urgent).toBe(true);
    expect(detectImmediateDanger("The dam was leaking; everyone was evacuated").urgent).toBe(false);
  });
  it("an engine started is not a fire", () => {
    expect(detectImmediateDanger("司机睡车上 打着火吹空调").urgent).toBe(false);
  });
});
