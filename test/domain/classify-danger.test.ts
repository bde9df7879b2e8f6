import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectImmediateDanger } from "../../src/domain/classify/index.js";
import { readCues } from "../../src/domain/classify/danger-read.js";
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
    // A named risk silences only its own clause, not the scene that follows it.
    ["存在重大隐患，塔吊已经歪了，下面还有工人", "歪了"],
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
    expect(detectImmediateDanger(text)).toEqual({ urgent: false, level: "none", evidence: [] });
  });
});

describe("detectImmediateDanger on scenes written for these tests (hazard, people, control in many wordings)", () => {
  it.each([
    "井下突然涌水 水越来越大 还有十几个人没升井",
    "隧道里掌子面在掉渣 工人还在里面打钻",
    "楼上装修的在切割 火星掉到楼下的泡沫上 已经冒烟了",
    "工厂车间着火了 里面的人还没出来",
    "The basement is flooding fast and there are still workers down there",
    "Smoke is coming out of the mine shaft and the miners haven't come up",
    "Strong smell of gas in the restaurant kitchen, staff still cooking",
    "A crane is swaying in the wind over the school playground with kids below",
    "塔吊在大风里晃得厉害 下面就是学校操场 学生在上体育课",
    "基坑旁边的围墙往坑里倾斜 越来越厉害 坑里还有人在干活",
    "房子墙体裂开了 还在往下掉砖 里面还住着人 没人管",
    "The ceiling of the hall is sagging and water is pouring through, the concert is still going on with hundreds of people inside",
    "司机一边开车一边打瞌睡 车上都是学生 现在在高速上",
    "The coach driver keeps nodding off at the wheel right now, we are on the highway with 40 passengers",
    "冷库氨气泄漏了 工人都晕了 还有人在里面",
    "游乐场大摆锤停在半空 上面有二十多个人 已经半个小时了",
    "Escalator trapped a child's hand at the mall, staff can't stop it",
    "矿山边坡在往下滑 下面的挖机还在挖",
    "Ferry is overloaded with people and motorbikes, water is coming over the side, we're in the middle of the river",
    "高架桥施工支架垮了 压住了几个工人",
    "加油站油罐车在漏油 旁边有人在抽烟",
    "污水井里有人晕倒了 我们叫不醒他",
    "渣土车翻在路边 司机卡在驾驶室里出不来",
    "KTV着火 烟很大 很多人往外跑 后门锁着",
    "Dam is leaking and the water is rising, the village below hasn't been evacuated",
  ])("flags %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });

  it.each([
    "工地天天加班到半夜，工人很累",
    "塔吊司机没有证，塔吊也没检测",
    "化工厂晚上偷偷排废水，河里的鱼都死了",
    "The ferry company overloads its boats every weekend",
    "去年冬天这个矿透水死了三个人，现在又开工了",
    "这个商场的消防通道一直被占用，物业不管",
    "万一塔吊倒下来，下面的学校就遭殃了",
    "Last year the ceiling of this hall collapsed during a concert",
    "工厂的粉尘很大，工人都没戴口罩，经常有人咳嗽",
    "The petrol station lets customers smoke near the pumps",
    "我们小区的电梯经常坏，上个月困了两次人",
    "自建房加盖到六层，墙上有裂缝，还在住人",
    "烟花店就开在学校对面，没有证",
    "渔船出海不带救生衣，船老板不管",
    "If the scaffolding isn't fixed someone will fall",
    "我们厂车间里堆满了纸箱，电线乱拉，工人就住在车间楼上，老板说没事",
    "工地上工人在脚手架上干活都不系安全带，也没人管",
    "那个加油站现在还在卖散装汽油给摩托车，没有登记",
    "小区地下车库里停满了电动车在充电，楼上住了几百户",
    "化工厂的储罐锈得很厉害，现在还在用，旁边就是村子",
    "这家KTV的安全出口被堆了杂物，晚上人很多",
    "The warehouse workers sleep upstairs above the paint store and the stairs are blocked with boxes",
    "There are cracks in the walls of our school building and the kids are still having classes in it",
    "The quarry blasts every afternoon without any warning and rocks sometimes land near the road",
    "学校旁边的烟花仓库现在还在营业，小孩放学都从门口经过",
    "矿上现在还在用淘汰的绞车运人，钢丝绳都断了几股",
    "那个旅游大巴超载，核载45人坐了50多人，司机说习惯了",
    "冷库现在还有氨味，工人说闻习惯了",
    "我们村后面的尾矿库坝上有裂缝，村民都很担心",
    "The gas station next to the primary school is leaking a bit, you can smell petrol when you walk by",
    "楼道里堆满杂物，住户现在出入都很困难，消防通道也堵了",
    "Workers at the furniture factory are breathing wood dust all day with no masks",
    "商场扶梯经常突然停，现在还在运行，人很多",
    "这个工地现在还在夜间施工，噪音很大，附近居民睡不着",
    "建筑工地的塔吊没有年检，现在每天都在吊东西，下面工人来来往往",
  ])("does not flag %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(false);
  });
});

describe("detectImmediateDanger on SMS shorthand (rn, ppl, pls, 速来, 急急急)", () => {
  it.each([
    "gas leak in our bldg rn, ppl dizzy, pls send help",
    "lift stuck w 3 ppl inside 1hr, no one answers",
    "truck driver drunk rn on G72, swerving all over, pls come",
    "scaffold leaning bad, guys still on it!!",
    "mine flooding, 5 men still down, boss says dont call",
    "速来 厂里锅炉在冒汽 压力表爆表 工人还在旁边",
    "急急急 隧道塌了 里面有人",
    "工棚着火 里面有人睡觉",
    "河边工地围堰快顶不住了 下面十几个工人在干活",
    "Kids are playing on the collapsing wall at the construction site right now",
  ])("flags %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });

  it.each([
    "pls check the gas station near my house, no license",
    "boss makes us work 12hr shifts, machines have no guards",
    "the lift in our bldg broke down 3 times last month",
    "fireworks sold at the market every new year, no permit",
    "工棚里住了几十个工人，电线乱拉",
    "隧道施工没有监测，工人说怕塌",
  ])("does not flag %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(false);
  });
});

describe("detectImmediateDanger on people hurt and left without help", () => {
  it.each([
    "工地有个工人触电了 现在还趴在配电箱上 没人敢碰",
    "有个工人从脚手架上摔下来 躺在地上不动 老板不让打120",
    "Someone just got electrocuted at the construction site and is lying on the ground, the foreman won't call an ambulance",
    "景区入口人太多了 已经有人被挤倒了 后面还在往里涌",
    "高温天工地有个工人中暑晕倒了 工头还叫其他人继续干",
    "地下室里有人烧炭取暖 现在里面的人叫不醒",
    "The tanker on the highway is leaking something yellow and cars are driving through it",
    "矿里有人被矿车撞了 腿压在车下面 还在流血",
    "村里的桥被水冲得摇摇晃晃 学生还在从桥上过",
  ])("flags %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(true);
  });

  it.each([
    "去年工地有个工人触电死了，赔了钱就完事",
    "工地的配电箱没有漏电保护，电线泡在水里",
    "景区节假日人太多，没有限流措施",
    "夏天工地中午还在干活，工人容易中暑",
    "The bridge railing has been broken for months and nobody fixes it",
    "矿车经常掉道，工人上下班都很怕",
  ])("does not flag %s", (text) => {
    expect(detectImmediateDanger(text).urgent).toBe(false);
  });
});

describe("detectImmediateDanger properties", () => {
  const URGENT = [
    "高支模在变形 下面还在浇混凝土",
    "矿井下三个人被困，快来",
    "The scaffolding is leaning badly and workers are still on it",
    "楼道燃气味很重 楼上还有老人在家",
  ];
  const hazard = fc.constantFrom("在漏气", "冒烟了", "在变形", "歪了", "往下掉石头");
  const exposed = fc.constantFrom("下面还有工人", "车上一车人", "楼上还有老人", "好几个小孩");
  const neutral = fc.array(fc.constantFrom(..."书画琴棋茶诗词春秋"), { minLength: 1, maxLength: 30 }).map((a) => a.join(""));

  it("reads any text without throwing, and quotes only from it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 300 }), fc.string({ unit: "binary", maxLength: 60 }), (a, b) => {
        const text = a + b;
        for (const w of detectImmediateDanger(text).evidence) expect(text).toContain(w);
      }),
    );
  });

  it("quotes only the reporter's own words", () => {
    fc.assert(
      fc.property(fc.constantFrom(...URGENT), neutral, (text, extra) => {
        const full = `${extra}。${text}`;
        for (const w of detectImmediateDanger(full).evidence) expect(full).toContain(w);
      }),
    );
  });

  it("stays urgent when an unrelated sentence is added before or after", () => {
    fc.assert(
      fc.property(fc.constantFrom(...URGENT), neutral, fc.boolean(), (text, extra, before) => {
        expect(detectImmediateDanger(before ? `${extra}。${text}` : `${text}。${extra}`).urgent).toBe(true);
      }),
    );
  });

  it("reads a hazard with people there now as urgent, and the same said as a fear or a past event as not", () => {
    fc.assert(
      fc.property(hazard, exposed, (h, x) => {
        expect(detectImmediateDanger(`现在${h}，${x}`).urgent).toBe(true);
        expect(detectImmediateDanger(`万一${h}，${x}`).urgent).toBe(false);
        expect(detectImmediateDanger(`去年${h}`).urgent).toBe(false);
      }),
    );
  });

  it("gives the same verdict for a text and its Cantonese or SMS spelling", () => {
    const spell = (t: string) => t.replace(/了/g, "咗").replace(/没/g, "冇").replace(/在/g, "喺").replace(/还/g, "仲");
    fc.assert(
      fc.property(hazard, exposed, fc.constantFrom("现在", "去年", "万一", ""), (h, x, when) => {
        const text = `${when}${h}，${x}没人管`;
        expect(detectImmediateDanger(spell(text)).urgent).toBe(detectImmediateDanger(text).urgent);
      }),
    );
  });
});
