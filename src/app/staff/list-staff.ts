import { asc, eq, or, sql } from "drizzle-orm";
import { staffUsers, units } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { jurisdictionPrefix, requireManager, withinPrefix } from "../manage/manage-scope.js";
import type { StaffActor, StaffRole } from "./actor.js";

export interface StaffListRow {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  jurisdictionCode: string | null;
  unitId: number | null;
  unitName: string | null;
  unitNameEn: string | null;
  disabled: boolean;
  totp: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/**
 * The accounts a manager may see and change: admins all, committee staff those placed in their
 * subtree (by the account's unit, else its jurisdiction), never admins. No hash or secret leaves here.
 */
export async function listStaff(deps: Deps, actor: StaffActor): Promise<StaffListRow[]> {
  requireManager(actor);
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const scope =
    actor.role === "admin"
      ? sql`true`
      : sql`${staffUsers.role} <> 'admin' and ${or(withinPrefix(units.jurisdictionCode, prefix), sql`${staffUsers.unitId} is null and ${withinPrefix(staffUsers.jurisdictionCode, prefix)}`)}`;
  const rows = await deps.db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      role: staffUsers.role,
      jurisdictionCode: staffUsers.jurisdictionCode,
      unitId: staffUsers.unitId,
      unitName: units.name,
      unitNameEn: units.nameEn,
      disabled: staffUsers.disabled,
      totp: sql<boolean>`${staffUsers.totpSecretEnc} is not null`,
      lastLoginAt: staffUsers.lastLoginAt,
      createdAt: staffUsers.createdAt,
    })
    .from(staffUsers)
    .leftJoin(units, eq(units.id, staffUsers.unitId))
    .where(scope)
    .orderBy(asc(staffUsers.username))
    .limit(1000);
  return rows.map((r) => ({ ...r, totp: Boolean(r.totp) }));
}
