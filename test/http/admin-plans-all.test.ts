import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createApp } from "../../src/http/app.js";
import { auditLog, enforcementPlans, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "./admin-support.js";

describe.each(DB_KINDS)("POST /admin/plans/generate-all on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2025-01-06T03:00:00Z") });
    app = createApp({ deps });
    await makeStaff(deps, { username: "pa-committee", role: "committee", jurisdictionCode: "450102" });
    await makeStaff(deps, { username: "pa-unit", role: "unit", unit: "450102:emergency" });
  });
  afterAll(async () => database?.close());

  const planned = () =>
    deps.db
      .select({ code: units.jurisdictionCode, unitId: enforcementPlans.unitId })
      .from(enforcementPlans)
      .innerJoin(units, eq(units.id, enforcementPlans.unitId))
      .where(eq(enforcementPlans.year, 2025));

  it("unit staff are refused; committee staff plan every unit of their own subtree once, audited, and nothing outside it", async () => {
    const u = await login(app, "pa-unit");
    const refused = await post(app, "/admin/plans/generate-all", { _csrf: u.csrf, year: "2025", randomRatePct: "10" }, u.cookie);
    expect(refused.headers.get("location")).toContain("error=forbidden");
    expect(await planned()).toEqual([]);

    const c = await login(app, "pa-committee");
    const page = await (await app.request("/admin/plans?year=2025", { headers: { Cookie: c.cookie } })).text();
    expect(page).toContain('action="/admin/plans/generate-all"');
    const res = await post(app, "/admin/plans/generate-all", { _csrf: c.csrf, year: "2025", randomRatePct: "10" }, c.cookie);
    expect(res.headers.get("location")).toMatch(/^\/admin\/plans\?year=2025&done=1/);
    const rows = await planned();
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(r.code.startsWith("450102")).toBe(true);
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.entity, "enforcement_plan"));
    expect(audits.length).toBe(rows.length);

    // Again: the units already planned are left alone.
    await post(app, "/admin/plans/generate-all", { _csrf: c.csrf, year: "2025", randomRatePct: "10" }, c.cookie);
    expect((await planned()).length).toBe(rows.length);
  });
});
