import { eq } from "drizzle-orm";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "./actor.js";
import { manageableAccount } from "./staff-scope.js";

/** A reset link works for a day and once; a newer link replaces an older one. */
export const PASSWORD_RESET_TTL_MS = 24 * 3600_000;

export interface IssuedReset {
  id: number;
  username: string;
  /** Shown once in the response that issued it; only its keyed hash is stored. */
  token: string;
  path: string;
  expiresAt: Date;
}

/** A one-time password-reset link for an account the manager may change. The current password keeps working until the link is used. */
export async function issuePasswordReset(deps: Deps, actor: StaffActor, input: { account: string | number }): Promise<IssuedReset> {
  return withTransaction(deps, async (tx) => {
    const row = await manageableAccount(tx.db, actor, input.account);
    const token = tx.crypto.randomToken(32);
    const now = tx.clock();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
    await tx.db
      .update(staffUsers)
      .set({ passwordResetHash: tx.crypto.hash("staff-password-reset", token), passwordResetExpiresAt: expiresAt })
      .where(eq(staffUsers.id, row.id));
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "staff.password_reset_issued",
        entity: "staff_user",
        entityId: row.id,
        after: { expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { id: row.id, username: row.username, token, path: `/admin/password-reset/${token}`, expiresAt };
  });
}
