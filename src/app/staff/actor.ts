import type { staffUsers } from "../../db/schema.js";

export const STAFF_ROLES = ["committee", "unit", "viewer", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in person as every triage verb sees them: no password hash, no TOTP secret. */
export interface StaffActor {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  jurisdictionCode: string | null;
  unitId: number | null;
  locale: string;
}

export function toActor(row: typeof staffUsers.$inferSelect): StaffActor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    jurisdictionCode: row.jurisdictionCode,
    unitId: row.unitId,
    locale: row.locale,
  };
}

/**
 * The operator at the command line: admin powers, id 0 (no account). The CLI's management commands
 * call the same verbs as /admin/staff and /admin/units with this actor, and the audit names it "cli".
 */
export const CLI_ACTOR: StaffActor = { id: 0, username: "cli", displayName: "cli", role: "admin", jurisdictionCode: null, unitId: null, locale: "zh-CN" };

/** How the audit log names a staff member: stable id plus the name at the time. */
export function actorLabel(actor: Pick<StaffActor, "id" | "username">): string {
  return actor.id === 0 ? "cli" : `staff:${actor.id}:${actor.username}`;
}
