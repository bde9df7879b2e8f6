import { and, eq, gt, isNull } from "drizzle-orm";
import { deskLinks, liaisons, staffUsers, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { toActor, type StaffActor } from "../staff/actor.js";
import { createSession, type NewSession } from "../staff/sessions.js";
import { withTransaction } from "../with-transaction.js";
import { DESK_LINK_TOKEN } from "./desk-link.js";

export type RedeemDeskLinkResult = { ok: true; session: NewSession; actor: StaffActor } | { ok: false; reason: "invalid" | "used" | "expired" | "not_liaison" };

/** No scrypt hash starts with "!": verifyPassword refuses it, so a desk account can never sign in with a password. */
const NO_PASSWORD = "!desk-link-only";

/**
 * Spend a one-time desk link: claimed by one conditional UPDATE (two taps at once, one session), then a
 * staff session for the liaison's desk account, in the same transaction. The account is the liaison's
 * own (username "liaison:<id>", role "unit", their unit): the desk's verbs, scope checks and audit trail
 * work unchanged, and the audit names the person who filed. A removed liaison's link signs in nobody.
 */
export async function redeemDeskLink(deps: Deps, token: string): Promise<RedeemDeskLinkResult> {
  if (!DESK_LINK_TOKEN.test(token)) return { ok: false, reason: "invalid" };
  const tokenHash = deps.crypto.hash("desk-link", token);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const [claimed] = await tx.db
      .update(deskLinks)
      .set({ usedAt: now })
      .where(and(eq(deskLinks.tokenHash, tokenHash), isNull(deskLinks.usedAt), gt(deskLinks.expiresAt, now)))
      .returning({ liaisonId: deskLinks.liaisonId });
    if (!claimed) {
      const [link] = await tx.db.select().from(deskLinks).where(eq(deskLinks.tokenHash, tokenHash));
      return { ok: false as const, reason: !link ? ("invalid" as const) : link.usedAt ? ("used" as const) : ("expired" as const) };
    }
    const [l] = await tx.db
      .select({ liaison: liaisons, unit: units })
      .from(liaisons)
      .innerJoin(units, eq(units.id, liaisons.unitId))
      .where(eq(liaisons.id, claimed.liaisonId))
      .for("update");
    if (!l?.liaison.active || !l.unit.active) return { ok: false as const, reason: "not_liaison" as const };
    const user = await deskAccount(tx.db, l.liaison.id, l.liaison.deskUserId, l.unit, l.liaison.locale);
    const actor = toActor(user);
    const session = await createSession(tx, actor);
    await appendAudit(
      tx.db,
      { actor: `liaison:${l.liaison.id}`, action: "desk.link_sign_in", entity: "staff_user", entityId: user.id, after: { unitId: l.unit.id } },
      now,
    );
    return { ok: true as const, session, actor };
  });
}

async function deskAccount(
  tx: DbOrTx,
  liaisonId: number,
  deskUserId: number | null,
  unit: { id: number; name: string; jurisdictionCode: string },
  locale: string,
): Promise<typeof staffUsers.$inferSelect> {
  const values = {
    displayName: `联络员 #${liaisonId}（${unit.name}）`.slice(0, 80),
    role: "unit" as const,
    unitId: unit.id,
    jurisdictionCode: unit.jurisdictionCode,
    disabled: false,
  };
  if (deskUserId !== null) {
    const [user] = await tx.update(staffUsers).set(values).where(eq(staffUsers.id, deskUserId)).returning();
    if (user) return user;
  }
  const [user] = await tx
    .insert(staffUsers)
    .values({ ...values, username: `liaison:${liaisonId}`, passwordHash: NO_PASSWORD, locale })
    .onConflictDoUpdate({ target: staffUsers.username, set: values })
    .returning();
  await tx.update(liaisons).set({ deskUserId: user.id }).where(eq(liaisons.id, liaisonId));
  return user;
}
