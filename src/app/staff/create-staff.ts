import { eq, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";
import { jurisdictions, staffUsers, units } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { actorLabel, STAFF_ROLES, type StaffActor } from "./actor.js";
import { hashPassword, passwordWeakness } from "./password.js";

export const createStaffInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,40}$/),
  displayName: z.string().trim().min(1).max(80).optional(),
  password: z.string(),
  role: z.enum(STAFF_ROLES),
  jurisdictionCode: z
    .string()
    .trim()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  /** A unit id or its natural key ("450100:fire"). */
  unit: z.string().trim().max(60).optional(),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  totp: z.boolean().default(false),
  createdBy: z.string().default("cli"),
});
export type CreateStaffInput = z.input<typeof createStaffInput>;

export interface CreatedStaff {
  id: number;
  username: string;
  /** otpauth:// URI to enrol an authenticator app, shown once. */
  totpUri?: string;
}

/**
 * Create a staff account. Committee staff need a jurisdiction (they see its subtree), unit staff a
 * unit; viewers need one of the two (their read-only scope). Weak passwords are refused.
 * With a manager (`by`, from /admin/staff): committee staff create accounts only inside their subtree
 * and never an admin; the audit names the manager.
 */
export async function createStaff(deps: Deps, raw: CreateStaffInput, by?: StaffActor): Promise<CreatedStaff> {
  if (by) requireManager(by);
  const parsed = createStaffInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid staff account",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  const weakness = passwordWeakness(input.password, input.username);
  if (weakness) throw new AppError("invalid_input", `weak password: ${weakness}`, [{ path: "password", code: weakness }]);

  let unitId: number | null = null;
  let jurisdictionCode = input.jurisdictionCode ?? null;
  if (input.unit) {
    const byId = /^\d+$/.test(input.unit) ? eq(units.id, Number(input.unit)) : undefined;
    const [unit] = await deps.db
      .select()
      .from(units)
      .where(byId ? or(byId, eq(units.key, input.unit)) : eq(units.key, input.unit))
      .limit(1);
    if (!unit) throw new AppError("invalid_input", `no unit ${input.unit}`, [{ path: "unit", code: "not_found" }]);
    unitId = unit.id;
    jurisdictionCode ??= unit.jurisdictionCode;
  }
  if (jurisdictionCode) {
    const [j] = await deps.db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, jurisdictionCode));
    if (!j) throw new AppError("invalid_input", `no jurisdiction ${jurisdictionCode}`, [{ path: "jurisdictionCode", code: "not_found" }]);
  }
  if (input.role === "committee" && !jurisdictionCode)
    throw new AppError("invalid_input", "committee staff need --jurisdiction", [{ path: "jurisdictionCode", code: "required" }]);
  if (input.role === "unit" && !unitId) throw new AppError("invalid_input", "unit staff need --unit", [{ path: "unit", code: "required" }]);
  if (input.role === "viewer" && !unitId && !jurisdictionCode)
    throw new AppError("invalid_input", "viewers need --unit or --jurisdiction", [{ path: "unit", code: "required" }]);
  if (by && by.role !== "admin") {
    if (input.role === "admin") throw new AppError("forbidden", "only an admin creates admin accounts");
    if (!jurisdictionCode || !inPrefix(jurisdictionCode, await jurisdictionPrefix(deps.db, by)))
      throw new AppError("forbidden", "that jurisdiction or unit is outside your scope");
  }
  const createdBy = by ? actorLabel(by) : input.createdBy;

  const passwordHash = await hashPassword(input.password);
  const totpSecret = input.totp ? new Secret({ size: 20 }) : null;
  const now = deps.clock();
  const created = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash,
        role: input.role,
        jurisdictionCode,
        unitId: input.role === "committee" ? null : unitId,
        locale: input.locale,
        totpSecretEnc: totpSecret ? deps.crypto.encrypt(totpSecret.base32) : null,
      })
      .onConflictDoNothing()
      .returning({ id: staffUsers.id });
    if (!row) throw new AppError("conflict", `username ${input.username} is taken`);
    await appendAudit(
      tx,
      {
        actor: createdBy,
        action: "staff.created",
        entity: "staff_user",
        entityId: row.id,
        after: { username: input.username, role: input.role, jurisdictionCode, unitId, totp: Boolean(totpSecret) },
      },
      now,
    );
    return row;
  });
  const totpUri = totpSecret ? new TOTP({ issuer: "jubao", label: input.username, secret: totpSecret }).toString() : undefined;
  return { id: created.id, username: input.username, totpUri };
}
