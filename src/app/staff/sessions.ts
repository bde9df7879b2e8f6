import { and, eq, gt, isNull } from "drizzle-orm";
import { staffSessions, staffUsers } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { actorLabel, toActor, type StaffActor } from "./actor.js";

/** Absolute lifetime: a working day and a bit. Revocation (logout, disabling) ends it sooner. */
export const SESSION_TTL_MS = 12 * 3600_000;

export interface NewSession {
  /** The cookie value: 32 random bytes, stored server-side only as a keyed hash. */
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  idHash: string;
  csrfToken: string;
  actor: StaffActor;
}

const idHashOf = (deps: Pick<Deps, "crypto">, id: string) => deps.crypto.hash("staff-session", id);

export async function createSession(deps: Deps, actor: StaffActor): Promise<NewSession> {
  const id = deps.crypto.randomToken(32);
  const csrfToken = deps.crypto.randomToken(24);
  const expiresAt = new Date(deps.clock().getTime() + SESSION_TTL_MS);
  await deps.db.insert(staffSessions).values({ idHash: idHashOf(deps, id), userId: actor.id, csrfToken, expiresAt });
  return { id, csrfToken, expiresAt };
}

/** The session behind a cookie value, if it is live and its user is not disabled. */
export async function loadSession(deps: Deps, id: string | undefined): Promise<ActiveSession | null> {
  if (!id || id.length > 100) return null;
  const idHash = idHashOf(deps, id);
  const [row] = await deps.db
    .select({ s: staffSessions, u: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(and(eq(staffSessions.idHash, idHash), isNull(staffSessions.revokedAt), gt(staffSessions.expiresAt, deps.clock())));
  if (!row || row.u.disabled) return null;
  return { idHash, csrfToken: row.s.csrfToken, actor: toActor(row.u) };
}

export async function revokeSession(deps: Deps, session: ActiveSession): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    await tx.update(staffSessions).set({ revokedAt: now }).where(eq(staffSessions.idHash, session.idHash));
    await appendAudit(tx, { actor: actorLabel(session.actor), action: "staff.logout", entity: "staff_user", entityId: session.actor.id }, now);
  });
}
