import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { Browser, cliCreateStaff, expectSecurityHeaders } from "./http-support.js";

/** The id in the first `/admin/<what>/<id>` link of a row that mentions `marker`. */
function idNear(html: string, marker: string, pattern: RegExp): string {
  const row = html.split("<tr").find((r) => r.includes(marker));
  const m = row && pattern.exec(row);
  if (!m) throw new Error(`no ${pattern} near ${marker}`);
  return m[1];
}

/**
 * Staff accounts and units managed over the wire (`npm start`): a committee member of one city cannot
 * disable another city's account, reset its password, retire or rename its units, or create an admin;
 * the statuses are asserted as they leave the server. The city's own committee can, and a disabled
 * account's open session is refused on its next request.
 */
describe.each(DB_KINDS)("staff and units across cities on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service;

  beforeAll(async () => {
    db = await serviceDb(kind);
    // PGlite: the CLI cannot open the data directory while the server holds it, so accounts come first.
    await cliCreateStaff(db.env, ["--username", "su-nanning", "--role", "committee", "--jurisdiction", "450100"]);
    await cliCreateStaff(db.env, ["--username", "su-guilin", "--role", "committee", "--jurisdiction", "450300"]);
    await cliCreateStaff(db.env, ["--username", "su-gl-unit", "--role", "unit", "--unit", "450302:emergency"]);
    svc = await startService(db.env);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("南宁 cannot touch 桂林's accounts or units (404/403); 桂林 can, and disabling ends the open session at once", async () => {
    const guilin = new Browser(svc.url);
    await guilin.login("su-guilin");
    const glUnit = new Browser(svc.url);
    await glUnit.login("su-gl-unit");
    expect((await glUnit.fetch("/admin/account")).status).toBe(200);

    const staffPage = await (await guilin.fetch("/admin/staff")).text();
    const accountId = idNear(staffPage, "su-gl-unit", /\/admin\/staff\/(\d+)\/disable/);
    const unitsPage = await (await guilin.fetch("/admin/units?jurisdiction=450302")).text();
    const glUnitId = idNear(unitsPage, "秀峰区应急管理局", /\/admin\/units\/(\d+)"/);

    const nanning = new Browser(svc.url);
    await nanning.login("su-nanning");
    const nnUnits = await (await nanning.fetch("/admin/units?jurisdiction=450102")).text();
    const nnUnitId = idNear(nnUnits, "兴宁区应急管理局", /\/admin\/units\/(\d+)"/);
    const nnStaff = await (await nanning.fetch("/admin/staff")).text();
    expect(nnStaff).not.toContain("su-gl-unit");
    expect(nnStaff).not.toContain("su-guilin");

    const attempts: [string, Promise<Response>, number][] = [
      ["disable 桂林's account", nanning.post(`/admin/staff/${accountId}/disable`, {}), 404],
      ["reset 桂林's password", nanning.post(`/admin/staff/${accountId}/reset-password`, {}), 404],
      ["reset 桂林's TOTP", nanning.post(`/admin/staff/${accountId}/reset-totp`, {}), 404],
      ["retire 桂林's unit", nanning.post(`/admin/units/${glUnitId}/retire`, { into: nnUnitId, mode: "retire", reason: "越权撤销", confirm: "1" }), 404],
      ["merge 桂林's unit", nanning.post(`/admin/units/${glUnitId}/retire`, { into: nnUnitId, mode: "merge", reason: "越权合并", confirm: "1" }), 404],
      ["rename 桂林's unit", nanning.post(`/admin/units/${glUnitId}/rename`, { name: "越权改名" }), 404],
      ["create a unit in 桂林", nanning.post("/admin/units", { name: "越权单位", kind: "township", jurisdictionCode: "450302" }), 403],
      ["create an admin", nanning.post("/admin/staff", { username: "su-evil-admin", password: "correct horse battery staple 99", role: "admin" }), 403],
      [
        "create an account in 桂林",
        nanning.post("/admin/staff", { username: "su-evil", password: "correct horse battery staple 99", role: "unit", unit: "450302:police" }),
        403,
      ],
      ["unit staff open /admin/staff", glUnit.fetch("/admin/staff"), 404],
      ["unit staff disable an account", glUnit.post(`/admin/staff/${accountId}/disable`, {}), 404],
    ];
    for (const [label, pending, status] of attempts) {
      const res = await pending;
      expect(res.status, label).toBe(status);
      expectSecurityHeaders(res, label);
      await res.arrayBuffer();
    }
    // Nothing changed: the account still works and the unit is still active, under its name.
    expect((await glUnit.fetch("/admin/account")).status).toBe(200);
    const unitPage = await (await guilin.fetch(`/admin/units/${glUnitId}`)).text();
    expect(unitPage).toContain("秀峰区应急管理局");
    expect(unitPage).toContain('id="retire-unit"');
    expect(await (await guilin.fetch("/admin/staff")).text()).not.toContain("su-evil");

    // 桂林's own committee disables the account: its open session is refused on the very next request.
    const disabled = await guilin.post(`/admin/staff/${accountId}/disable`, {});
    expect(disabled.status).toBe(303);
    const next = await glUnit.fetch("/admin/account");
    expect(next.status).toBe(303);
    expect(next.headers.get("location")).toBe("/admin/login");
    const audit = await (await guilin.fetch("/admin/audit")).text();
    expect(audit).toContain("staff.disabled");
  });

  it("the retire step shows what will move before anything moves", async () => {
    const guilin = new Browser(svc.url);
    await guilin.login("su-guilin");
    const units = await (await guilin.fetch("/admin/units?jurisdiction=450302")).text();
    const fire = idNear(units, "秀峰区住房和城乡建设局", /\/admin\/units\/(\d+)"/);
    const into = idNear(units, "秀峰区安委办", /\/admin\/units\/(\d+)"/);
    const preview = await guilin.post(`/admin/units/${fire}/retire`, { into, mode: "retire", reason: "机构改革" });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('id="retire-preview"');
    expect(html).toMatch(/路由规则：\d+ 条/);
    expect((await (await guilin.fetch(`/admin/units/${fire}`)).text()).includes('id="retire-unit"'), "still active after the preview").toBe(true);
    const done = await guilin.post(`/admin/units/${fire}/retire`, { into, mode: "retire", reason: "机构改革", confirm: "1" });
    expect(done.status).toBe(303);
    const after = await (await guilin.fetch(`/admin/units/${fire}`)).text();
    expect(after).not.toContain('id="retire-unit"');
    expect(after).toContain(`/admin/units/${into}`);
  });
});
