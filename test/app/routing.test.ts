import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { invalidateRouting } from "../../src/app/routing/routing-cache.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { routingRules, units } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

function validCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

describe.each(DB_KINDS)("routing on seeded data (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  const unitId = async (key: string) => (await deps.db.select({ id: units.id }).from(units).where(eq(units.key, key)))[0].id;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("routes a fire-exit tip in a city district up to the city's fire brigade, explaining the walk-up", async () => {
    const d = await routeTip(deps, { text: "商场把消防通道和安全出口都堵死了", place: "南宁市兴宁区" });
    expect(d.sector).toBe("fire_safety");
    expect(d.jurisdiction.code).toBe("450102");
    expect(d.unit.id).toBe(await unitId("450100:fire"));
    expect(d.unit.name).toBe("南宁市消防救援支队");
    expect(d.tier).toBe("city");
    expect(d.explanation.zh).toMatch(/^行业: 消防.*消防通道.*→ 地点: 广西壮族自治区南宁市兴宁区.*→ 兴宁区无消防单位 → 南宁市消防救援支队$/);
    expect(d.explanation.en).toContain("has no Fire safety unit");
  });

  it("lets the reporter's chosen sector win over the text", async () => {
    const d = await routeTip(deps, { text: "商场把消防通道堵死了", place: "阳朔县", sector: "construction" });
    expect(d.sector).toBe("construction");
    expect(d.sectorSource).toBe("reporter");
    expect(d.unit.id).toBe(await unitId("450321:housing"));
  });

  it("sends an unclear tip to the jurisdiction's 安委办 for manual triage", async () => {
    const d = await routeTip(deps, { text: "这里有问题请来看看", place: "阳朔" });
    expect(d.sector).toBe("other");
    expect(d.unit.id).toBe(await unitId("450321:committee"));
    expect(d.explanation.zh).toContain("阳朔县安委办");
  });

  it("resolves places by full name, short name and city+county, and from the text", async () => {
    const byShort = await routeTip(deps, { text: "工地塔吊没检测就用", place: "兴宁" });
    const byFull = await routeTip(deps, { text: "工地塔吊没检测就用", place: "兴宁区" });
    const byChain = await routeTip(deps, { text: "工地塔吊没检测就用", place: "南宁市兴宁区" });
    const byText = await routeTip(deps, { text: "兴宁区有个工地塔吊没检测就用" });
    for (const d of [byShort, byFull, byChain, byText]) {
      expect(d.jurisdiction.code).toBe("450102");
      expect(d.unit.id).toBe(await unitId("450102:housing"));
    }
    expect(byText.explanation.zh).toContain("文字中");
  });

  it("resolves a shared location to the nearest seeded county and says it is not a boundary match", async () => {
    // 阳朔县城 (Yangshuo town centre), about 110.49 E, 24.78 N.
    const d = await routeTip(deps, { text: "游船超载，没有救生衣", location: { lat: 24.78, lon: 110.49 } });
    expect(d.jurisdiction.code).toBe("450321");
    expect(d.explanation.zh).toContain("共享位置，取最近的已知辖区，非边界匹配");
    const far = await routeTip(deps, { text: "游船超载，没有救生衣", location: { lat: 26.74, lon: 112.66 } }); // 衡南县
    expect(far.jurisdiction.code).toBe("430422");
  });

  it("walks a Hengnan township tip up to the county department", async () => {
    const d = await routeTip(deps, { text: "工地脚手架没有防护网，工人不系安全带", place: "衡南县车江街道" });
    expect(d.jurisdiction.level).toBe("township");
    expect(d.unit.id).toBe(await unitId("430422:housing"));
    expect(d.explanation.zh).toContain("车江街道无建筑施工单位");
  });

  it("matches an enterprise by valid credit code and takes its place and supervising tier", async () => {
    const code = validCode("91450102MA5K00001");
    await upsertEnterprise(deps, {
      name: "南宁市兴安化工有限公司",
      creditCode: code,
      sectorCode: "hazardous_chemicals",
      jurisdictionCode: "450102",
      supervisingLevel: "city",
    });
    const d = await routeTip(deps, { text: `储罐区没有泄漏报警，信用代码${code}`, place: "阳朔" });
    expect(d.enterprise).toMatchObject({ name: "南宁市兴安化工有限公司", via: "credit_code" });
    expect(d.jurisdiction.code).toBe("450100");
    expect(d.unit.id).toBe(await unitId("450100:emergency"));
    expect(d.tier).toBe("city");
    expect(d.explanation.zh).toContain("一家企业对应一级执法主体");
  });

  it("reports a credit code with a wrong check character instead of guessing", async () => {
    const good = validCode("91450102MA5K00002");
    const wrongCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    await upsertEnterprise(deps, {
      name: "兴宁区某某物流有限公司",
      creditCode: good,
      sectorCode: "transport",
      jurisdictionCode: "450102",
      supervisingLevel: "county",
    });
    const d = await routeTip(deps, { text: "车辆超载", enterprise: wrongCheck, place: "阳朔县" });
    expect(d.enterprise).toBeNull();
    expect(d.jurisdiction.code).toBe("450321");
    expect(d.explanation.zh).toContain(`校验位应为 ${good[17]}`);
  });

  it("matches an enterprise name fuzzily (suffixes, brackets, one wrong character) but not a different company", async () => {
    await upsertEnterprise(deps, { name: "衡南县云岭烟花制造有限责任公司", sectorCode: "fireworks", jurisdictionCode: "430422", supervisingLevel: "county" });
    const near = await routeTip(deps, { text: "工房超量存药", enterprise: "（衡南）云岭烟花製造公司" });
    expect(near.enterprise?.name).toBe("衡南县云岭烟花制造有限责任公司");
    expect(near.enterprise?.via).toBe("name");
    expect(near.unit.id).toBe(await unitId("430422:emergency"));
    const other = await routeTip(deps, { text: "工房超量存药", enterprise: "平南县大发鞭炮厂" });
    expect(other.enterprise).toBeNull();
  });

  it("marks immediate danger urgent and alerts the 安委办 one tier up", async () => {
    const d = await routeTip(deps, { text: "兴宁区一个工地基坑塌方，有工人被困", place: "兴宁区" });
    expect(d.urgent).toBe(true);
    expect(d.urgentEvidence.length).toBeGreaterThan(0);
    expect(d.unit.id).toBe(await unitId("450102:housing"));
    expect(d.alsoAlert?.id).toBe(await unitId("450100:committee"));
    const flagged = await routeTip(deps, { text: "塔吊螺栓松动", place: "阳朔县", urgent: true });
    expect(flagged.urgent).toBe(true);
    expect(flagged.alsoAlert?.id).toBe(await unitId("450300:committee"));
    const calm = await routeTip(deps, { text: "塔吊螺栓松动", place: "阳朔县" });
    expect(calm.urgent).toBe(false);
    expect(calm.alsoAlert).toBeNull();
  });

  it("follows an edited routing rule (rules are data)", async () => {
    const target = await unitId("450102:emergency");
    await deps.db.insert(routingRules).values({ sectorCode: "fire_safety", jurisdictionCode: "450102", unitId: target, updatedBy: "test" });
    invalidateRouting(database);
    const d = await routeTip(deps, { text: "消防通道被堵", place: "兴宁区" });
    expect(d.unit.id).toBe(target);
    await deps.db.delete(routingRules).where(and(eq(routingRules.sectorCode, "fire_safety"), eq(routingRules.jurisdictionCode, "450102")));
    invalidateRouting(database);
  });

  it("computes holiday-aware deadlines (a tip the day before National Day)", async () => {
    const d = await routeTip(deps, { text: "消防通道被堵", place: "兴宁区", receivedAt: new Date("2025-09-30T10:00:00+08:00") });
    // 10-01..10-08 are rest days; 10-11 (Saturday) is a make-up workday.
    expect(d.deadlines.receivedDate).toBe("2025-09-30");
    // 5 working days: 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14.
    expect(d.deadlines.acceptance.date).toBe("2025-10-14");
    expect(d.deadlines.acceptance.due.toISOString()).toBe("2025-10-14T15:59:59.999Z");
    // 60 calendar days from 10-14 is Saturday 12-13: rolled to Monday 12-15.
    expect(d.deadlines.verification.date).toBe("2025-12-15");
  });

  it("takes the number of days per step from configuration", async () => {
    const custom = testDeps(database, { env: { TIP_ACCEPTANCE_WORKING_DAYS: "3" } });
    const d = await routeTip(custom, { text: "消防通道被堵", place: "兴宁区", receivedAt: new Date("2025-09-30T10:00:00+08:00") });
    expect(d.deadlines.acceptance.date).toBe("2025-10-11"); // the make-up Saturday counts as a working day
  });

  it("gives an urgent tip a shorter acceptance deadline: 1 working day by default, configurable", async () => {
    const receivedAt = new Date("2025-09-30T10:00:00+08:00");
    const urgent = await routeTip(deps, { text: "消防通道被堵", place: "兴宁区", urgent: true, receivedAt });
    expect(urgent.deadlines.acceptance.date).toBe("2025-10-09"); // 10-01..10-08 are the National Day holiday
    const calm = await routeTip(deps, { text: "消防通道被堵", place: "兴宁区", receivedAt });
    expect(calm.deadlines.acceptance.date).toBe("2025-10-14");
    const custom = testDeps(database, { env: { TIP_URGENT_ACCEPTANCE_WORKING_DAYS: "2" } });
    expect((await routeTip(custom, { text: "消防通道被堵", place: "兴宁区", urgent: true, receivedAt })).deadlines.acceptance.date).toBe("2025-10-10");
  });

  it("reads an English county and scores the sector without the place name (港口区, Qinzhou Port are no port)", async () => {
    const en = await routeTip(deps, {
      text: "Quarry in Songjiang town, Hengnan county: digs at night, permit expired, slope keeps sliding onto the village road",
    });
    expect(en.jurisdiction.fullName).toBe("湖南省衡阳市衡南县松江镇");
    const zh = await routeTip(deps, { text: "港口区有家小厂，工人晚上加班，没人管" });
    expect(zh.jurisdiction.fullName).toBe("广西壮族自治区防城港市港口区");
    expect(zh.sector).not.toBe("transport");
    const chem = await routeTip(deps, { text: "Chem plant in the Qinzhou Port Industrial Zone: new hires run the reactor alone on night shift" });
    expect(chem.sector).not.toBe("transport");
  });
});
