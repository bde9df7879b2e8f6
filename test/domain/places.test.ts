import { describe, expect, it } from "vitest";
import divisions from "../../src/db/seed/divisions.json" with { type: "json" };
import { createPlaceIndex, resolvePlace, shortName, type PlaceInput } from "../../src/domain/places/index.js";
import { findMentions } from "../../src/domain/places/find-mentions.js";

const rows = divisions as PlaceInput[];
const index = createPlaceIndex(rows);
const byCode = new Map(rows.map((r) => [r.code, r]));
const text = (t: string) => resolvePlace(index, { text: t });
const place = (p: string) => resolvePlace(index, { place: p });
/** Codes are looked up by the chain of names, so a test reads as the place it means. */
function codeOf(fullName: string): string {
  const hit = rows.find((r) => fullNameOf(r) === fullName);
  if (!hit) throw new Error(`no seeded jurisdiction ${fullName}`);
  return hit.code;
}
function fullNameOf(r: PlaceInput): string {
  return (r.parentCode ? fullNameOf(byCode.get(r.parentCode)!) : "") + r.name;
}

describe("shortName", () => {
  it.each([
    ["兴宁区", "county", "兴宁"],
    ["阳朔县", "county", "阳朔"],
    ["岐山镇", "township", "岐山"],
    ["广西壮族自治区", "province", "广西"],
    ["南宁市", "city", "南宁"],
    ["车江街道", "township", "车江"],
    ["长洲区", "county", "长洲"],
    ["北流市", "county", "北流"],
    ["恭城瑶族自治县", "county", "恭城"],
    ["龙胜各族自治县", "county", "龙胜"],
    ["金秀瑶族自治县", "county", "金秀"],
    ["大化瑶族自治县", "county", "大化"],
    ["融水苗族自治县", "county", "融水"],
    ["十万山瑶族乡", "township", "十万山"],
    ["足别瑶族苗族乡", "township", "足别"],
    ["新疆维吾尔自治区", "province", "新疆"],
  ] as const)("%s → %s", (name, level, short) => {
    expect(shortName(name, level)).toBe(short);
  });

  it.each([
    ["城中区", "county"],
    ["城区", "county"],
    ["江南区", "county"],
    ["港口区", "county"],
    ["藤县", "county"],
    ["资源县", "county"],
    ["城厢镇", "township"],
    ["经济技术开发区", "township"],
    ["衡州监狱", "township"],
  ] as const)("keeps %s whole: too short, an ordinary phrase, or no suffix to drop", (name, level) => {
    expect(shortName(name, level)).toBe(name);
  });

  it("gives every seeded jurisdiction its own name or a shorter prefix of two or more characters", () => {
    for (const r of rows) {
      const s = shortName(r.name, r.level);
      expect(s === r.name || (s.length >= 2 && s.length < r.name.length && r.name.startsWith(s)), `${r.name} → ${s}`).toBe(true);
    }
  });
});

describe("resolvePlace by name", () => {
  it.each([
    ["兴宁区", "广西壮族自治区南宁市兴宁区"],
    ["兴宁", "广西壮族自治区南宁市兴宁区"],
    ["南宁市兴宁区", "广西壮族自治区南宁市兴宁区"],
    ["阳朔", "广西壮族自治区桂林市阳朔县"],
    ["岐山镇", "湖南省衡阳市衡南县岐山镇"],
    ["衡南县车江街道", "湖南省衡阳市衡南县车江街道"],
    ["钦北区新丰农贸市场", "广西壮族自治区钦州市钦北区"],
    ["三江县城", "广西壮族自治区柳州市三江侗族自治县"],
    ["恭城", "广西壮族自治区桂林市恭城瑶族自治县"],
    ["广西", "广西壮族自治区"],
  ])("%s → %s", (input, fullName) => {
    const r = text(input);
    expect(r.jurisdiction).toEqual({ ...r.jurisdiction, code: codeOf(fullName), fullName });
    expect(r.source).toBe("text");
  });

  it("names the matched strings in order, and reads 朝阳路 as a road rather than 朝阳街道", () => {
    expect(text("南宁市兴宁区朝阳路").matched).toEqual(["南宁市", "兴宁区"]);
    expect(text("兴宁区朝阳那边").jurisdiction?.code).toBe(codeOf("广西壮族自治区南宁市兴宁区朝阳街道"));
  });

  it("reads a township 简称 that is an everyday phrase (开山, 一个月里, 旧城改造) only with its county", () => {
    expect(text("厂区后面开山采石，没有采矿许可证").jurisdiction).toBeNull();
    expect(text("一个月里有两个工人的手被压伤").jurisdiction).toBeNull();
    expect(text("旧城改造的拆除工程没有拆除方案").jurisdiction).toBeNull();
    expect(text("八步开山那个石场").jurisdiction?.code).toBe(codeOf("广西壮族自治区贺州市八步区开山镇"));
  });

  it("reads X街上 as the streets of the town or county X, not as a street named after it", () => {
    expect(text("车江街上有个小卖部卖散装汽油").jurisdiction?.code).toBe(codeOf("湖南省衡阳市衡南县车江街道"));
    expect(text("富川街上那个饭店煤气胶管破了").jurisdiction?.code).toBe(codeOf("广西壮族自治区贺州市富川瑶族自治县"));
    expect(text("冠市街上有个人在家里分装硫酸").jurisdiction?.code).toBe(codeOf("湖南省衡阳市衡南县冠市镇"));
    expect(text("车江街那家店").jurisdiction).toBeNull();
  });

  it("splits the text so that the names cover most of it: 横州镇龙 is 横州 + 镇龙, not 横州镇 + 龙", () => {
    expect(text("横州镇龙那边有个厂")).toMatchObject({
      matched: ["横州", "镇龙"],
      jurisdiction: { code: codeOf("广西壮族自治区南宁市横州市镇龙乡") },
    });
  });

  it("resolves every Hengnan township by 全称 (alone when no other place shares it), and by 衡南 + 简称", () => {
    const townships = rows.filter((r) => r.parentCode === "430422");
    expect(townships.length).toBeGreaterThan(20);
    for (const t of townships) {
      const unique = rows.filter((r) => r.name === t.name).length === 1;
      // 衡州监狱 has no administrative suffix: like 经济技术开发区, it needs its county named.
      if (unique && /(镇|乡|街道)$/.test(t.name)) expect(text(`${t.name}有个厂`).jurisdiction?.code, t.name).toBe(t.code);
      expect(text(`衡南县${t.name}有个厂`).jurisdiction?.code, t.name).toBe(t.code);
      expect(text(`衡南${shortName(t.name, "township")}那边`).jurisdiction?.code, t.name).toBe(t.code);
    }
  });

  it("reads 岐山办事处 (the Hengnan plan's name) and 黄姚古镇 as their townships", () => {
    expect(text("岐山办事处").jurisdiction?.code).toBe(codeOf("湖南省衡阳市衡南县岐山镇"));
    expect(text("黄姚古镇外面").jurisdiction?.code).toBe(codeOf("广西壮族自治区贺州市昭平县黄姚镇"));
  });
});

describe("resolvePlace disambiguation", () => {
  it("picks the homonym under the county or city that is named", () => {
    expect(text("阳朔县白沙镇").jurisdiction?.code).toBe(codeOf("广西壮族自治区桂林市阳朔县白沙镇"));
    expect(text("柳北长塘镇").jurisdiction?.code).toBe(codeOf("广西壮族自治区柳州市柳北区长塘镇"));
    expect(text("青秀区长塘镇").jurisdiction?.code).toBe(codeOf("广西壮族自治区南宁市青秀区长塘镇"));
  });

  it("resolves every township homonym once its county is named", () => {
    const names = new Map<string, PlaceInput[]>();
    for (const r of rows.filter((r) => r.level === "township")) names.set(r.name, [...(names.get(r.name) ?? []), r]);
    const homonyms = [...names.values()].filter((g) => g.length > 1).flat();
    expect(homonyms.length).toBeGreaterThan(50);
    for (const t of homonyms) {
      expect(text(`${byCode.get(t.parentCode!)!.name}${t.name}`).jurisdiction?.code, fullNameOf(t)).toBe(t.code);
    }
  });

  it("falls back to the common ancestor, with a note, when nothing tells homonyms apart", () => {
    const r = text("白沙镇有个石场");
    expect(r.jurisdiction?.code).toBe("450000");
    expect(r.note).toMatch(/白沙镇 names 5 places/);
  });

  it("prefers the county under the city that is named (城中区, 江南区, 苍梧)", () => {
    expect(text("柳州城中区那个商场").jurisdiction?.code).toBe(codeOf("广西壮族自治区柳州市城中区"));
    expect(text("南宁江南区沙井那边").jurisdiction?.code).toBe(codeOf("广西壮族自治区南宁市江南区沙井街道"));
    expect(text("梧州往苍梧那边").jurisdiction?.code).toBe(codeOf("广西壮族自治区梧州市苍梧县"));
  });

  it("lets a township 简称 that names nothing else stand alone, and yield to a county named elsewhere in the text", () => {
    expect(text("侨港那边有个冷库").jurisdiction?.code).toBe(codeOf("广西壮族自治区北海市银海区侨港镇"));
    expect(text("拉堡有个工地").jurisdiction?.code).toBe(codeOf("广西壮族自治区柳州市柳江区拉堡镇"));
    // 红水 is a 乡 in 融水 and part of the river's name: the county named (大化) wins.
    expect(text("大化红水河边有人炸鱼").jurisdiction?.code).toBe(codeOf("广西壮族自治区河池市大化瑶族自治县"));
  });

  it("trusts a township 简称 shared with another place only when its county or city is named", () => {
    expect(text("北海侨港那边有个冷库").jurisdiction?.code).toBe(codeOf("广西壮族自治区北海市银海区侨港镇"));
    // 保安 is also an ordinary word (a guard): only 都安 itself vouches for 保安乡.
    expect(text("河池一个厂，白天是保安在看").jurisdiction?.code).toBe(codeOf("广西壮族自治区河池市"));
    expect(text("都安保安那边").jurisdiction?.code).toBe(codeOf("广西壮族自治区河池市都安瑶族自治县保安乡"));
  });
});

describe("resolvePlace does not match short names inside other words", () => {
  it.each(["每天等着人来", "安居乐业", "都安排好了", "扩大化工园区", "矿产资源开发", "兴业银行门口"])("%s → nothing", (t) => {
    expect(text(t).jurisdiction).toBeNull();
  });

  it.each([
    ["天等那边有个矿", "广西壮族自治区崇左市天等县"],
    ["乐业有个矿", "广西壮族自治区百色市乐业县"],
    ["都安那边", "广西壮族自治区河池市都安瑶族自治县"],
    ["兴业县城边上", "广西壮族自治区玉林市兴业县"],
  ])("but finds the same names standing alone: %s", (t, fullName) => {
    expect(text(t).jurisdiction?.code).toBe(codeOf(fullName));
  });
});

describe("resolvePlace priority", () => {
  it("takes a known code over the place field and the text", () => {
    const r = resolvePlace(index, { code: "450102", place: "阳朔县", text: "钦北区" });
    expect(r).toMatchObject({ source: "code", matched: ["450102"], jurisdiction: { name: "兴宁区", fullName: "广西壮族自治区南宁市兴宁区" } });
    expect(resolvePlace(index, { code: "45" }).jurisdiction?.code).toBe("450000");
    expect(resolvePlace(index, { code: "450102000000" }).jurisdiction?.code).toBe("450102");
    expect(resolvePlace(index, { code: "430422002000" }).jurisdiction?.code).toBe("430422002");
  });

  it("falls through an unknown code to the place field, saying so", () => {
    const r = resolvePlace(index, { code: "999999", place: "阳朔县", text: "钦北区" });
    expect(r).toMatchObject({ source: "place", jurisdiction: { name: "阳朔县" } });
    expect(r.note).toMatch(/999999/);
  });

  it("takes the place field over the text, and the text when the place is unknown", () => {
    expect(resolvePlace(index, { place: "阳朔县", text: "钦北区" }).jurisdiction?.name).toBe("阳朔县");
    const r = resolvePlace(index, { place: "我家附近", text: "钦北区" });
    expect(r).toMatchObject({ source: "text", jurisdiction: { name: "钦北区" } });
  });

  it("counts township 简称 in the place field without other context", () => {
    expect(place("黎塘").jurisdiction?.code).toBe(codeOf("广西壮族自治区南宁市宾阳县黎塘镇"));
    expect(place("衡阳").jurisdiction?.code).toBe(codeOf("湖南省衡阳市"));
  });

  it("returns null for an unknown place", () => {
    const r = resolvePlace(index, { place: "火星基地", text: "不知道在哪里" });
    expect(r).toMatchObject({ jurisdiction: null, source: "none", matched: [] });
  });
});

describe("resolvePlace by location", () => {
  it("says no coordinate data is available for the seeded divisions", () => {
    const r = resolvePlace(index, { location: { lat: 22.82, lon: 108.37 } });
    expect(r).toMatchObject({ jurisdiction: null, source: "none" });
    expect(r.note).toMatch(/no coordinate data/);
  });

  it("uses the nearest centroid, and says it is not a boundary match, when coordinates are given", () => {
    const located = createPlaceIndex([
      { code: "450000", name: "广西壮族自治区", parentCode: null, level: "province", lat: 23.8, lon: 108.8 },
      { code: "450100", name: "南宁市", parentCode: "450000", level: "city", lat: 22.82, lon: 108.37 },
      { code: "450300", name: "桂林市", parentCode: "450000", level: "city", lat: 25.27, lon: 110.29 },
    ]);
    const r = resolvePlace(located, { location: { lat: 25.0, lon: 110.4 } });
    expect(r).toMatchObject({ source: "location", jurisdiction: { code: "450300" } });
    expect(r.note).toMatch(/nearest seeded jurisdiction.*not a boundary match/);
    expect(resolvePlace(located, { text: "南宁", location: { lat: 25.0, lon: 110.4 } }).source).toBe("text");
  });
});

describe("place mentions read once per text", () => {
  it("answers a text read again (masking, then resolving) as the first time, per index, whatever the caller did with the first answer", () => {
    const text = "兴宁区三塘镇有个工地塔吊在晃";
    const first = findMentions(index, text, "text");
    expect(first.map((m) => m.surface)).toEqual(["兴宁区", "三塘镇"]);
    first.length = 0; // a caller's own array: emptying it changes nothing for the next reader
    expect(findMentions(index, text, "text").map((m) => m.surface)).toEqual(["兴宁区", "三塘镇"]);
    expect(resolvePlace(index, { text })).toMatchObject({ source: "text", jurisdiction: { name: "三塘镇" } });
    // Another index (fewer places) is read afresh, not served the first index's answer.
    const small = createPlaceIndex([
      { code: "450000", name: "广西壮族自治区", parentCode: null, level: "province" },
      { code: "450100", name: "南宁市", parentCode: "450000", level: "city" },
      { code: "450102", name: "兴宁区", parentCode: "450100", level: "county" },
    ]);
    expect(findMentions(small, text, "text").map((m) => m.surface)).toEqual(["兴宁区"]);
    expect(findMentions(index, text, "place").map((m) => m.surface)).toEqual(["兴宁区", "三塘镇"]);
  });
});
