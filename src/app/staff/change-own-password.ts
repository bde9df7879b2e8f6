import { and, eq, isNull, ne } from "drizzle-orm";
import { staffSessions, staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "./actor.js";
import { hashPassword, passwordWeakness, verifyPassword } from "./password.js";

/**
 * Change one's own password: the current one is required (a borrowed session alone cannot take the
 * account over). Other sessions of the account end; the one in use stays.
 */
export async function changeOwnPassword(deps: Deps, actor: StaffActor, input: { current: string; password: string; keepSessionHash?: string }): Promise<void> {
  const [row] = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, actor.id));
  if (!row || row.disabled) throw new AppError("not_found", "no such account");
  if (input.current.length > 1000 || !(await verifyPassword(input.current, row.passwordHash)))
    throw new AppError("invalid_input", "the current password is wrong", [{ path: "current", code: "wrong" }]);
  const weakness = passwordWeakness(input.password, row.username);
  if (weakness) throw new AppError("invalid_input", `weak password: ${weakness}`, [{ path: "password", code: weakness }]);
  const passwordHash = await hashPassword(input.password);
  await withTransaction(deps, async (tx) => {
    const now = tx.clock();
    await tx.db.update(staffUsers).set({ passwordHash, passwordResetHash: null, passwordResetExpiresAt: null }).where(eq(staffUsers.id, row.id));
    await tx.db
      .update(staffSessions)
      .set({ revokedAt: now })
      .where(and(eq(staffSessions.userId, row.id), isNull(staffSessions.revokedAt), ne(staffSessions.idHash, input.keepSessionHash ?? "")));
    await appendAudit(tx.db, { actor: actorLabel(actor), action: "staff.password_changed", entity: "staff_user", entityId: row.id }, now);
  });
}
