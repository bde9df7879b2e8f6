import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { staffSessions, staffUsers, units } from "../../db/schema.js";
import { AppError } from "../deps.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import type { StaffActor } from "./actor.js";

export type StaffRow = typeof staffUsers.$inferSelect;

/** Where an account sits: its unit's jurisdiction when it has a unit, else its own jurisdiction ("" for admins). */
export async function accountPlace(db: DbOrTx, row: Pick<StaffRow, "unitId" | "jurisdictionCode">): Promise<string> {
  if (row.unitId) {
    const [u] = await db.select({ code: units.jurisdictionCode }).from(units).where(eq(units.id, row.unitId));
    if (u) return u.code;
  }
  return row.jurisdictionCode ?? "";
}

/**
 * An account the manager may change: admins any, committee staff those placed in their subtree and
 * never an admin. Anything else reads as not found, so ids reveal nothing.
 */
export async function manageableAccount(db: DbOrTx, actor: StaffActor, ref: string | number): Promise<StaffRow> {
  requireManager(actor);
  const text = String(ref).trim().toLowerCase();
  const byId = /^\d{1,9}$/.test(text);
  const [row] = await db
    .select()
    .from(staffUsers)
    .where(byId ? eq(staffUsers.id, Number(text)) : eq(staffUsers.username, text));
  if (!row) throw new AppError("not_found", "no such staff account");
  if (actor.role === "admin") return row;
  const prefix = await jurisdictionPrefix(db, actor);
  const place = await accountPlace(db, row);
  if (row.role === "admin" || !place || !inPrefix(place, prefix)) throw new AppError("not_found", "no such staff account");
  return row;
}

/** Every live session of an account ends now: the next request it makes is refused. */
export async function revokeAllSessions(db: DbOrTx, userId: number, now: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
}
