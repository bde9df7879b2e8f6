import { eq } from "drizzle-orm";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { withTransaction } from "../with-transaction.js";
import { actorLabel, type StaffActor } from "./actor.js";
import { totpFor } from "./totp-enrolment.js";

function unseal(deps: Deps, sealed: string): { u: number; s: string; e: number } | null {
  try {
    if (sealed.length > 1000) return null;
    return JSON.parse(deps.crypto.decrypt(new Uint8Array(Buffer.from(sealed, "base64url"))));
  } catch {
    return null;
  }
}

/**
 * Finish enrolling: the code from the app proves it holds the secret; only then is the secret stored
 * (encrypted) and required at every sign-in. Replaces an earlier authenticator.
 */
export async function confirmTotpEnrolment(deps: Deps, actor: StaffActor, input: { sealed: string; code: string }): Promise<void> {
  const pending = unseal(deps, input.sealed);
  const now = deps.clock();
  if (!pending || pending.u !== actor.id || pending.e < now.getTime())
    throw new AppError("invalid_input", "the enrolment expired; start again", [{ path: "sealed", code: "expired" }]);
  const code = input.code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code) || totpFor(actor.username, pending.s).validate({ token: code, timestamp: now.getTime(), window: 1 }) === null)
    throw new AppError("invalid_input", "the code does not match", [{ path: "code", code: "wrong" }]);
  await withTransaction(deps, async (tx) => {
    await tx.db
      .update(staffUsers)
      .set({ totpSecretEnc: tx.crypto.encrypt(pending.s) })
      .where(eq(staffUsers.id, actor.id));
    await appendAudit(tx.db, { actor: actorLabel(actor), action: "staff.totp_enrolled", entity: "staff_user", entityId: actor.id }, now);
  });
}
