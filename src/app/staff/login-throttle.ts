import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { loginThrottle } from "../../db/schema.js";
import type { Deps } from "../deps.js";

/** Attempts allowed per window before a lock; the client limit is higher because offices share an address. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  accountAttempts: 5,
  clientAttempts: 30,
};

export interface ThrottleKeys {
  account: string;
  client: string;
}

/** Keys are keyed hashes: the table never holds a username or a network address in clear. */
export function throttleKeys(deps: Pick<Deps, "crypto">, username: string, clientAddress: string): ThrottleKeys {
  return {
    account: `account:${deps.crypto.hash("login-account", username.trim().toLowerCase())}`,
    client: `client:${deps.crypto.hash("login-client", clientAddress)}`,
  };
}

/**
 * Count this attempt against both keys BEFORE any password is hashed (a hash costs ~0.5 s, so a
 * flood of guesses must be refused cheaply). Counting attempts rather than failures makes parallel
 * guesses race-free: the row lock orders them. Returns false when either key is over its limit.
 */
export async function admitAttempt(tx: DbOrTx, keys: ThrottleKeys, now: Date): Promise<boolean> {
  const existing = await tx.select().from(loginThrottle).where(inArray(loginThrottle.key, [keys.account, keys.client])).for("update");
  const byKey = new Map(existing.map((r) => [r.key, r]));
  let admitted = true;
  for (const [key, limit] of [[keys.account, THROTTLE.accountAttempts], [keys.client, THROTTLE.clientAttempts]] as const) {
    const row = byKey.get(key);
    if (row?.lockedUntil && row.lockedUntil > now) {
      admitted = false;
      continue;
    }
    const fresh = !row || now.getTime() - row.updatedAt.getTime() > THROTTLE.windowMs || (row.lockedUntil !== null && row.lockedUntil <= now);
    const failures = (fresh ? 0 : row.failures) + 1;
    const lockedUntil = failures > limit ? new Date(now.getTime() + THROTTLE.lockMs) : null;
    if (lockedUntil) admitted = false;
    await tx.insert(loginThrottle).values({ key, failures, lockedUntil, updatedAt: now })
      .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, lockedUntil, updatedAt: now } });
  }
  return admitted;
}

/** A correct password clears the account's count (not the client's: one good account must not reset a sprayer). */
export async function clearAccount(tx: DbOrTx, keys: ThrottleKeys): Promise<void> {
  await tx.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.account]));
}
