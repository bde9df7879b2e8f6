import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Deps } from "../../src/app/deps.js";
import { authenticate } from "../../src/app/staff/authenticate.js";
import { changeOwnPassword } from "../../src/app/staff/change-own-password.js";
import { confirmTotpEnrolment } from "../../src/app/staff/confirm-totp-enrolment.js";
import { createStaff } from "../../src/app/staff/create-staff.js";
import { issuePasswordReset } from "../../src/app/staff/issue-password-reset.js";
import { listStaff } from "../../src/app/staff/list-staff.js";
import { checkPasswordReset, redeemPasswordReset } from "../../src/app/staff/redeem-password-reset.js";
import { resetTotp } from "../../src/app/staff/reset-totp.js";
import { createSession, loadSession } from "../../src/app/staff/sessions.js";
import { setStaffDisabled } from "../../src/app/staff/set-staff-disabled.js";
import { startTotpEnrolment } from "../../src/app/staff/start-totp-enrolment.js";
import { staffExists } from "../../src/app/staff/staff-exists.js";
import { CLI_ACTOR, toActor, type StaffActor } from "../../src/app/staff/actor.js";
import { auditLog, staffUsers } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const PW = "correct horse battery staple 42";
const NEW_PW = "a different long pass phrase 7";

describe.each(DB_KINDS)("staff accounts managed in the product on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-03-02T02:00:00Z");
  const actors = {} as Record<"admin" | "nanning" | "guilin" | "nanningUnit" | "guilinUnit", StaffActor>;
  const login = (username: string, password = PW, totp?: string) => authenticate(deps, { username, password, totp, clientAddress: "192.0.2.1" });
  const actorOf = async (username: string) => toActor((await deps.db.select().from(staffUsers).where(eq(staffUsers.username, username)))[0]);

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
    expect(await staffExists(deps)).toBe(false);
    await createStaff(deps, { username: "root", role: "admin", password: PW });
    await createStaff(deps, { username: "nn-committee", role: "committee", jurisdictionCode: "450100", password: PW });
    await createStaff(deps, { username: "gl-committee", role: "committee", jurisdictionCode: "450300", password: PW });
    await createStaff(deps, { username: "nn-unit", role: "unit", unit: "450102:emergency", password: PW });
    await createStaff(deps, { username: "gl-unit", role: "unit", unit: "450302:emergency", password: PW });
    actors.admin = await actorOf("root");
    actors.nanning = await actorOf("nn-committee");
    actors.guilin = await actorOf("gl-committee");
    actors.nanningUnit = await actorOf("nn-unit");
    actors.guilinUnit = await actorOf("gl-unit");
    expect(await staffExists(deps)).toBe(true);
  }, 120_000);
  afterAll(async () => database?.close());

  it("committee staff list only the accounts in their subtree, never admins; unit staff list nothing", async () => {
    const names = (await listStaff(deps, actors.nanning)).map((a) => a.username).sort();
    expect(names).toEqual(["nn-committee", "nn-unit"]);
    expect((await listStaff(deps, actors.admin)).map((a) => a.username)).toContain("gl-unit");
    await expect(listStaff(deps, actors.nanningUnit)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("committee staff create accounts inside their subtree only, and never an admin", async () => {
    await createStaff(deps, { username: "nn-fire", role: "unit", unit: "450100:fire", password: PW }, actors.nanning);
    await expect(createStaff(deps, { username: "nn-root", role: "admin", password: PW }, actors.nanning)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createStaff(deps, { username: "nn-gl", role: "unit", unit: "450302:emergency", password: PW }, actors.nanning)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createStaff(deps, { username: "nn-gl2", role: "committee", jurisdictionCode: "450300", password: PW }, actors.nanning)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createStaff(deps, { username: "unit-made", role: "unit", unit: "450102:fire", password: PW }, actors.nanningUnit)).rejects.toMatchObject({
      code: "forbidden",
    });
    const made = await deps.db.select().from(auditLog).where(eq(auditLog.action, "staff.created"));
    expect(made.some((a) => a.actor === `staff:${actors.nanning.id}:nn-committee`)).toBe(true);
  });

  it("disabling ends every session at once and refuses sign-in; enabling lets the account back in; all audited", async () => {
    const signedIn = await login("nn-unit");
    expect(signedIn.ok).toBe(true);
    const session = await createSession(deps, actors.nanningUnit);
    expect(await loadSession(deps, session.id)).not.toBeNull();
    await expect(setStaffDisabled(deps, actors.guilin, { account: actors.nanningUnit.id, disabled: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setStaffDisabled(deps, actors.nanning, { account: actors.admin.id, disabled: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(setStaffDisabled(deps, actors.nanning, { account: actors.nanning.id, disabled: true })).rejects.toMatchObject({ code: "invalid_input" });
    await setStaffDisabled(deps, actors.nanning, { account: actors.nanningUnit.id, disabled: true });
    expect(await loadSession(deps, session.id)).toBeNull();
    expect(await login("nn-unit")).toEqual({ ok: false, reason: "invalid" });
    // Enabling again does not bring the revoked session back.
    await setStaffDisabled(deps, actors.nanning, { account: "nn-unit", disabled: false });
    expect(await loadSession(deps, session.id)).toBeNull();
    expect((await login("nn-unit")).ok).toBe(true);
    const actions = (
      await deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(actors.nanningUnit.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.disabled", "staff.enabled", "staff.login"]));
    const [row] = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, actors.nanningUnit.id));
    expect(row.lastLoginAt?.getTime()).toBe(now.getTime());
  });

  it("a reset link is stored only as a hash, works once, before it expires, and ends the account's sessions", async () => {
    await expect(issuePasswordReset(deps, actors.guilin, { account: "nn-unit" })).rejects.toMatchObject({ code: "not_found" });
    const issued = await issuePasswordReset(deps, actors.nanning, { account: "nn-unit" });
    expect(issued.path).toBe(`/admin/password-reset/${issued.token}`);
    const [row] = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, actors.nanningUnit.id));
    expect(row.passwordResetHash).toBeTruthy();
    expect(JSON.stringify(row)).not.toContain(issued.token);
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.action, "staff.password_reset_issued"));
    expect(JSON.stringify(audit)).not.toContain(issued.token);
    expect(await checkPasswordReset(deps, issued.token)).toEqual({ ok: true, username: "nn-unit" });
    expect(await checkPasswordReset(deps, `${issued.token}x`)).toEqual({ ok: false, reason: "expired" });
    const session = await createSession(deps, actors.nanningUnit);
    await expect(redeemPasswordReset(deps, { token: issued.token, password: "short" })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await redeemPasswordReset(deps, { token: issued.token, password: NEW_PW })).toEqual({ ok: true, username: "nn-unit" });
    expect(await loadSession(deps, session.id)).toBeNull();
    expect(await redeemPasswordReset(deps, { token: issued.token, password: "yet another pass phrase 9" })).toEqual({ ok: false, reason: "expired" });
    expect((await login("nn-unit")).ok).toBe(false);
    expect((await login("nn-unit", NEW_PW)).ok).toBe(true);

    const late = await issuePasswordReset(deps, CLI_ACTOR, { account: "nn-unit" });
    now = new Date(now.getTime() + 24 * 3600_000 + 1000);
    expect(await redeemPasswordReset(deps, { token: late.token, password: PW })).toEqual({ ok: false, reason: "expired" });
    expect((await login("nn-unit", NEW_PW)).ok).toBe(true);
  });

  it("changing one's own password needs the current one; other sessions end, the one in use stays", async () => {
    const mine = await createSession(deps, actors.guilinUnit);
    const other = await createSession(deps, actors.guilinUnit);
    const keep = (await loadSession(deps, mine.id))!.idHash;
    await expect(changeOwnPassword(deps, actors.guilinUnit, { current: "wrong password entirely", password: NEW_PW })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(changeOwnPassword(deps, actors.guilinUnit, { current: PW, password: "gl-unit-is-my-password" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await changeOwnPassword(deps, actors.guilinUnit, { current: PW, password: NEW_PW, keepSessionHash: keep });
    expect(await loadSession(deps, mine.id)).not.toBeNull();
    expect(await loadSession(deps, other.id)).toBeNull();
    expect((await login("gl-unit", PW)).ok).toBe(false);
    expect((await login("gl-unit", NEW_PW)).ok).toBe(true);
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.action, "staff.password_changed"))).length).toBe(1);
  });

  it("TOTP: enrolment is stored only after a correct code, then sign-in needs it; a manager's reset removes it", async () => {
    const pending = startTotpEnrolment(deps, actors.guilin);
    await expect(confirmTotpEnrolment(deps, actors.guilin, { sealed: pending.sealed, code: "000000" })).rejects.toMatchObject({ code: "invalid_input" });
    // Another account cannot use someone else's pending enrolment.
    const code = () => new TOTP({ secret: Secret.fromBase32(pending.secret) }).generate({ timestamp: now.getTime() });
    await expect(confirmTotpEnrolment(deps, actors.nanning, { sealed: pending.sealed, code: code() })).rejects.toMatchObject({ code: "invalid_input" });
    expect((await deps.db.select().from(staffUsers).where(eq(staffUsers.id, actors.guilin.id)))[0].totpSecretEnc).toBeNull();
    await confirmTotpEnrolment(deps, actors.guilin, { sealed: pending.sealed, code: code() });
    expect(await login("gl-committee")).toEqual({ ok: false, reason: "totp_required" });
    expect((await login("gl-committee", PW, code())).ok).toBe(true);
    await expect(resetTotp(deps, actors.nanning, { account: "gl-committee" })).rejects.toMatchObject({ code: "not_found" });
    expect(await resetTotp(deps, actors.admin, { account: "gl-committee" })).toMatchObject({ changed: true });
    expect((await login("gl-committee")).ok).toBe(true);
    const actions = (
      await deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, String(actors.guilin.id)))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.totp_enrolled", "staff.totp_reset"]));
  });
});
