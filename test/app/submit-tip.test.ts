import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import { auditLog, liaisons, outbox, tipEvents, tips, units } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import { SECRET_BITS } from "../../src/domain/receipts.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

describe.each(DB_KINDS)("submitTip on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  it("stores the tip with its routing, events, audit row and messages in one go; the secret only as a hash", async () => {
    const [unit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    await deps.db
      .insert(liaisons)
      .values({ unitId: unit.id, telegramChatEnc: deps.crypto.encrypt("777001"), telegramChatHash: deps.crypto.hash("tg-chat", "777001") });
    const r = await submitTip(deps, {
      channel: "telegram",
      text: "商场把消防通道和安全出口都堵死了，晚上人很多",
      place: "南宁市兴宁区",
      reporter: { address: "555123", consent: false },
    });
    expect(SECRET_BITS).toBeGreaterThanOrEqual(80);
    expect(r.trackingCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ-]+$/);
    expect(r.routing.unit.id).toBe(unit.id);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, r.tipId));
    expect(tip.secretHash).not.toContain(r.secret);
    expect(deps.crypto.verifyHash("receipt-secret", r.secret, tip.secretHash)).toBe(true);
    expect(tip.reporterChannelHash).not.toBe("555123");
    expect(Buffer.from(tip.reporterContactEnc!).toString("latin1")).not.toContain("555123");
    expect(JSON.parse(deps.crypto.decrypt(tip.reporterContactEnc!))).toMatchObject({ address: "555123" });
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, r.tipId));
    expect(events.map((e) => e.kind)).toEqual(["received", "routed", "alerted"]);
    const messages = await deps.db.select().from(outbox);
    const decoded = messages.map((m) => ({ to: deps.crypto.decrypt(m.recipientEnc), text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string }));
    const toReporter = decoded.find((m) => m.to === "555123")!;
    expect(toReporter.text).toContain(r.trackingCode);
    expect(toReporter.text).toContain(r.secret);
    expect(toReporter.text).toContain("南宁市消防救援支队");
    const toLiaison = decoded.find((m) => m.to === "777001")!;
    expect(toLiaison.text).toContain(r.trackingCode);
    expect(toLiaison.text).not.toContain("555123");
    for (const m of messages) expect(Buffer.from(m.payloadEnc!).toString("latin1")).not.toContain(r.secret);
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
    const audits = await deps.db.select().from(auditLog);
    expect(audits.at(-1)).toMatchObject({ action: "tip.received", entityId: String(r.tipId) });
  });

  it("refuses a too-short tip with invalid_input and stores nothing", async () => {
    const before = Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);
    await expect(submitTip(deps, { channel: "web", text: "短" })).rejects.toMatchObject({ code: "invalid_input" });
    const after = Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n);
    expect(after).toBe(before);
  });
});
