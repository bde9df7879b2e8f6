import { and, eq, gt } from "drizzle-orm";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel } from "./actor.js";
import { hashPassword, passwordWeakness } from "./password.js";
import { revokeAllSessions } from "./staff-scope.js";

export type ResetCheck = { ok: true; username: string } | { ok: false; reason: "expired" };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function findByToken(deps: Deps, token: string) {
  if (!TOKEN.test(token)) return undefined;
  const [row] = await deps.db
    .select()
    .from(staffUsers)
    .where(
      and(
        eq(staffUsers.passwordResetHash, deps.crypto.hash("staff-password-reset", token)),
        gt(staffUsers.passwordResetExpiresAt, deps.clock()),
        eq(staffUsers.disabled, false),
      ),
    );
  return row;
}

/** Whether a reset link still works (for the page that asks for the new password). */
export async function checkPasswordReset(deps: Deps, token: string): Promise<ResetCheck> {
  const row = await findByToken(deps, token);
  return row ? { ok: true, username: row.username } : { ok: false, reason: "expired" };
}

/**
 * Set a new password through a reset link. The link is spent at once, every session of the account
 * ends, and the change is audited. A weak password is refused and the link keeps working.
 */
export async function redeemPasswordReset(deps: Deps, input: { token: string; password: string }): Promise<ResetCheck> {
  const row = await findByToken(deps, input.token);
  if (!row) return { ok: false, reason: "expired" };
  const weakness = passwordWeakness(input.password, row.username);
  if (weakness) throw new AppError("invalid_input", `weak password: ${weakness}`, [{ path: "password", code: weakness }]);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps, async (tx) => {
    const now = tx.clock();
    const spent = await tx.db
      .update(staffUsers)
      .set({ passwordHash, passwordResetHash: null, passwordResetExpiresAt: null })
      .where(and(eq(staffUsers.id, row.id), eq(staffUsers.passwordResetHash, row.passwordResetHash!)))
      .returning({ id: staffUsers.id });
    if (spent.length === 0) return { ok: false, reason: "expired" } as const;
    await revokeAllSessions(tx.db, row.id, now);
    await appendAudit(tx.db, { actor: actorLabel(row), action: "staff.password_reset_used", entity: "staff_user", entityId: row.id }, now);
    return { ok: true, username: row.username } as const;
  });
}
