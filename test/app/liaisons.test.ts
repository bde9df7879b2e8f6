import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { auditLog, liaisonInvites, liaisons, outbox } from "../../src/db/schema.js";
import { createInvite } from "../../src/app/liaisons/create-invite.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { leaveUnit } from "../../src/app/liaisons/leave-unit.js";
import { removeLiaison } from "../../src/app/liaisons/remove-liaison.js";
import { listChatLiaisons, listLiaisons } from "../../src/app/liaisons/list-liaisons.js";
import { chatKey } from "../../src/app/chat/chat-locale.js";
import type { AppError, Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const DAY = 86_400_000;

describe.each(DB_KINDS)("liaisons on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2024-03-01T01:00:00Z");
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
  });
  afterAll(async () => database?.close());

  const rejection = async (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: unknown) => e as AppError,
    );

  it("an invite is a deep-link payload stored only as a keyed hash, valid for 7 days by default", async () => {
    const invite = await createInvite(deps, { unit: "450102:emergency", actor: "staff:alice" });
    expect(invite.token).toMatch(/^li_[A-Za-z0-9_-]{32}$/);
    expect(invite.unit.name).toBe("兴宁区应急管理局");
    expect(invite.expiresAt.getTime() - now.getTime()).toBe(7 * DAY);
    const stored = await deps.db.select().from(liaisonInvites).where(eq(liaisonInvites.unitId, invite.unit.id));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(invite.token.slice(3));
    expect(stored[0].tokenHash).toBe(deps.crypto.hash("liaison-invite", invite.token));
    const [audit] = await deps.db.select().from(auditLog).where(eq(auditLog.action, "liaison.invite_created"));
    expect(audit.actor).toBe("staff:alice");
    expect(JSON.stringify(audit)).not.toContain(invite.token.slice(3));
    // By id as well as by key; an unknown unit is a clear not_found.
    expect((await createInvite(deps, { unit: String(invite.unit.id), actor: "x" })).unit.key).toBe("450102:emergency");
    expect((await rejection(createInvite(deps, { unit: "450102:fire", actor: "x" }))).code).toBe("not_found");
  });

  it("binds the chat (encrypted, linked by hash); the invite works once", async () => {
    const invite = await createInvite(deps, { unit: "450103:emergency", actor: "staff:alice" });
    const first = await acceptInvite(deps, { token: invite.token, chatId: 7001, locale: "en" });
    expect(first).toMatchObject({ ok: true, alreadyBound: false, unit: { id: invite.unit.id } });
    const [row] = await deps.db.select().from(liaisons).where(eq(liaisons.unitId, invite.unit.id));
    expect(deps.crypto.decrypt(row.telegramChatEnc!)).toBe("7001");
    expect(row.telegramChatHash).toBe(chatKey(deps, 7001));
    expect(row.locale).toBe("en");
    expect(JSON.stringify({ ...row, telegramChatEnc: null })).not.toContain("7001");
    expect(await acceptInvite(deps, { token: invite.token, chatId: 7001 })).toEqual({ ok: false, reason: "used" });
    expect(await acceptInvite(deps, { token: invite.token, chatId: 7002 })).toEqual({ ok: false, reason: "used" });
    expect(await deps.db.select().from(liaisons).where(eq(liaisons.unitId, invite.unit.id))).toHaveLength(1);
  });

  it("two chats opening one link at once: exactly one is bound", async () => {
    const invite = await createInvite(deps, { unit: "450105:emergency", actor: "staff:alice" });
    const results = await Promise.all([7101, 7102, 7103].map((chatId) => acceptInvite(deps, { token: invite.token, chatId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await deps.db.select().from(liaisons).where(eq(liaisons.unitId, invite.unit.id))).toHaveLength(1);
  });

  it("expires: usable one second before the deadline, refused one second after", async () => {
    const a = await createInvite(deps, { unit: "450107:emergency", actor: "staff:alice" });
    const b = await createInvite(deps, { unit: "450107:emergency", actor: "staff:alice", validDays: 2 });
    const created = now;
    now = new Date(created.getTime() + 2 * DAY + 1000);
    expect(await acceptInvite(deps, { token: b.token, chatId: 7201 })).toEqual({ ok: false, reason: "expired" });
    now = new Date(created.getTime() + 7 * DAY - 1000);
    expect((await acceptInvite(deps, { token: a.token, chatId: 7201 })).ok).toBe(true);
    now = created;
  });

  it("unknown and malformed tokens are simply invalid", async () => {
    expect(await acceptInvite(deps, { token: "li_" + "A".repeat(32), chatId: 1 })).toEqual({ ok: false, reason: "invalid" });
    expect(await acceptInvite(deps, { token: "li_short", chatId: 1 })).toEqual({ ok: false, reason: "invalid" });
    expect(await acceptInvite(deps, { token: "li_" + "x".repeat(20) + "'; drop table liaisons;--", chatId: 1 })).toEqual({ ok: false, reason: "invalid" });
  });

  it("a chat may answer for several units and a unit may have several liaisons", async () => {
    const fire = await createInvite(deps, { unit: "450100:fire", actor: "s" });
    const police = await createInvite(deps, { unit: "450100:police", actor: "s" });
    const fire2 = await createInvite(deps, { unit: "450100:fire", actor: "s" });
    await acceptInvite(deps, { token: fire.token, chatId: 7301 });
    await acceptInvite(deps, { token: police.token, chatId: 7301 });
    await acceptInvite(deps, { token: fire2.token, chatId: 7302 });
    expect((await listChatLiaisons(deps, { chatId: 7301 })).map((l) => l.unit.key).sort()).toEqual(["450100:fire", "450100:police"]);
    const listed = await listLiaisons(deps, { unit: "450100:fire" });
    expect(listed.liaisons.map((l) => [l.active, l.telegram, l.phone])).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/730[12]/);
    // Binding again to a unit the chat already serves consumes the invite and changes nothing.
    const again = await createInvite(deps, { unit: "450100:fire", actor: "s" });
    expect(await acceptInvite(deps, { token: again.token, chatId: 7301 })).toMatchObject({ ok: true, alreadyBound: true });
    expect((await listLiaisons(deps, { unit: "450100:fire" })).liaisons).toHaveLength(2);
  });

  it("/leave semantics: only the chat's own row, then rebinding revives the same row", async () => {
    const invite = await createInvite(deps, { unit: "450100:transport", actor: "s" });
    const bound = await acceptInvite(deps, { token: invite.token, chatId: 7401 });
    if (!bound.ok) throw new Error("not bound");
    expect(await leaveUnit(deps, { chatId: 7402, liaisonId: bound.liaisonId })).toEqual({ ok: false, reason: "not_liaison" });
    expect((await leaveUnit(deps, { chatId: 7401, liaisonId: bound.liaisonId })).ok).toBe(true);
    expect(await leaveUnit(deps, { chatId: 7401, liaisonId: bound.liaisonId })).toEqual({ ok: false, reason: "not_liaison" });
    const [row] = await deps.db.select().from(liaisons).where(eq(liaisons.id, bound.liaisonId));
    expect([row.active, row.removedReason]).toEqual([false, "left"]);
    expect(await listChatLiaisons(deps, { chatId: 7401 })).toEqual([]);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "liaison.left"), eq(auditLog.entityId, String(bound.liaisonId))));
    expect(audit.actor).toBe(`liaison:${bound.liaisonId}`);

    const back = await createInvite(deps, { unit: "450100:transport", actor: "s" });
    expect(await acceptInvite(deps, { token: back.token, chatId: 7401 })).toMatchObject({ ok: true, liaisonId: bound.liaisonId, alreadyBound: false });
    expect((await listLiaisons(deps, { unit: "450100:transport" })).liaisons.map((l) => l.active)).toEqual([true]);
  });

  it("staff remove a liaison with a reason: deactivated, audited, and told through the outbox", async () => {
    const invite = await createInvite(deps, { unit: "450100:housing", actor: "s" });
    const bound = await acceptInvite(deps, { token: invite.token, chatId: 7501 });
    if (!bound.ok) throw new Error("not bound");
    expect((await rejection(removeLiaison(deps, { liaisonId: bound.liaisonId, actor: "staff:alice", reason: "" }))).code).toBe("invalid_input");
    await removeLiaison(deps, { liaisonId: bound.liaisonId, actor: "staff:alice", reason: "调岗" });
    const [row] = await deps.db.select().from(liaisons).where(eq(liaisons.id, bound.liaisonId));
    expect([row.active, row.removedReason, row.removedAt?.getTime()]).toEqual([false, "调岗", now.getTime()]);
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "liaison.removed"), eq(auditLog.entityId, String(bound.liaisonId))));
    expect([audit.actor, audit.reason]).toEqual(["staff:alice", "调岗"]);
    const notices = await deps.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `liaison:${bound.liaisonId}:removed:%`));
    expect(notices).toHaveLength(1);
    expect(deps.crypto.decrypt(notices[0].recipientEnc)).toBe("7501");
    expect(JSON.parse(deps.crypto.decrypt(notices[0].payloadEnc!)).text).toContain("南宁市住房和城乡建设局");
    expect((await rejection(removeLiaison(deps, { liaisonId: bound.liaisonId, actor: "staff:alice", reason: "again" }))).code).toBe("conflict");
    expect((await rejection(removeLiaison(deps, { liaisonId: 999_999, actor: "staff:alice", reason: "nobody" }))).code).toBe("not_found");
    expect(await listChatLiaisons(deps, { chatId: 7501 })).toEqual([]);
  });
});
