import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { addInspector, certifiedOn, listInspectors } from "../../src/app/inspectors/roster.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("the inspector roster on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const nanning: StaffActor = { id: 1, username: "nn", displayName: "NN", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
  const liuzhou: StaffActor = { ...nanning, id: 2, username: "lz", jurisdictionCode: "450200" };

  it("adds certified officers in scope, audited, unique per unit, and lists those certified on a day", async () => {
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const a = await addInspector(deps, nanning, { unitId: fire.id, name: "张伟", certificateNo: "GX-001", certifiedUntil: "2026-06-30" });
    await addInspector(deps, nanning, { unitId: fire.id, name: "李娜", certificateNo: "GX-002" });
    await expect(addInspector(deps, nanning, { unitId: fire.id, name: "王强", certificateNo: "GX-001" })).rejects.toMatchObject({ code: "conflict" });
    await expect(addInspector(deps, liuzhou, { unitId: fire.id, name: "赵六", certificateNo: "GX-009" })).rejects.toMatchObject({ code: "not_found" });
    await expect(addInspector(deps, nanning, { unitId: fire.id, name: "", certificateNo: "x" })).rejects.toMatchObject({ code: "invalid_input" });

    expect((await listInspectors(deps.db, fire.id)).map((r) => r.name)).toHaveLength(2);
    expect((await listInspectors(deps.db, fire.id, { certifiedOnDay: "2026-07-01" })).map((r) => r.name)).toEqual(["李娜"]);
    expect(certifiedOn(a, "2026-06-30")).toBe(true);
    const audited = await deps.db.select().from(auditLog).where(eq(auditLog.action, "inspector.add"));
    expect(audited.map((r) => r.entityId)).toContain(String(a.id));
  });
});
