import { inArray, sql } from "drizzle-orm";
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
 * guesses race-free, provided each count is one atomic statement: the upsert adds to the stored value
 * (`failures + 1`) and returns the new count, so N simultaneous first guesses at a never-tried key
 * count 1…N even though no row existed to lock (a read-then-write lost increments on PostgreSQL:
 * 15–20 of 24 simultaneous guesses were hashed). Returns false when either key is over its limit.
 */
export async function admitAttempt(tx: DbOrTx, keys: ThrottleKeys, now: Date): Promise<boolean> {
  let admitted = true;
  for (const [key, limit] of [
    [keys.account, THROTTLE.accountAttempts],
    [keys.client, THROTTLE.clientAttempts],
  ] as const) {
    if (!(await countAttempt(tx, key, limit, now))) admitted = false;
  }
  return admitted;
}

async function countAttempt(tx: DbOrTx, key: string, limit: number, now: Date): Promise<boolean> {
  const t = loginThrottle;
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const locked = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} > ${at(now)})`;
  // A count starts afresh after a quiet window or an expired lock; a live lock is left as it is.
  const fresh = sql`(${t.updatedAt} < ${at(new Date(now.getTime() - THROTTLE.windowMs))} or ${t.lockedUntil} <= ${at(now)})`;
  const failures = sql`case when ${locked} then ${t.failures} when ${fresh} then 1 else ${t.failures} + 1 end`;
  const [row] = await tx
    .insert(t)
    .values({ key, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures,
        lockedUntil: sql`case when ${locked} then ${t.lockedUntil} when ${failures} > ${limit} then ${at(new Date(now.getTime() + THROTTLE.lockMs))} else null end`,
        updatedAt: sql`case when ${locked} then ${t.updatedAt} else ${at(now)} end`,
      },
    })
    .returning({ lockedUntil: t.lockedUntil });
  return !(row.lockedUntil && row.lockedUntil > now);
}

/** A correct password clears the account's count (not the client's: one good account must not reset a sprayer). */
export async function clearAccount(tx: DbOrTx, keys: ThrottleKeys): Promise<void> {
  await tx.delete(loginThrottle).where(inArray(loginThrottle.key, [keys.account]));
}
