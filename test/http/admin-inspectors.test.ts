import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { upsertEnterprise } from "../../src/app/enterprises/upsert-enterprise.js";
import { createApp } from "../../src/http/app.js";
import { LANG_COOKIE } from "../../src/http/routes/admin/context.js";
import { auditLog, inspectorConflicts, inspectors, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login, makeStaff, post } from "./admin-support.js";

describe.each(DB_KINDS)("/admin/inspectors (roster) over HTTP on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let unitId: number;
  let enterpriseId: number;

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => new Date("2024-05-20T03:00:00Z") });
    app = createApp({ deps });
    [{ id: unitId }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "450102:emergency"));
    enterpriseId = (
      await upsertEnterprise(deps, { name: "兴宁区恒安加油站", sectorCode: "hazardous_chemicals", jurisdictionCode: "450102", supervisingLevel: "county" })
    ).id;
    await makeStaff(deps, { username: "ro-unit", role: "unit", unit: "450102:emergency" });
    await makeStaff(deps, { username: "ro-viewer", role: "viewer", jurisdictionCode: "450102" });
  });
  afterAll(async () => database?.close());

  it("unit staff add officers, record a conflict and deactivate one, each audited; repeats and bad input are refused", async () => {
    const s = await login(app, "ro-unit");
    const add = await post(
      app,
      "/admin/inspectors",
      { _csrf: s.csrf, unitId: String(unitId), name: "黄海", certificateNo: "NN-1", certifiedUntil: "2026-12-31" },
      s.cookie,
    );
    expect(add.status).toBe(303);
    expect(add.headers.get("location")).toBe(`/admin/inspectors?unit=${unitId}&done=1`);
    await post(app, "/admin/inspectors", { _csrf: s.csrf, unitId: String(unitId), name: "蒙丽", certificateNo: "NN-2" }, s.cookie);
    const dup = await post(app, "/admin/inspectors", { _csrf: s.csrf, unitId: String(unitId), name: "别人", certificateNo: "NN-1" }, s.cookie);
    expect(dup.headers.get("location")).toContain("error=roster_dup");
    const blank = await post(app, "/admin/inspectors", { _csrf: s.csrf, unitId: String(unitId), name: "", certificateNo: "NN-3" }, s.cookie);
    expect(blank.headers.get("location")).toContain("error=invalid_input");

    const rows = await deps.db.select().from(inspectors).where(eq(inspectors.unitId, unitId)).orderBy(inspectors.certificateNo);
    expect(rows.map((r) => [r.name, r.certificateNo, r.certifiedUntil, r.active])).toEqual([
      ["黄海", "NN-1", "2026-12-31", true],
      ["蒙丽", "NN-2", null, true],
    ]);
    const [huang, meng] = rows;

    const c = await post(
      app,
      `/admin/inspectors/${huang.id}/conflicts`,
      { _csrf: s.csrf, unitId: String(unitId), enterpriseId: String(enterpriseId), reason: "配偶任该站站长" },
      s.cookie,
    );
    expect(c.headers.get("location")).toContain("done=1");
    const again = await post(
      app,
      `/admin/inspectors/${huang.id}/conflicts`,
      { _csrf: s.csrf, unitId: String(unitId), enterpriseId: String(enterpriseId), reason: "再次" },
      s.cookie,
    );
    expect(again.headers.get("location")).toContain("error=roster_dup");
    const noReason = await post(
      app,
      `/admin/inspectors/${meng.id}/conflicts`,
      { _csrf: s.csrf, unitId: String(unitId), enterpriseId: String(enterpriseId), reason: " " },
      s.cookie,
    );
    expect(noReason.headers.get("location")).toContain("error=invalid_input");
    expect(await deps.db.select().from(inspectorConflicts)).toEqual([
      expect.objectContaining({ inspectorId: huang.id, enterpriseId, reason: "配偶任该站站长" }),
    ]);

    const d = await post(app, `/admin/inspectors/${meng.id}/deactivate`, { _csrf: s.csrf, unitId: String(unitId), reason: "调离" }, s.cookie);
    expect(d.headers.get("location")).toContain("done=1");
    const [after] = await deps.db.select().from(inspectors).where(eq(inspectors.id, meng.id));
    expect(after.active).toBe(false);

    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "inspector"), like(auditLog.actor, "%ro-unit%")))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["inspector.add", "inspector.add", "inspector.conflict", "inspector.deactivate"]);
    expect(audit[3].reason).toBe("调离");

    const page = await app.request(`/admin/inspectors?unit=${unitId}`, { headers: { Cookie: s.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("配偶任该站站长");
    expect(html).toContain("已停用");
    expect(html).toMatch(/<div class="scroll">\s*<table>/);
  });

  it("a viewer reads the roster in English without the forms and cannot change it", async () => {
    const v = await login(app, "ro-viewer");
    const page = await app.request(`/admin/inspectors?unit=${unitId}`, { headers: { Cookie: `${v.cookie}; ${LANG_COOKIE}=en` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Inspector roster");
    expect(html).toContain("NN-1");
    expect(html).not.toContain('method="post" action="/admin/inspectors"');
    const [someone] = await deps.db.select().from(inspectors).where(eq(inspectors.certificateNo, "NN-1"));
    const res = await post(app, `/admin/inspectors/${someone.id}/deactivate`, { _csrf: v.csrf, unitId: String(unitId), reason: "只读" }, v.cookie);
    expect(res.headers.get("location")).toContain("error=forbidden");
    const [still] = await deps.db.select().from(inspectors).where(eq(inspectors.id, someone.id));
    expect(still.active).toBe(true);
  });
});
