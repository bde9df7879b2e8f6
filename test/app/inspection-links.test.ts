import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createDraw, getDrawForStaff } from "../../src/app/enforcement/draws.js";
import { editPlanItem, generatePlan, getPlan } from "../../src/app/enforcement/plans.js";
import { isAmbiguousEnterprise } from "../../src/app/enterprises/enterprise-ref.js";
import { recordInspection } from "../../src/app/inspections/record-inspection.js";
import { addInspector, readRoster, recordConflict } from "../../src/app/inspectors/roster.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { enterprises, planItems, units } from "../../src/db/schema.js";
import { creditCodeCheckChar } from "../../src/domain/credit-code.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * A record carries the plan item or draw it carries out, and the verb checks the link (the unit's own plan
 * of that year for that enterprise; the unit's own draw that picked it). Enterprises are named in forms by
 * credit code, exact or unique partial name, or number — an ambiguous name is refused with the candidates.
 */
describe.each(DB_KINDS)("inspection records linked to plan items and draws, enterprises named in forms, on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let unitId: number;
  let otherUnitId: number;
  const committee: StaffActor = { id: 1, username: "hn1", displayName: "HN1", role: "committee", jurisdictionCode: "430422", unitId: null, locale: "zh-CN" };
  const otherCity: StaffActor = { id: 9, username: "nn1", displayName: "NN1", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
  let officers: number[];
  let ent: { id: number; name: string; creditCode: string | null }[];
  let outside: number;
  const code = (n: number) => {
    const first17 = `914304220000${String(n).padStart(5, "0")}`;
    return first17 + creditCodeCheckChar(first17);
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2027-05-10T02:00:00Z") });
    [{ id: unitId }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "430422:emergency"));
    [{ id: otherUnitId }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "450102:emergency"));
    ent = await deps.db
      .insert(enterprises)
      .values(
        ["衡南宏远冶炼厂", "衡南宏远冶炼二厂", "衡南明珠商贸", "衡南顺达物流", "衡南金鑫铸造"].map((name, i) => ({
          name,
          nameNorm: name,
          creditCode: code(i + 1),
          sectorCode: "industry_trade",
          jurisdictionCode: "430422001",
          supervisingLevel: "county" as const,
          riskClass: "poor" as const,
        })),
      )
      .returning({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode });
    [{ id: outside }] = await deps.db
      .insert(enterprises)
      .values({ name: "南宁明珠商贸", nameNorm: "南宁明珠商贸", sectorCode: "industry_trade", jurisdictionCode: "450102", supervisingLevel: "county" })
      .returning({ id: enterprises.id });
    officers = [];
    for (const [n, c] of [
      ["甲", "L1"],
      ["乙", "L2"],
      ["丙", "L3"],
    ])
      officers.push((await addInspector(deps, committee, { unitId, name: n, certificateNo: c })).id);
  });
  afterAll(async () => database?.close());

  const base = (over: Record<string, unknown>) => ({
    unitId,
    inspectedOn: "2027-05-08",
    inspectorIds: officers.slice(0, 2),
    findings: [{ text: "安全出口锁闭", major: false }],
    ...over,
  });

  it("a record fulfils its plan item only for the unit's own plan of that year and that enterprise", async () => {
    const { planId } = await generatePlan(deps, committee, { unitId, year: 2027, randomRatePct: 0 });
    const items = await deps.db.select().from(planItems).where(eq(planItems.planId, planId));
    // An item of another month than the record's, so only the link can make it done.
    const item = items.find((i) => i.enterpriseId === ent[0].id && i.month !== 5)!;
    const another = items.find((i) => i.enterpriseId === ent[1].id)!;
    expect(item && another).toBeTruthy();

    // Another enterprise's item, another year, another unit: each refused with its own problem.
    await expect(recordInspection(deps, committee, base({ enterpriseId: ent[0].id, kind: "planned", planItemId: another.id }) as never)).rejects.toMatchObject({
      details: { problems: ["plan_item_mismatch"] },
    });
    await expect(
      recordInspection(deps, committee, base({ enterpriseId: ent[0].id, kind: "planned", planItemId: item.id, inspectedOn: "2026-12-30" }) as never),
    ).rejects.toMatchObject({ details: { problems: ["plan_item_mismatch"] } });
    await expect(
      recordInspection(deps, otherCity, base({ unitId: otherUnitId, enterpriseId: outside, kind: "planned", planItemId: item.id, inspectorIds: [] }) as never),
    ).rejects.toMatchObject({ details: { problems: expect.arrayContaining(["plan_item_mismatch"]) } });

    // An item taken out of the plan cannot be fulfilled any more.
    const removed = items.find((i) => i.enterpriseId === ent[2].id)!;
    await editPlanItem(deps, committee, { op: "remove", planId, itemId: removed.id, reason: "已关闭" });
    await expect(recordInspection(deps, committee, base({ enterpriseId: ent[2].id, kind: "planned", planItemId: removed.id }) as never)).rejects.toMatchObject({
      details: { problems: ["plan_item_mismatch"] },
    });

    // The item's own record: stored with the link, and the plan counts that item done.
    const row = await recordInspection(deps, committee, base({ enterpriseId: ent[0].id, kind: "planned", planItemId: item.id }) as never);
    expect(row.planItemId).toBe(item.id);
    const plan = await getPlan(deps, committee, planId);
    expect(plan.itemsList.find((i) => i.id === item.id)?.done).toBe(true);
    expect(plan.itemsList.find((i) => i.id === another.id)?.done).toBe(false);
  });

  it("a record answers a draw only for an enterprise the unit's draw picked; the staff view marks the pick recorded", async () => {
    const draw = await createDraw(deps, committee, { unitId, drawnOn: "2027-05-09", count: 2, sectorCode: "industry_trade" });
    const picked = draw.picks.map((p) => p.enterpriseId);
    const notPicked = ent.find((e) => !picked.includes(e.id))!;
    await expect(recordInspection(deps, committee, base({ enterpriseId: notPicked.id, kind: "random", drawId: draw.id }) as never)).rejects.toMatchObject({
      details: { problems: ["draw_mismatch"] },
    });

    const before = await getDrawForStaff(deps, committee, draw.id);
    expect(before.unitId).toBe(unitId);
    expect(before.recorded.size).toBe(0);
    const row = await recordInspection(deps, committee, base({ enterpriseId: picked[0], kind: "random", drawId: draw.id }) as never);
    const after = await getDrawForStaff(deps, committee, draw.id);
    expect([...after.recorded]).toEqual([[picked[0], row.id]]);

    // Another city's committee does not see this draw in the staff view (the public page stays public).
    await expect(getDrawForStaff(deps, otherCity, draw.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a conflict or a plan addition names the enterprise by credit code, exact or unique partial name, or number, within the area", async () => {
    const officer = officers[2];
    await recordConflict(deps, committee, { inspectorId: officer, enterpriseId: ent[4].creditCode!, reason: "亲属任职" });
    await recordConflict(deps, committee, { inspectorId: officer, enterpriseId: "顺达物流", reason: "曾任顾问" });
    await recordConflict(deps, committee, { inspectorId: officer, enterpriseId: "衡南宏远冶炼厂", reason: "同学" });
    const roster = await readRoster(deps, committee, unitId);
    expect(
      roster.conflicts
        .filter((c) => c.inspectorId === officer)
        .map((c) => c.enterpriseId)
        .sort(),
    ).toEqual([ent[0].id, ent[3].id, ent[4].id].sort());

    // "宏远冶炼" is in two names: refused as ambiguous, with both named; nothing written.
    const ambiguous = await recordConflict(deps, committee, { inspectorId: officer, enterpriseId: "宏远冶炼", reason: "x" }).catch((e) => e);
    expect(isAmbiguousEnterprise(ambiguous)).toBe(true);
    expect((ambiguous.details.candidates as { name: string }[]).map((c) => c.name)).toEqual(["衡南宏远冶炼二厂", "衡南宏远冶炼厂"]);
    // Outside the committee's area, or nothing like it: not found.
    await expect(recordConflict(deps, committee, { inspectorId: officer, enterpriseId: "南宁明珠商贸", reason: "x" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(recordConflict(deps, committee, { inspectorId: officer, enterpriseId: String(outside), reason: "x" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect((await readRoster(deps, committee, unitId)).conflicts.filter((c) => c.inspectorId === officer)).toHaveLength(3);

    const { planId } = await generatePlan(deps, committee, { unitId, year: 2028, randomRatePct: 0 });
    await editPlanItem(deps, committee, { op: "add", planId, enterpriseId: "明珠商贸", month: 3, reason: "群众举报较多" });
    const added = await deps.db.select().from(planItems).where(eq(planItems.planId, planId));
    expect(added.filter((i) => i.basis === "manual").map((i) => i.enterpriseId)).toEqual([ent[2].id]);
  });
});
