import { eq } from "drizzle-orm";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "./actor.js";
import { manageableAccount, revokeAllSessions } from "./staff-scope.js";

/**
 * Disable or enable an account. Disabling revokes every session in the same transaction (and
 * loadSession refuses a disabled account anyway), so the person's very next request is refused.
 * Nobody disables their own account: the last admin cannot lock everyone out by a slip.
 */
export async function setStaffDisabled(
  deps: Deps,
  actor: StaffActor,
  input: { account: string | number; disabled: boolean },
): Promise<{ id: number; changed: boolean }> {
  return withTransaction(deps, async (tx) => {
    const row = await manageableAccount(tx.db, actor, input.account);
    if (row.id === actor.id) throw new AppError("invalid_input", "you cannot disable your own account", [{ path: "account", code: "self" }]);
    const now = tx.clock();
    if (input.disabled) await revokeAllSessions(tx.db, row.id, now);
    if (row.disabled === input.disabled) return { id: row.id, changed: false };
    await tx.db.update(staffUsers).set({ disabled: input.disabled }).where(eq(staffUsers.id, row.id));
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: input.disabled ? "staff.disabled" : "staff.enabled",
        entity: "staff_user",
        entityId: row.id,
        before: { disabled: row.disabled },
        after: { disabled: input.disabled, username: row.username },
      },
      now,
    );
    return { id: row.id, changed: true };
  });
}
