import { eq } from "drizzle-orm";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "./actor.js";
import { manageableAccount, revokeAllSessions } from "./staff-scope.js";

/**
 * Remove an account's authenticator (a lost phone): the account signs in with its password alone
 * until it enrols again. Its sessions end, since whoever holds the old device may hold one too.
 */
export async function resetTotp(deps: Deps, actor: StaffActor, input: { account: string | number }): Promise<{ id: number; changed: boolean }> {
  return withTransaction(deps, async (tx) => {
    const row = await manageableAccount(tx.db, actor, input.account);
    if (!row.totpSecretEnc) return { id: row.id, changed: false };
    const now = tx.clock();
    await tx.db.update(staffUsers).set({ totpSecretEnc: null }).where(eq(staffUsers.id, row.id));
    if (row.id !== actor.id) await revokeAllSessions(tx.db, row.id, now);
    await appendAudit(
      tx.db,
      { actor: actorLabel(actor), action: "staff.totp_reset", entity: "staff_user", entityId: row.id, after: { username: row.username } },
      now,
    );
    return { id: row.id, changed: true };
  });
}
