import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { createInvite } from "../../src/app/liaisons/create-invite.js";
import { sendPlanReminders } from "../../src/app/reminders/plan-reminders-enforcement.js";
import { supervisorUnitOf } from "../../src/app/reminders/supervisor-unit.js";
import type { Deps } from "../../src/app/deps.js";
import { createDraw, getPublicDraw, verifyDraw } from "../../src/app/enforcement/draws.js";
import { approvePlan, editPlanItem, generatePlan, generatePlans, getPlan, planProgress } from "../../src/app/enforcement/plans.js";
import { setFrequency, setSupervision, supervisedEnterprises } from "../../src/app/enforcement/supervision.js";
import { addInspector } from "../../src/app/inspectors/roster.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import {
  auditLog,
  enforcementPlans,
  enterprises,
  liaisons,
  outbox,
  inspectionInspectors,
  inspections,
  inspectorConflicts,
  planItems,
  units,
} from "../../src/db/schema.js";
import { runDraw } from "../../src/domain/enforcement.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

type Seed = Partial<typeof enterprises.$inferInsert> & { name: string; sectorCode: string };

describe.each(DB_KINDS)("enforcement plans and draws on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let unitId: number;
  let planId: number;
  const ids: Record<string, number[]> = {};
  const generator: StaffActor = { id: 1, username: "hn1", displayName: "HN1", role: "committee", jurisdictionCode: "430422", unitId: null, locale: "zh-CN" };
  const approver: StaffActor = { ...generator, id: 2, username: "hn2" };

  async function seed(group: string, n: number, e: Omit<Seed, "name">) {
    const rows = await deps.db
      .insert(enterprises)
      .values(
        Array.from({ length: n }, (_, i) => ({
          name: `${group}企业${i}`,
          nameNorm: `${group}企业${i}`,
          jurisdictionCode: "430422001",
          supervisingLevel: "county" as const,
          ...e,
          sectorCode: e.sectorCode,
        })),
      )
      .returning({ id: enterprises.id });
    ids[group] = rows.map((r) => r.id);
  }

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    [{ id: unitId }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "430422:emergency"));
    await seed("mine", 10, { sectorCode: "non_coal_mine", riskClass: "good" });
    await seed("chem", 5, { sectorCode: "hazardous_chemicals", riskClass: "average" });
    await seed("poor", 3, { sectorCode: "industry_trade", riskClass: "poor", riskReasons: ["major_hazard"] });
    await seed("confined", 2, { sectorCode: "industry_trade", riskClass: "good", keyActivity: "confined_space" });
    await seed("rest", 40, { sectorCode: "industry_trade", riskClass: "good" });
    await seed("black", 1, { sectorCode: "industry_trade", riskClass: "good", blacklisted: true });
    await seed("building", 2, { sectorCode: "construction", riskClass: "poor" });
    await seed("city", 2, { sectorCode: "hazardous_chemicals", riskClass: "poor", supervisingLevel: "city" });
    await seed("alone", 1, { sectorCode: "industry_trade", riskClass: "average", jurisdictionCode: "430422103" });
  });
  afterAll(async () => database?.close());

  it("supervises by the router's walk: the county bureau's sectors at county level, not construction or city-supervised ones", async () => {
    const mine = new Set((await supervisedEnterprises(deps, unitId)).map((e) => e.id));
    for (const g of ["mine", "chem", "poor", "confined", "rest", "black", "alone"]) for (const id of ids[g]) expect(mine.has(id)).toBe(true);
    for (const g of ["building", "city"]) for (const id of ids[g]) expect(mine.has(id)).toBe(false);
  });

  it("a plan covers every key-sector enterprise, 重点 at 4 a year, and the stated random share of the rest; approval needs a second person", async () => {
    const plan = await generatePlan(deps, generator, { unitId, year: 2027, randomRatePct: 25 });
    planId = plan.planId;
    const items = await deps.db.select().from(planItems).where(eq(planItems.planId, plan.planId));
    const count = (id: number) => items.filter((i) => i.enterpriseId === id).length;
    for (const g of ["mine", "chem", "confined"]) for (const id of ids[g]) expect(count(id)).toBeGreaterThanOrEqual(1);
    for (const id of [...ids.poor, ...ids.black]) expect(count(id)).toBe(4);
    for (const id of ids.poor) expect(new Set(items.filter((i) => i.enterpriseId === id).map((i) => i.month)).size).toBe(4);
    const random = items.filter((i) => i.basis === "random");
    expect(random).toHaveLength(10); // 25 % of the 40 承诺 enterprises outside key sectors
    expect(random.every((i) => ids.rest.includes(i.enterpriseId))).toBe(true);
    expect(items.some((i) => [...ids.building, ...ids.city].includes(i.enterpriseId))).toBe(false);
    const perMonth = Array.from({ length: 12 }, (_, m) => items.filter((i) => i.month === m + 1).length);
    expect(Math.max(...perMonth) - Math.min(...perMonth)).toBeLessThanOrEqual(3);

    await expect(generatePlan(deps, generator, { unitId, year: 2027, randomRatePct: 25 })).rejects.toMatchObject({ code: "invalid_input" });
    const again = await generatePlan(deps, approver, { unitId, year: 2027, randomRatePct: 50, reason: "比例调整" });
    expect(again.regenerated).toBe(true);
    expect(again.byBasis.random).toBe(20);
    await expect(approvePlan(deps, approver, plan.planId)).rejects.toMatchObject({ code: "forbidden" });
    await approvePlan(deps, generator, plan.planId);
    await expect(generatePlan(deps, generator, { unitId, year: 2027, randomRatePct: 10, reason: "再来" })).rejects.toMatchObject({ code: "conflict" });
    const actions = (
      await deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(plan.planId)))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["plan.generated", "plan.regenerated", "plan.approved"]));
  });

  it("items move, are removed with a reason and added by hand, audited; progress counts recorded inspections", async () => {
    const plan = await getPlan(deps, generator, planId);
    const viewer: StaffActor = { ...generator, id: 5, role: "viewer" };
    expect((await getPlan(deps, viewer, planId)).id).toBe(planId);
    await expect(getPlan(deps, { ...viewer, jurisdictionCode: "450100" }, planId)).rejects.toMatchObject({ code: "not_found" });
    await expect(editPlanItem(deps, viewer, { op: "move", planId, itemId: plan.itemsList[0].id, month: 2 })).rejects.toMatchObject({ code: "forbidden" });
    const live = plan.itemsList.filter((i) => !i.removedReason);
    const [a, b] = live;
    await editPlanItem(deps, generator, { op: "move", planId: plan.id, itemId: a.id, month: 1 });
    await expect(editPlanItem(deps, generator, { op: "remove", planId: plan.id, itemId: b.id, reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    await editPlanItem(deps, generator, { op: "remove", planId: plan.id, itemId: b.id, reason: "企业已关闭" });
    await editPlanItem(deps, generator, { op: "add", planId: plan.id, enterpriseId: ids.building[0], month: 1, reason: "群众举报" });
    const audited = (await deps.db.select().from(auditLog).where(eq(auditLog.entity, "plan_item"))).map((r) => r.action);
    expect(audited).toEqual(expect.arrayContaining(["plan_item.moved", "plan_item.removed", "plan_item.added"]));

    const before = await planProgress(deps, generator, { year: 2027, month: 1 });
    const unitRow = before.units.find((u) => u.key === String(unitId))!;
    expect(unitRow.done).toBe(0);
    await deps.db
      .insert(inspections)
      .values({ unitId, enterpriseId: a.enterpriseId, inspectedOn: "2027-01-15", kind: "planned", planItemId: a.id, createdBy: "test" });
    const after = await planProgress(deps, generator, { year: 2027, month: 1 });
    const u2 = after.units.find((u) => u.key === String(unitId))!;
    expect(u2.done).toBe(1);
    expect(u2.plannedToDate).toBe(unitRow.plannedToDate);
    expect(u2.behindPct).toBe(Math.round(((u2.plannedToDate - 1) / u2.plannedToDate) * 100));
    expect(after.counties.map((c) => c.key)).toContain("430422");
    expect(after.townships.map((c) => c.key)).toContain("430422001");
    expect((await getPlan(deps, generator, plan.id)).itemsList.find((i) => i.id === a.id)?.done).toBe(true);
  });

  it("plan reminders: Mondays the month's open checks to the unit, a month end > 20 % behind to the committee, once each", async () => {
    const bind = async (unit: number, chatId: number) => {
      const invite = await createInvite(deps, { unit, actor: "test" });
      expect((await acceptInvite(deps, { token: invite.token, chatId })).ok).toBe(true);
    };
    await bind(unitId, 7101);
    const committee = await supervisorUnitOf(deps.db, unitId);
    await bind(committee!.id, 7102);
    const at = (iso: string) => ({ ...deps, clock: () => new Date(iso) });
    const keys = async (prefix: string) =>
      (await deps.db.select({ k: outbox.dedupeKey }).from(outbox)).map((r) => r.k ?? "").filter((k) => k.startsWith(prefix));

    expect(await sendPlanReminders(at("2027-03-02T02:00:00Z"))).toEqual({ weekly: 0, behind: 0, messages: 0 }); // a Tuesday mid-month
    const monday = await sendPlanReminders(at("2027-03-01T02:00:00Z"));
    expect(monday.weekly).toBe(1);
    expect(await keys(`plan-week:${planId}:2027-03-01`)).toHaveLength(1);
    await sendPlanReminders(at("2027-03-01T05:00:00Z"));
    expect(await keys(`plan-week:${planId}`)).toHaveLength(1);

    const end = await sendPlanReminders(at("2027-03-31T04:00:00Z"));
    expect(end.behind).toBe(1);
    const [msg] = await deps.db
      .select()
      .from(outbox)
      .where(
        eq(outbox.dedupeKey, `plan-behind:${planId}:2027-3:liaison:${(await deps.db.select().from(liaisons).where(eq(liaisons.unitId, committee!.id)))[0].id}`),
      );
    expect(msg).toBeTruthy();
    // Everything due by March recorded as done: not behind, nobody told.
    const due = await deps.db
      .select()
      .from(planItems)
      .where(and(eq(planItems.planId, planId), isNull(planItems.removedAt)));
    await deps.db
      .insert(inspections)
      .values(
        due
          .filter((i) => i.month <= 3)
          .map((i) => ({ unitId, enterpriseId: i.enterpriseId, inspectedOn: "2027-03-20", kind: "planned" as const, planItemId: i.id, createdBy: "test" })),
      );
    expect((await sendPlanReminders(at("2027-03-31T04:00:00Z"))).behind).toBe(0);
  });

  it("plans for many units at once cover the same enterprises as one at a time, and leave existing plans alone", async () => {
    const out = await generatePlans(deps, generator, { year: 2029, randomRatePct: 25 });
    expect(out.plans).toBeGreaterThan(1);
    const [plan] = await deps.db
      .select()
      .from(enforcementPlans)
      .where(and(eq(enforcementPlans.unitId, unitId), eq(enforcementPlans.year, 2029)));
    const items = await deps.db.select().from(planItems).where(eq(planItems.planId, plan.id));
    const covered = new Set(items.map((i) => i.enterpriseId));
    for (const g of ["mine", "chem", "poor", "confined", "black", "alone"]) for (const id of ids[g]) expect(covered.has(id)).toBe(true);
    expect(items.filter((i) => i.basis === "random")).toHaveLength(Math.round((ids.rest.length * 25) / 100));
    expect(items.some((i) => ids.city.includes(i.enterpriseId))).toBe(false);
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
    const batchAudits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan.generated"), eq(auditLog.entityId, String(plan.id))));
    expect(batchAudits).toHaveLength(1);
    const again = await generatePlans(deps, generator, { year: 2029, randomRatePct: 50, unitIds: [unitId] });
    expect(again).toEqual({ plans: 0, items: 0, skipped: [unitId] });
    const outsider: StaffActor = { ...generator, jurisdictionCode: "450100" };
    await expect(generatePlans(deps, outsider, { year: 2029, randomRatePct: 5, unitIds: [unitId] })).rejects.toMatchObject({ code: "not_found" });
  });

  it("risk reasons and a key activity are recorded, audited, and the activity must belong to the sector", async () => {
    const [id] = ids.rest;
    await setSupervision(deps, generator, { id, riskReasons: ["past_accident", "blacklist"], keyActivity: "metallurgy" });
    const [row] = await deps.db.select().from(enterprises).where(eq(enterprises.id, id));
    expect(row.riskReasons).toEqual(["past_accident"]);
    expect(row.keyActivity).toBe("metallurgy");
    await expect(setSupervision(deps, generator, { id, riskReasons: [], keyActivity: "school_bus" })).rejects.toMatchObject({ code: "invalid_input" });
    const outsider: StaffActor = { ...generator, id: 7, jurisdictionCode: "450100" };
    await expect(setSupervision(deps, outsider, { id, riskReasons: [] })).rejects.toMatchObject({ code: "not_found" });
    const audited = await deps.db.select().from(auditLog).where(eq(auditLog.action, "enterprise.supervision"));
    expect(audited.map((a) => a.entityId)).toEqual([String(id)]);
    await setSupervision(deps, generator, { id, riskReasons: [] });
  });

  it("frequencies are editable by committee staff, audited, and a key sector keeps at least one check", async () => {
    await expect(setFrequency(deps, generator, { scope: "sector", key: "fireworks", perYear: 0 })).rejects.toMatchObject({ code: "invalid_input" });
    await setFrequency(deps, generator, { scope: "class", key: "average", perYear: 2 });
    const unitActor: StaffActor = { ...generator, id: 9, role: "unit", unitId, jurisdictionCode: null };
    await expect(setFrequency(deps, unitActor, { scope: "class", key: "average", perYear: 3 })).rejects.toMatchObject({ code: "forbidden" });
    const [row] = await deps.db.select().from(auditLog).where(eq(auditLog.action, "frequency.set"));
    expect(row.entityId).toBe("class:average");
    await setFrequency(deps, generator, { scope: "class", key: "average", perYear: 1 });
  });

  it("a draw excludes conflicts and the last inspection's officers, re-runs from its seed, and a re-draw keeps the first", async () => {
    const people = [];
    for (const [n, c] of [
      ["甲", "A1"],
      ["乙", "A2"],
      ["丙", "A3"],
      ["丁", "A4"],
    ])
      people.push(await addInspector(deps, generator, { unitId, name: n, certificateNo: c }));
    await addInspector(deps, generator, { unitId, name: "戊", certificateNo: "A5", certifiedUntil: "2027-01-01" });
    const [alone] = ids.alone;
    await deps.db.insert(inspectorConflicts).values({ inspectorId: people[2].id, enterpriseId: alone, reason: "亲属" });
    const [ins] = await deps.db
      .insert(inspections)
      .values({ unitId, enterpriseId: alone, inspectedOn: "2026-11-02", kind: "random", createdBy: "test" })
      .returning();
    await deps.db.insert(inspectionInspectors).values([
      { inspectionId: ins.id, inspectorId: people[0].id },
      { inspectionId: ins.id, inspectorId: people[1].id },
    ]);
    const only = await createDraw(deps, generator, { unitId, drawnOn: "2027-03-01", count: 1, townshipCode: "430422103" });
    expect(only.picks).toEqual([{ enterpriseId: alone, inspectorIds: [people[3].id] }]);

    const first = await createDraw(deps, generator, { unitId, drawnOn: "2027-03-01", count: 5, sectorCode: "industry_trade" });
    expect(first.picks).toHaveLength(5);
    for (const p of first.picks)
      expect(p.inspectorIds).toEqual(p.enterpriseId === alone ? [people[3].id] : expect.arrayContaining([expect.any(Number), expect.any(Number)]));
    for (const p of first.picks) expect(p.inspectorIds).toHaveLength(p.enterpriseId === alone ? 1 : 2);
    const published = await getPublicDraw(deps, first.id);
    expect(published.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(published.roster.map((r) => r.name)).not.toContain("戊"); // lapsed on the day
    expect(
      runDraw(
        published.seed,
        published.candidates,
        published.roster.map((r) => r.id),
        5,
        2,
      ),
    ).toEqual(first.picks);
    expect(await verifyDraw(deps, first.id)).toMatchObject({ digestOk: true, resultOk: true });

    await expect(createDraw(deps, generator, { unitId, drawnOn: "2027-03-01", count: 5, sectorCode: "industry_trade" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      createDraw(deps, generator, { unitId, drawnOn: "2027-03-01", count: 5, sectorCode: "industry_trade", supersedesId: first.id }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
    const second = await createDraw(deps, generator, {
      unitId,
      drawnOn: "2027-03-01",
      count: 5,
      sectorCode: "industry_trade",
      supersedesId: first.id,
      reason: "人员变动",
    });
    expect((await getPublicDraw(deps, first.id)).supersededBy).toBe(second.id);
    expect((await getPublicDraw(deps, second.id)).supersedesId).toBe(first.id);
    await expect(
      createDraw(deps, generator, { unitId, drawnOn: "2027-03-01", count: 5, sectorCode: "industry_trade", supersedesId: first.id, reason: "再抽" }),
    ).rejects.toMatchObject({ code: "conflict" });
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "draw"), inArray(auditLog.entityId, [String(first.id), String(second.id)])));
    expect(audits.map((a) => a.action).sort()).toEqual(["draw.created", "draw.redrawn"]);
  });
});
