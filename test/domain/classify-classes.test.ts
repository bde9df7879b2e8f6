import { describe, expect, it } from "vitest";
import { classifySector, detectImmediateDanger } from "../../src/domain/classify/index.js";

/** Classes of tips the blind sets showed missing, each written here by hand (not copied from a data set). */
describe("sector classes", () => {
  it.each([
    // A factory named with nothing else is 工贸 (data/README.md), in Chinese or English.
    ["镇上那家鞋厂的机器好多年没检修，老板也不管", "industry_trade"],
    ["the shoe factory on the bypass has not serviced its machines for years", "industry_trade"],
    // Machine guarding: saw blades, belts and gears without guards.
    ["村口木器厂的锯台冇防护罩，师傅手离锯片好近", "industry_trade"],
    ["At the rice mill the belts and gears are exposed, unguarded", "industry_trade"],
    // Mine words without coal named are a non-coal mine.
    ["后山有人私挖乱采，挖的洞子用树枝盖着", "non_coal_mine"],
    ["An underground mine near the river has no self-rescuers for the workers", "non_coal_mine"],
    ["那个小煤窑井下通风机停了", "coal_mine"],
    // Unpermitted blasting is 民爆 even at a quarry; go-karts are 文旅; "cracked" is not a firecracker.
    ["the quarry up the valley does blasting with no licence", "civil_explosives"],
    ["The go-kart helmets are cracked and the karts have no seat belts", "culture_tourism"],
    // Coal jargon (局扇, 风筒) keeps a mine 煤矿 without the word 煤.
    ["井下局扇老是停，风筒也破了", "coal_mine"],
    // A tanker unloading at a petrol station is the station's (hazardous chemicals), even with the driver smoking; filling stations for gas too.
    ["镇上加油站卸油的时候，油罐车司机在旁边抽烟", "hazardous_chemicals"],
    ["那个CNG加气站的压缩机一直在响", "hazardous_chemicals"],
    ["高速上一辆油罐车司机疲劳驾驶", "transport"],
    // Floors added to an old house are a self-built house (其他), not a construction site.
    ["The owner is adding two more floors on an old brick house next to the school", "other"],
    // A chemical storage company's tanks and alarms are hazardous chemicals even with trucks about.
    ["At the oil storage company the high-level alarms on the storage tanks are off and trucks load at night", "hazardous_chemicals"],
    // Fuel sold loose is a hazardous chemical.
    ["路边摊用塑料桶卖散装汽油", "hazardous_chemicals"],
    // A passenger van packed beyond its seats is road transport.
    ["接送工人的面包车每趟塞十几个人", "transport"],
  ])("%s → %s", (text, sector) => {
    expect(classifySector(text).sector).toBe(sector);
  });
});

describe("urgency classes", () => {
  it.each([
    ["山上石头一直往下滚，下面还有工人在干活，老板不让停", true],
    ["熔炉漏钢水了，工人还站在旁边", true],
    ["渡船进了水，现在在江中间打转，船上满人", true],
    ["仓库着火了，有些老人走不动", true],
    ["刚刚两个人钻进管道里了，没测一氧化碳", true],
    ["The sign on the roof is swinging in the wind right now and has come loose over the sidewalk full of people", true],
    // Guards kept: routine, past and fear.
    ["那个坡经常有石头往下滚", false],
    ["去年那条渡船进了水，后来修好了", false],
    ["万一钢水漏出来，旁边的工人跑都跑不掉", false],
    // A condition on the weather is a fear; 上礼拜 (Cantonese "last week") is the past.
    ["学校后面的土坡一下大雨就往下滑，学生还在上课", false],
    ["上礼拜有个工人的手被卷进去了", false],
    // English: a span already past (this month) and a house let out (rents the rooms) are standing violations.
    ["The paint smell is so strong that three workers fainted this month", false],
    ["He rents the rooms to a dozen workers. The back wall is bulging outwards", false],
  ])("%s → urgent %s", (text, urgent) => {
    expect(detectImmediateDanger(text).urgent).toBe(urgent);
  });
});
