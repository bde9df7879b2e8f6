import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { importUnits } from "../../src/app/manage/import-units.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { toActor, type StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, routingRules, staffUsers, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const PW = "correct horse battery staple 42";
const HEADER = "name,name_en,jurisdiction_code,kind,sectors,route\n";

describe.each(DB_KINDS)("units imported from CSV on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let hengnan: StaffActor;
  let nanning: StaffActor;
  const named = async (name: string) => deps.db.select().from(units).where(eq(units.name, name));

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

  it("checks every row first: one bad row imports nothing, and each problem names its row and column", async () => {
    const csv = `${HEADER}岐山办事处,,430422,乡镇,烟花爆竹,是\n,,430422,乡镇,,否\n片区X,,999999,衙门,养猪,也许\n岐山办事处,,430422,部门,,\n`;
    const result = await importUnits(deps, hengnan, { csv });
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, field: "name", code: "required" },
        { row: 4, field: "jurisdiction_code", code: "jurisdiction", detail: "999999" },
        { row: 4, field: "kind", code: "kind", detail: "衙门" },
        { row: 4, field: "sectors", code: "sector", detail: "养猪" },
        { row: 4, field: "route", code: "boolean", detail: "也许" },
        { row: 5, field: "name", code: "unit_duplicate", detail: "2" },
      ],
    });
    expect(await named("岐山办事处")).toEqual([]);
  });

  it("refuses a jurisdiction outside the committee's subtree", async () => {
    const result = await importUnits(deps, nanning, { csv: `${HEADER}岐山办事处,,430422,乡镇,,\n` });
    expect(result).toEqual({ ok: false, errors: [{ row: 2, field: "jurisdiction_code", code: "scope", detail: "430422" }] });
    expect(await named("岐山办事处")).toEqual([]);
  });

  it("creates every unit through createUnit: keys, sectors, routing rules and one audit row per unit", async () => {
    const csv = `${HEADER}岐山办事处,Qishan Office,430422,办事处,烟花爆竹;危化品,是\n衡南县片区服务中心,,430422,township,fireworks,否\n`;
    const result = await importUnits(deps, hengnan, { csv });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.created.map((c) => c.name)).toEqual(["岐山办事处", "衡南县片区服务中心"]);
    const [qishan] = await named("岐山办事处");
    expect(qishan).toMatchObject({ nameEn: "Qishan Office", kind: "township", jurisdictionCode: "430422", key: `430422:u${qishan.id}` });
    const rules = await deps.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.jurisdictionCode, "430422"), eq(routingRules.unitId, qishan.id)));
    expect(rules.map((r) => r.sectorCode).sort()).toEqual(["fireworks", "hazardous_chemicals"]);
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.action, "unit.created"));
    expect(audits.filter((a) => a.actor.includes("hn-committee"))).toHaveLength(2);
  });

  it("refuses a unit that already exists under the same jurisdiction (it is not updated)", async () => {
    const result = await importUnits(deps, hengnan, { csv: `${HEADER}岐山办事处,,430422,乡镇,,\n新的中心,,430422,乡镇,,\n` });
    expect(result).toEqual({ ok: false, errors: [{ row: 2, field: "name", code: "exists", detail: "岐山办事处" }] });
    expect(await named("岐山办事处")).toHaveLength(1);
    expect(await named("新的中心")).toEqual([]);
  });

  it("refuses unit staff", async () => {
    await expect(importUnits(deps, { ...hengnan, role: "unit" }, { csv: HEADER })).rejects.toMatchObject({ code: "forbidden" });
  });
});
