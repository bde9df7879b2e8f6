import { eq } from "drizzle-orm";
import { TOTP } from "otpauth";
import { z } from "zod";
import { staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { actorLabel, toActor, type StaffActor } from "./actor.js";
import { admitAttempt, clearAccount, throttleKeys } from "./login-throttle.js";
import { decoyHash, verifyPassword } from "./password.js";

export const authenticateInput = z.object({
  username: z.string().trim().toLowerCase().max(100),
  password: z.string().max(1000),
  totp: z.string().trim().max(12).optional(),
  /** The connecting address, used only to derive a keyed throttle key; never stored or logged. */
  clientAddress: z.string().max(100),
});
export type AuthenticateInput = z.input<typeof authenticateInput>;

export type AuthResult = { ok: true; actor: StaffActor } | { ok: false; reason: "invalid" | "throttled" | "totp_required" };

/** Check a login. Throttling comes first, so a locked account or client costs no hashing at all. */
export async function authenticate(deps: Deps, raw: AuthenticateInput): Promise<AuthResult> {
  const parsed = authenticateInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const input = parsed.data;
  const now = deps.clock();
  const keys = throttleKeys(deps, input.username, input.clientAddress);
  const admitted = await deps.db.transaction((tx) => admitAttempt(tx, keys, now));
  if (!admitted) return { ok: false, reason: "throttled" };

  const [user] = await deps.db.select().from(staffUsers).where(eq(staffUsers.username, input.username));
  // Hash even for unknown or disabled users, so timing does not reveal which usernames exist.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || user.disabled || !passwordOk) return { ok: false, reason: "invalid" };
  if (user.totpSecretEnc) {
    if (!input.totp) return { ok: false, reason: "totp_required" };
    const totp = new TOTP({ secret: deps.crypto.decrypt(user.totpSecretEnc) });
    if (totp.validate({ token: input.totp, timestamp: now.getTime(), window: 1 }) === null) return { ok: false, reason: "invalid" };
  }
  await deps.db.transaction(async (tx) => {
    await clearAccount(tx, keys);
    await tx.update(staffUsers).set({ lastLoginAt: now }).where(eq(staffUsers.id, user.id));
    await appendAudit(tx, { actor: actorLabel(user), action: "staff.login", entity: "staff_user", entityId: user.id }, now);
  });
  return { ok: true, actor: toActor(user) };
}
