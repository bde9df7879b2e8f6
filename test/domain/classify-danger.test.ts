import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectImmediateDanger } from "../../src/domain/classify/index.js";
import { readCues } from "../../src/domain/classify/danger.js";
import { foldDialect } from "../../src/domain/classify/normalize.js";

const partsOf = (text: string) => readCues(text).map((c) => `${c.part}:${c.quote}`);

describe("urgency parts", () => {
  it.each([
    ["高支模在变形 下面还在浇混凝土", ["hazard:变形", "unchecked:还在浇"]],
    ["脚手架歪了 上面还有工人在干活", ["hazard:歪了", "now:还有工人", "exposed:上面还有工人"]],
    ["The formwork is bending while they are still pouring concrete", ["hazard:is bending", "unchecked:still pouring"]],
    ["电梯困人一个小时了 物业电话打不通", ["event:困人", "duration:一个小时了", "unchecked:打不通"]],
    ["校车核载十九座 装了三十个小孩", ["exposed:三十个小孩"]],
    ["The bus is packed and the driver is drunk", ["weak:packed", "weak:drunk"]],
  ])("reads the parts of %s", (text, parts) => {
    expect(partsOf(text)).toEqual(expect.arrayContaining(parts));
  });

  it("folds Cantonese and SMS function words one character for one", () => {
    expect(foldDialect("透水咗 仲有人喺下面冇上嚟")).toBe("透水了 还有人在下面没上来");
    expect(foldDialect("裂咯 搞乜")).toBe("裂了 做什");
  });

  it("does not count a capacity as people present", () => {
    expect(partsOf("核载39人坐了48个")).not.toContain("exposed:39人");
  });
});

describe("detectImmediateDanger on the cases of issue #14", () => {
  it.each([
    ["村里液化气站漏气了，好几个村民头晕恶心，味道还很大", "漏气"],
    ["Gas is leaking at the LPG depot and several villagers are dizzy, the smell is still strong", "leak"],
    ["小区电梯关了人一个多小时了 还没人来", "关了人"],
    ["The lift has been stuck with two people inside for an hour and nobody answers the emergency phone", "stuck"],
    ["乡村班车超载 一车塞了三十多人 司机还喝了酒 正在往县城开", "超载"],
    ["The rural bus is carrying far too many passengers right now and the driver is drunk", "drunk"],
    ["工地脚手架歪了 上面还有工人在干活 快来", "歪"],
    ["The scaffolding is leaning badly and workers are still on it", "is leaning"],
    ["高支模在变形 下面还在浇混凝土", "变形"],
    ["高支模已经压弯了 工人还在上面打混凝土 没人叫停", "压弯"],
    ["矿上透水咗 仲有人喺下面冇上嚟", "透水"],
    ["货车司机开了二十个小时没休息 现在还在高速上开", "没休息"],
    ["渔船翻了 三个人掉海里了", "掉海里"],
    ["There is a strong gas smell in our building right now and people can't get out", "can't get out"],
  ])("flags %s", (text, word) => {
    const d = detectImmediateDanger(text);
    expect(d.urgent).toBe(true);
    expect(d.evidence.join("|")).toContain(word);
  });

  it.each([
    "万一燃气漏了，整栋楼的人都跑不掉",
    "要是脚手架倒了，上面的工人都得摔下来",
    "If the formwork collapses while they pour, the workers under it would be crushed",
    "去年电梯困过人，物业一直不修",
    "上个月高支模塌了一次，压伤了两个工人",
    "Yesterday the scaffolding collapsed and two workers were hurt",
    "The lift got stuck between floors with my neighbour inside for 40 minutes last week",
    "Last month the bus was overloaded and the driver was drunk",
    "半挂车天天超载 司机经常疲劳驾驶",
    "南宁一家旅行社组团的大巴 核载39人坐了48个",
    "脚手架没挂安全网，也没有验收",
    "The fire extinguishers in the mall are expired and the fire exit is locked.",
  ])("does not flag a fear, a past account or a standing defect: %s", (text) => {
    expect(detectImmediateDanger(text)).toEqual({ urgent: false, evidence: [] });
  });
});

describe("detectImmediateDanger properties", () => {
  const URGENT = ["高支模在变形 下面还在浇混凝土", "矿井下三个人被困，快来", "The scaffolding is leaning badly and workers are still on it", "楼道燃气味很重 楼上还有老人在家"];
  const hazard = fc.constantFrom("在漏气", "冒烟了", "在变形", "歪了", "往下掉石头");
  const exposed = fc.constantFrom("下面还有工人", "车上一车人", "楼上还有老人", "好几个小孩");
  const neutral = fc.array(fc.constantFrom(..."书画琴棋茶诗词春秋"), { minLength: 1, maxLength: 30 }).map((a) => a.join(""));

  it("quotes only the reporter's own words", () => {
    fc.assert(fc.property(fc.constantFrom(...URGENT), neutral, (text, extra) => {
      const full = `${extra}。${text}`;
      for (const w of detectImmediateDanger(full).evidence) expect(full).toContain(w);
    }));
  });

  it("stays urgent when an unrelated sentence is added before or after", () => {
    fc.assert(fc.property(fc.constantFrom(...URGENT), neutral, fc.boolean(), (text, extra, before) => {
      expect(detectImmediateDanger(before ? `${extra}。${text}` : `${text}。${extra}`).urgent).toBe(true);
    }));
  });

  it("reads a hazard with people there now as urgent, and the same said as a fear or a past event as not", () => {
    fc.assert(fc.property(hazard, exposed, (h, x) => {
      expect(detectImmediateDanger(`现在${h}，${x}`).urgent).toBe(true);
      expect(detectImmediateDanger(`万一${h}，${x}`).urgent).toBe(false);
      expect(detectImmediateDanger(`去年${h}`).urgent).toBe(false);
    }));
  });

  it("gives the same verdict for a text and its Cantonese or SMS spelling", () => {
    const spell = (t: string) => t.replace(/了/g, "咗").replace(/没/g, "冇").replace(/在/g, "喺").replace(/还/g, "仲");
    fc.assert(fc.property(hazard, exposed, fc.constantFrom("现在", "去年", "万一", ""), (h, x, when) => {
      const text = `${when}${h}，${x}没人管`;
      expect(detectImmediateDanger(spell(text)).urgent).toBe(detectImmediateDanger(text).urgent);
    }));
  });
});
