import { deskLinks } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../deps.js";

/** Long enough to cover a reminder sent on a Friday evening and opened on Monday morning. */
export const DESK_LINK_TTL_MS = 72 * 3_600_000;
/** 16 random bytes: 22 base64url characters, 128 bits — short in an SMS, far beyond guessing. */
export const DESK_LINK_TOKEN = /^[A-Za-z0-9_-]{22}$/;
export const DESK_LINK_PATH = "/desk/in/";

/**
 * A one-time sign-in link to /desk for one liaison, made in the caller's transaction (the reminder that
 * carries it is queued in the same one). Only the keyed hash is stored; the token lives in the SMS.
 * Null when PUBLIC_URL is unset: the server does not know the address people reach it at.
 */
export async function createDeskLink(tx: DbOrTx, deps: Pick<Deps, "crypto" | "clock" | "config">, liaisonId: number): Promise<string | null> {
  const base = deps.config.PUBLIC_URL;
  if (!base) return null;
  const token = deps.crypto.randomToken(16);
  const now = deps.clock();
  await tx.insert(deskLinks).values({
    tokenHash: deps.crypto.hash("desk-link", token),
    liaisonId,
    expiresAt: new Date(now.getTime() + DESK_LINK_TTL_MS),
    createdAt: now,
  });
  return `${base.replace(/\/+$/, "")}${DESK_LINK_PATH}${token}`;
}
