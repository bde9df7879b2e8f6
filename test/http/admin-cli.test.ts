import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PassThrough, Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { adminCreateCommand, auditVerifyCommand } from "../../src/cli/admin-commands.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import { createApp } from "../../src/http/app.js";
import { auditLog, staffUsers } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { login } from "./admin-support.js";

function io(env: Record<string, string> = {}) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d) => (text += d));
  return { io: { stdin: Readable.from([]), stdout: out, stderr: out, env }, text: () => text };
}

describe.each(DB_KINDS)("admin:create and audit:verify on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("are registered CLI commands", () => {
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(["admin:create", "audit:verify"]));
  });

  it("admin:create takes the password from ADMIN_PASSWORD, refuses weak ones and a missing password off a terminal", async () => {
    const weak = io({ ADMIN_PASSWORD: "password123" });
    expect(await adminCreateCommand(deps, { username: "root", role: "admin" }, weak.io)).toBe(1);
    expect(weak.text()).toContain("weak password");
    const none = io({});
    expect(await adminCreateCommand(deps, { username: "root", role: "admin" }, none.io)).toBe(2);
    const unitRole = io({ ADMIN_PASSWORD: "a long enough pass phrase 2024" });
    expect(await adminCreateCommand(deps, { username: "fireman", role: "unit", unit: "450100:fire" }, unitRole.io)).toBe(0);
    const ok = io({ ADMIN_PASSWORD: "a long enough pass phrase 2024" });
    expect(await adminCreateCommand(deps, { username: "root", role: "admin", totp: true }, ok.io)).toBe(0);
    expect(ok.text()).toContain("otpauth://totp/");
    const [u] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, "fireman"));
    expect(u).toMatchObject({ role: "unit" });
    expect(u.unitId).not.toBeNull();
    expect(u.passwordHash).not.toContain("pass phrase");
  });

  it("audit:verify passes on a normal history, names the tampered row, and the admin page says the same", async () => {
    await submitTip(deps, { channel: "web", text: "商场把消防通道和安全出口都堵死了", place: "南宁市兴宁区" });
    await submitTip(deps, { channel: "web", text: "工地塔吊没有检验就在使用，很危险", place: "南宁市兴宁区" });
    const good = io();
    expect(await auditVerifyCommand(deps, {}, good.io)).toBe(0);
    expect(good.text()).toContain("OK");

    const app = createApp({ deps });
    // root has TOTP enabled, so sign in as a committee member for the page.
    const { createStaff } = await import("../../src/app/staff/create-staff.js");
    await createStaff(deps, { username: "auditor", role: "committee", jurisdictionCode: "450000", password: "a long enough pass phrase 2024" });
    const session = await login(app, "auditor", "a long enough pass phrase 2024");
    expect(await (await app.request("/admin/audit", { headers: { Cookie: session.cookie } })).text()).toContain("审计链完整");

    // The sequencer chains what was written (the server does it every second).
    await linkAudit(deps);
    const rows = await deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const victim = rows[Math.floor(rows.length / 2)].id;
    await deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await deps.db.execute(sql`update audit_log set reason = 'rewritten' where id = ${victim}`);
    await deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const bad = io();
    expect(await auditVerifyCommand(deps, {}, bad.io)).toBe(1);
    expect(bad.text()).toContain(`entry id ${victim}`);
    const page = await (await app.request("/admin/audit", { headers: { Cookie: session.cookie } })).text();
    expect(page).toContain(`第一条异常记录编号 ${victim}`);
  });
});
