import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { createUnit } from "../../src/app/manage/create-unit.js";
import { listUnitlessPlaces } from "../../src/app/manage/list-unitless-places.js";
import { previewUnitRetirement } from "../../src/app/manage/preview-unit-retirement.js";
import { renameUnit } from "../../src/app/manage/rename-unit.js";
import { retireUnit } from "../../src/app/manage/retire-unit.js";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { createSession, loadSession } from "../../src/app/staff/sessions.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { CLI_ACTOR, toActor, type StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, liaisons, obligations, outbox, routingRules, staffUsers, tipEvents, tips, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const PW = "correct horse battery staple 42";

describe.each(DB_KINDS)("units created, renamed, retired and merged in the product on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let hengnan: StaffActor;
  let nanning: StaffActor;
  const unitByKey = async (key: string) => (await deps.db.select().from(units).where(eq(units.key, key)))[0];

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    await createStaff(deps, { username: "hn-committee", role: "committee", jurisdictionCode: "430422", password: PW });
    await createStaff(deps, { username: "nn-committee", role: "committee", jurisdictionCode: "450100", password: PW });
    const actor = async (u: string) => toActor((await deps.db.select().from(staffUsers).where(eq(staffUsers.username, u)))[0]);
    hengnan = await actor("hn-committee");
    nanning = await actor("nn-committee");
  }, 120_000);
  afterAll(async () => database?.close());

  it("township-level entries that are not governments have no unit and are listed as such", async () => {
    const places = await listUnitlessPlaces(deps, hengnan, "430422");
    expect(places.map((p) => p.name)).toContain("衡州监狱");
    expect(places.map((p) => p.name)).not.toContain("岐山镇");
    expect(await unitByKey("430422407:township")).toBeUndefined();
    expect(await listUnitlessPlaces(deps, nanning, "430422")).toEqual([]);
  });

  it("creates 岐山办事处 under 衡南县 with its routing rules; other cities' committees cannot", async () => {
    await expect(createUnit(deps, nanning, { name: "岐山办事处", kind: "township", jurisdictionCode: "430422" })).rejects.toMatchObject({ code: "forbidden" });
    const created = await createUnit(deps, hengnan, {
      name: "岐山办事处",
      kind: "township",
      jurisdictionCode: "430422113",
      sectors: ["fireworks"],
      route: true,
    });
    expect(created.key).toBe(`430422113:u${created.id}`);
    const [rule] = await deps.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.jurisdictionCode, "430422113"), eq(routingRules.sectorCode, "fireworks")));
    expect(rule.unitId).toBe(created.id);
    const decision = await routeTip(deps, { text: "岐山镇有人在居民楼里非法储存烟花爆竹", jurisdictionCode: "430422113", sector: "fireworks" });
    expect(decision.unit.id).toBe(created.id);
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(created.id)));
    expect(audit.map((a) => a.action)).toContain("unit.created");
  });

  it("renames a unit, audited with the old name", async () => {
    const unit = await unitByKey("430422113:township");
    await expect(renameUnit(deps, nanning, { unit: unit.id, name: "改名" })).rejects.toMatchObject({ code: "not_found" });
    await renameUnit(deps, hengnan, { unit: unit.key, name: "岐山镇人民政府（新）" });
    expect((await unitByKey(unit.key)).name).toBe("岐山镇人民政府（新）");
    const [entry] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "unit.renamed"), eq(auditLog.entityId, String(unit.id))));
    expect(entry.before).toMatchObject({ name: unit.name });
  });

  it("retiring shows what will move, then moves open tips, duties and rules, stops people, and keeps history", async () => {
    const source = await unitByKey("430422:fire");
    const open = await submitTip(deps, {
      channel: "web",
      text: "衡南县某商场把消防通道堵死了，安全出口也锁着",
      sector: "fire_safety",
      jurisdictionCode: "430422",
    });
    expect(open.routing.unit.id).toBe(source.id);
    await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", year: 2026, actor: "test" });
    // Made after the campaign started, so it holds none of its duties: the source's duties move rather than fold.
    const successor = await createUnit(deps, CLI_ACTOR, { name: "衡南县消防救援大队（新）", kind: "department", jurisdictionCode: "430422" });
    const duties = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.unitId, source.id), eq(obligations.status, "open")));
    await deps.db.insert(liaisons).values({ unitId: source.id });
    await deps.db.insert(liaisons).values({ unitId: successor.id, telegramChatEnc: deps.crypto.encrypt("880055"), locale: "zh-CN" });
    await createStaff(deps, { username: "hn-fire", role: "unit", unit: source.key, password: PW });
    const fireStaff = toActor((await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "hn-fire")))[0]);
    const session = await createSession(deps, fireStaff);
    const rules = await deps.db.select().from(routingRules).where(eq(routingRules.unitId, source.id));

    await expect(previewUnitRetirement(deps, nanning, { unit: source.id, into: successor.id, mode: "retire" })).rejects.toMatchObject({ code: "not_found" });
    await expect(previewUnitRetirement(deps, hengnan, { unit: source.id, into: "450100:fire", mode: "retire" })).rejects.toMatchObject({ code: "not_found" });
    const plan = await previewUnitRetirement(deps, hengnan, { unit: source.id, into: successor.id, mode: "retire" });
    expect(plan).toMatchObject({ openTips: 1, openObligations: duties.length, routingRules: rules.length, liaisons: 1, staff: 1 });
    expect(rules.length).toBeGreaterThan(0);
    // The preview changed nothing.
    expect((await unitByKey(source.key)).active).toBe(true);

    await retireUnit(deps, hengnan, { unit: source.id, into: successor.id, mode: "retire", reason: "机构改革" });
    const after = await unitByKey(source.key);
    expect(after).toMatchObject({ active: false, successorId: successor.id });
    expect(after.retiredAt).toBeInstanceOf(Date);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, open.tipId));
    expect(tip.unitId).toBe(successor.id);
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, open.tipId));
    expect(events.some((e) => e.kind === "transferred" && e.reason === "机构改革")).toBe(true);
    expect(duties.length).toBeGreaterThan(0);
    const moved = await deps.db
      .select({ unitId: obligations.unitId, status: obligations.status })
      .from(obligations)
      .where(
        inArray(
          obligations.id,
          duties.map((d) => d.id),
        ),
      );
    expect(moved.filter((d) => d.unitId !== successor.id || d.status !== "open")).toEqual([]);
    expect(await deps.db.select().from(routingRules).where(eq(routingRules.unitId, source.id))).toEqual([]);
    const decision = await routeTip(deps, { text: "衡南县某商场把消防通道堵死了", jurisdictionCode: "430422", sector: "fire_safety" });
    expect(decision.unit.id).toBe(successor.id);
    expect((await deps.db.select().from(liaisons).where(eq(liaisons.unitId, source.id)))[0].active).toBe(false);
    expect(await loadSession(deps, session.id)).toBeNull();
    const [entry] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "unit.retired"), eq(auditLog.entityId, String(source.id))));
    expect(entry.reason).toBe("机构改革");
    // The successor's liaison is told at once what is now theirs, with the counts; the stopped liaison is not.
    const told = (await deps.db.select().from(outbox)).filter((m) => deps.crypto.decrypt(m.recipientEnc) === "880055");
    expect(told).toHaveLength(1);
    const text = JSON.parse(deps.crypto.decrypt(told[0].payloadEnc!)).text as string;
    expect(text).toContain("衡南县消防救援大队");
    expect(text).toContain("机构改革");
    expect(text).toMatch(new RegExp(`在办举报\\s*1\\s*件、待办任务\\s*${duties.length}\\s*项`));
    await expect(retireUnit(deps, hengnan, { unit: source.id, into: successor.id, mode: "retire", reason: "再来一次" })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("merging moves liaisons and unit accounts too, and retires the source", async () => {
    const source = await unitByKey("430422103:township");
    const target = await unitByKey("430422104:township");
    await deps.db.insert(liaisons).values({ unitId: source.id });
    await createStaff(deps, { username: "hn-chashi", role: "unit", unit: source.key, password: PW });
    const openOf = async (unitId: number) =>
      (
        await deps.db
          .select()
          .from(obligations)
          .where(and(eq(obligations.unitId, unitId), eq(obligations.status, "open")))
      ).length;
    const targetDuties = await openOf(target.id);
    expect(await openOf(source.id)).toBe(targetDuties);
    const plan = await retireUnit(deps, hengnan, { unit: source.key, into: target.key, mode: "merge", reason: "乡镇合并" });
    expect(plan).toMatchObject({ liaisons: 1, staff: 1 });
    const [account] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "hn-chashi"));
    expect(account).toMatchObject({ unitId: target.id, disabled: false });
    expect((await deps.db.select().from(liaisons).where(eq(liaisons.unitId, target.id))).length).toBe(1);
    expect((await unitByKey(source.key)).active).toBe(false);
    // Both townships had the campaign's duties: the target keeps one of each, the source's copies are cancelled, not doubled.
    expect(await openOf(target.id)).toBe(targetDuties);
    expect(await openOf(source.id)).toBe(0);
  });
});
