import { describe, expect, it } from "vitest";
import { detectImmediateDanger } from "../../src/domain/classify/index.js";
import { classifySector } from "../../src/domain/classify/classify.js";
import { readCues } from "../../src/domain/classify/danger-read.js";

/**
 * #14 item 1, generalisation: wordings written for these tests (not taken from any tip set) the way a
 * new writer might put an acute scene, built from the parts the rules compose — a process under way in
 * Chinese aspect or an English participle, people in a body state, something falling or going into
 * water, people passing by — and the guards that keep the same words quiet when they tell of the past,
 * a fear, a habit, a source or an outcome.
 */
const level = (text: string) => detectImmediateDanger(text).level;
const parts = (text: string) => readCues(text).map((c) => c.part);

describe("a process under way, in Chinese aspect", () => {
  it.each([
    "矿上的边坡正在往下塌，下面还有挖机司机在干活",
    "仓库顶上的石棉瓦一直在掉，工人还在下面搬货",
    "隧道入面啲石仔一直喺度掉 工友仲喺入面",
    "采场上面的台阶还在垮，拉矿的车照样从底下过",
  ])("%s is urgent", (text) => {
    expect(level(text)).toBe("urgent");
  });

  it("reads 在 + a collapse verb as a hazard, but not 在倒车 / 掉头 / 存在", () => {
    expect(parts("台阶在塌")).toContain("hazard");
    expect(parts("货车在倒车")).not.toContain("hazard");
    expect(parts("车子在掉头")).not.toContain("hazard");
  });

  it("keeps the past and the fear quiet", () => {
    expect(level("矿上的边坡正在往下塌，下面有工人")).toBe("urgent");
    expect(level("去年矿上的边坡往下塌过，下面有工人")).toBe("none");
    expect(level("万一边坡在塌，下面的工人都跑不掉")).toBe("none");
  });
});

describe("things heading down onto people or into water", () => {
  it.each(["拆迁工地的砖头直接从四楼往下扔，街上行人来来往往", "山上的石头往村道上滚，车还在过", "一辆三轮车冲到鱼塘里去了 人还在车上 快来"])(
    "%s is urgent",
    (text) => {
      expect(level(text)).toBe("urgent");
    },
  );

  it("people passing by are exposed", () => {
    expect(parts("下面行人来来往往")).toContain("exposed");
    expect(parts("cars passing right by it")).toContain("exposed");
  });
});

describe("people in a body state are caught in it", () => {
  it.each([
    "搅拌站那边一股臭鸡蛋味，好几个工人头晕想吐",
    "smells like rotten eggs near the pulp mill drain and two of the men feel dizzy",
    "people vomiting on the ferry right now",
  ])("%s is urgent", (text) => {
    expect(level(text)).toBe("urgent");
  });

  it("an outcome already settled silences it", () => {
    expect(level("everyone vomiting on the ferry right now")).toBe("urgent");
    expect(level("everyone vomiting on the ferry, arrived ok")).not.toBe("urgent");
    expect(level("two of the men felt dizzy yesterday but everyone was evacuated")).not.toBe("urgent");
  });
});

describe("English: participles, manner adverbs, alarms, overcrowding", () => {
  it.each([
    "the retaining wall behind the school bulging and shedding stones, kids walking past it right now",
    "the bridge formwork is slowly sagging while they keep pouring concrete, crew underneath",
    "the river rising fast around the construction camp, 40 workers asleep in the huts",
    "The gas alarm is going off in the boiler room and the night shift is still working",
    "minibus for 14 with about 25 people inside, going fast on the mountain road right now",
    "16 seat van with 28 passengers on the county road now",
    "a load of steel bars swaying on every bend, i'm right behind it now",
    "Kids are lighting firecrackers right next to the fireworks stall",
  ])("%s is urgent", (text) => {
    expect(level(text)).toBe("urgent");
  });

  it("an adverb of manner keeps the progressive, a sentence adverb does not make it now", () => {
    expect(level("the roof is visibly sagging over the students")).toBe("urgent");
    expect(parts("the company is actually quarrying")).not.toContain("now");
  });

  it("a participle after an article or a negation is a description, not a process", () => {
    expect(level("the roof sagging over the students right now")).toBe("urgent");
    expect(level("a sagging roof over the students right now")).not.toBe("urgent");
  });

  it("a simple present is a habit: the crane swings loads over the playground", () => {
    expect(level("the tower crane swings loads over the kids playground")).not.toBe("urgent");
    expect(level("the tower crane is swinging loads over the kids playground right now")).toBe("urgent");
  });

  it("nobody warned is out of control", () => {
    expect(parts("nobody in the village below seems to have been warned")).toContain("unchecked");
  });
});

describe("a cigarette is a flame to explosives, not to fuel", () => {
  it("smoking beside a tanker unloading is a standing violation; beside fireworks in a crowd it is urgent; welding beside fuel is urgent", () => {
    expect(level("加油站卸油的时候，油罐车旁边有个司机在抽烟")).not.toBe("urgent");
    expect(level("gas station, tanker unloading and the driver smoking right next to it")).not.toBe("urgent");
    expect(level("镇上路边一台车装满鞭炮在卖，旁边有人食烟，人好多")).toBe("urgent");
    expect(level("油罐旁边有人在电焊，工人都在旁边")).toBe("urgent");
  });
});

describe("a person who tells is a source, not someone exposed", () => {
  it("老人家讲 / the villagers say", () => {
    expect(level("村里老人家讲后山的洞塌咗")).not.toBe("urgent");
    expect(level("后山的洞塌咗 老人家还在下面")).toBe("urgent");
    expect(parts("the villagers say the pit collapsed")).not.toContain("exposed");
  });
});

describe("English sector: the vocabulary a visitor uses", () => {
  it.each([
    ["the glass walkway over the gorge has a cracked pane", "culture_tourism"],
    ["the speedboat ride at the beach takes 12 people with no vests", "culture_tourism"],
    ["hiking trail in the national park, the handrail on the cliff section is gone", "culture_tourism"],
    ["there's an adit dug into the hillside without timber supports", "non_coal_mine"],
    ["a mobile crane with its outriggers on soft fill, lifting steel over the site office", "construction"],
    ["workers climb into the grain silo without a harness", "industry_trade"],
    ["the fire brigade had to get two kids out of the elevator in our apartment block", "other"],
  ])("%s → %s", (text, sector) => {
    expect(classifySector(text).sector).toBe(sector);
  });

  it("bottled gas at a stall is town gas (其他), named as evidence", () => {
    expect(classifySector("the noodle stall keeps two gas bottles next to the fryer")).toMatchObject({
      sector: "other",
      best: "other",
      evidence: ["gas bottles"],
    });
  });
});

describe("Chinese sector words a dialect writer uses", () => {
  it.each([
    ["商场外面搭的棚架歪咗 冇人理", "construction"],
    ["镇上那段路有台车翻到沟里，司机还在里面", "transport"],
    ["啲工人夜晚瞓喺车间入面 门口堆满纸箱", "fire_safety"],
  ])("%s → %s", (text, sector) => {
    expect(classifySector(text).sector).toBe(sector);
  });
});
