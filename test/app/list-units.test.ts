import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { listUnits } from "../../src/app/manage/list-units.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { liaisons, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("the units list on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("counts each unit's active liaisons (not removed ones, not other units')", async () => {
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    const [committee] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    await deps.db
      .insert(liaisons)
      .values([{ unitId: fire.id }, { unitId: fire.id }, { unitId: fire.id, active: false, removedReason: "调岗" }, { unitId: committee.id }]);
    const actor: StaffActor = { id: 1, username: "nn", displayName: "NN", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
    const rows = await listUnits(deps, actor, { jurisdiction: "450100" });
    const byKey = new Map(rows.map((r) => [r.key, r.liaisons]));
    expect(byKey.get("450100:fire")).toBe(2);
    expect(byKey.get("450100:committee")).toBe(1);
    expect(
      rows
        .filter((r) => r.liaisons > 0)
        .map((r) => r.key)
        .sort(),
    ).toEqual(["450100:committee", "450100:fire"]);
  });
});
