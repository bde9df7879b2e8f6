import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { createDb } from "../../src/db/client";
import { campaigns, liaisons, obligations, outbox, reminders, tips, units } from "../../src/db/schema";
import type { Deps } from "../../src/app/deps";
import { planReminders } from "../../src/app/reminders/plan-reminders";
import { sendDueReminders } from "../../src/app/reminders/send-due-reminders";
import { submitTip } from "../../src/app/tips/submit-tip";
import { startCampaign } from "../../src/app/campaigns/start-campaign";
import { runReminders } from "../../src/jobs/reminders";
import { acceptTip } from "../../src/app/triage/accept-tip";
import type { StaffActor } from "../../src/app/staff/actor";
import { shanghaiInstant } from "../../src/domain/reminder-policy";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db";
import { testDeps } from "../support/deps";

const ADMIN: StaffActor = { id: 990, username: "admin", displayName: "Admin", role: "admin", jurisdictionCode: null, unitId: null, locale: "zh-CN" };

describe.each(DB_KINDS)("deadline reminders on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date();
  let township: { id: number; name: string; nameEn: string | null };
  let committeeId: number;
  const at = (date: string, hhmm: string) => {
    now = shanghaiInstant(date, hhmm);
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
    [township] = await deps.db.select({ id: units.id, name: units.name, nameEn: units.nameEn }).from(units).where(eq(units.key, "430422103:township"));
    [{ id: committeeId }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "430422:committee"));
    await deps.db.insert(liaisons).values([
      { unitId: township.id, telegramChatEnc: deps.crypto.encrypt("880001"), telegramChatHash: deps.crypto.hash("tg-chat", "880001") },
      { unitId: township.id, phoneEnc: deps.crypto.encrypt("+8613900000001") }, // no Telegram: SMS
      { unitId: committeeId, telegramChatEnc: deps.crypto.encrypt("880009"), telegramChatHash: deps.crypto.hash("tg-chat", "880009"), locale: "en" },
    ]);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    // Each test owns the only active campaign, so counts are its own.
    await deps.db.update(campaigns).set({ status: "finished" });
    await deps.db.delete(reminders);
    await deps.db.delete(outbox);
  });

  async function campaignWith(duties: { kind: "figures" | "deliverable"; dueOn: string; unitId?: number; code?: string }[]) {
    const [c] = await deps.db
      .insert(campaigns)
      .values({
        name: "强执法防事故专项行动",
        issuingJurisdictionCode: "430422",
        startsOn: "2025-06-01",
        endsOn: "2025-12-31",
        createdBy: "test",
      })
      .returning({ id: campaigns.id });
    const ids: number[] = [];
    for (const [i, d] of duties.entries()) {
      const [o] = await deps.db
        .insert(obligations)
        .values({
          campaignId: c.id,
          unitId: d.unitId ?? township.id,
          kind: d.kind,
          code: d.code ?? `${d.kind}_${i}`,
          title: d.kind === "figures" ? "月报表" : "部署安排情况",
          period: d.kind === "figures" ? "2025-05" : "",
          dueOn: d.dueOn,
        })
        .returning({ id: obligations.id });
      ids.push(o.id);
    }
    return ids;
  }
  const messages = async () =>
    (await deps.db.select().from(outbox).orderBy(outbox.id)).map((m) => {
      const p = JSON.parse(deps.crypto.decrypt(m.payloadEnc!)) as {
        text: string;
        replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] };
      };
      return { channel: m.channel, to: deps.crypto.decrypt(m.recipientEnc), text: p.text, button: p.replyMarkup?.inline_keyboard[0][0], key: m.dedupeKey };
    });
  const stepsOf = async (obligationId: number) =>
    (await deps.db.select().from(reminders).where(eq(reminders.obligationId, obligationId)).orderBy(reminders.sendAt)).map((r) => r.step);

  it("plans the reminders due within a day, idempotently", async () => {
    const [figures] = await campaignWith([{ kind: "figures", dueOn: "2025-06-18" }]);
    at("2025-06-12", "12:00");
    expect(await planReminders(deps)).toMatchObject({ inserted: 1 });
    expect(await planReminders(deps)).toMatchObject({ inserted: 0 });
    expect(await stepsOf(figures)).toEqual(["before-3d"]);
    const [r] = await deps.db.select().from(reminders).where(eq(reminders.obligationId, figures));
    expect(r.sendAt).toEqual(shanghaiInstant("2025-06-13", "09:00")); // Sunday 06-15 moved to Friday
  });

  it("sends each reminder once, by Telegram with the right button, and by SMS to a liaison without Telegram", async () => {
    const [figures, deliverable] = await campaignWith([
      { kind: "figures", dueOn: "2025-06-18" },
      { kind: "deliverable", dueOn: "2025-06-18" },
    ]);
    at("2025-06-13", "09:00");
    expect(await runReminders(deps)).toMatchObject({ sent: 2, messages: 4 });
    const sent = await messages();
    const tg = sent.filter((m) => m.channel === "telegram");
    expect(tg.map((m) => m.to)).toEqual(["880001", "880001"]);
    const figuresMessage = tg.find((m) => m.button?.callback_data === `fig:start:${figures}`)!;
    expect(figuresMessage.text).toContain("“月报表（2025-05）”应于 2025-06-18 前完成，还有 5 天");
    expect(figuresMessage.button!.text).toBe("填报月报表");
    expect(tg.find((m) => m.button?.callback_data === `obl:done:${deliverable}`)!.button!.text).toBe("已完成");
    const sms = sent.filter((m) => m.channel === "sms");
    expect(sms.map((m) => m.to)).toEqual(["+8613900000001", "+8613900000001"]);
    expect(sms[0].button).toBeUndefined();
    const [row] = await deps.db.select().from(reminders).where(eq(reminders.obligationId, figures));
    expect(row.sentAt).toEqual(now);
    expect((row.outboxIds as number[]).sort()).toEqual(
      (
        await deps.db
          .select({ id: outbox.id })
          .from(outbox)
          .where(like(outbox.dedupeKey, `reminder:${row.id}:%`))
      )
        .map((o) => Number(o.id))
        .sort(),
    );
    expect(await runReminders(deps)).toMatchObject({ sent: 0, messages: 0 });
    expect(await deps.db.select().from(outbox)).toHaveLength(4);
  });

  it("waits through the night and rest days, except on the due day", async () => {
    const [weekday, saturday] = await campaignWith([
      { kind: "deliverable", dueOn: "2025-06-25" },
      { kind: "deliverable", dueOn: "2025-06-21" },
    ]);
    at("2025-06-20", "07:00");
    await planReminders(deps);
    await deps.db.update(reminders).set({ sendAt: shanghaiInstant("2025-06-20", "06:00") }); // everything is due by the clock
    expect(await sendDueReminders(deps)).toEqual({ sent: 0, skipped: 0, messages: 0 }); // 07:00 is night
    at("2025-06-21", "10:00"); // Saturday: only the duty due today
    await planReminders(deps);
    expect(await sendDueReminders(deps)).toMatchObject({ sent: 1, messages: 2 });
    const saturdays = await deps.db.select().from(reminders).where(eq(reminders.obligationId, saturday));
    expect(saturdays.find((r) => r.step === "due")!.sentAt).toEqual(now);
    // Friday's unsent "tomorrow" reminder must never follow "today".
    expect(saturdays.find((r) => r.step === "before-1d")!.outboxIds).toEqual({ skipped: "superseded" });
    expect((await deps.db.select().from(reminders).where(eq(reminders.obligationId, weekday))).every((r) => r.sentAt === null)).toBe(true);
    at("2025-06-23", "08:30"); // Monday morning: the weekday duty's reminder goes
    await sendDueReminders(deps);
    expect((await deps.db.select().from(reminders).where(eq(reminders.obligationId, weekday))).some((r) => r.sentAt !== null)).toBe(true);
  });

  it("escalates to the 安委办 one tier up after 5 working days overdue", async () => {
    const [deliverable] = await campaignWith([{ kind: "deliverable", dueOn: "2025-06-18" }]);
    at("2025-06-25", "10:00");
    await runReminders(deps);
    expect((await stepsOf(deliverable)).sort()).toEqual(["escalate-5wd", "overdue-4wd", "overdue-6wd"]);
    const sent = await messages();
    const escalation = sent.find((m) => m.to === "880009")!;
    expect(escalation.text).toContain(`Escalation — ${township.nameEn}`);
    expect(escalation.text).toContain("5 working days overdue");
    expect(escalation.button).toBeUndefined();
    const own = sent.find((m) => m.to === "880001")!;
    expect(own.text).toContain("已逾期 5 个工作日");
  });

  it("skips reminders for duties already done, and sends only the latest of several missed steps", async () => {
    const [done, missed] = await campaignWith([
      { kind: "deliverable", dueOn: "2025-06-18" },
      { kind: "deliverable", dueOn: "2025-06-18" },
    ]);
    at("2025-06-12", "12:00");
    await planReminders(deps); // before-3d for both, unsent
    await deps.db.update(obligations).set({ status: "done", doneAt: now, doneBy: "liaison" }).where(eq(obligations.id, done));
    at("2025-06-18", "10:00"); // the server was down until the due day
    const r = await runReminders(deps);
    expect(r).toMatchObject({ sent: 1, skipped: 2 });
    const rows = await deps.db
      .select()
      .from(reminders)
      .where(inArray(reminders.obligationId, [done, missed]));
    expect(rows.find((x) => x.obligationId === done)!.outboxIds).toEqual({ skipped: "done" });
    expect(rows.find((x) => x.obligationId === missed && x.step === "before-3d")!.outboxIds).toEqual({ skipped: "superseded" });
    expect((await messages()).filter((m) => m.to === "880001").map((m) => m.text)).toEqual([expect.stringContaining("今天（2025-06-18）截止")]);
  });

  it("reminds a tip's unit of the acceptance deadline, and stops once the tip is accepted", async () => {
    at("2025-06-16", "10:00");
    const tip = await submitTip(deps, { channel: "web", text: "衡南县某烟花爆竹作坊在居民楼里生产，很危险", place: "湖南省衡阳市衡南县" });
    const [row] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));
    await deps.db.delete(outbox);
    await deps.db
      .insert(liaisons)
      .values({ unitId: row.unitId, telegramChatEnc: deps.crypto.encrypt("880100"), telegramChatHash: deps.crypto.hash("tg-chat", "880100") });
    now = new Date(row.acceptDueAt!.getTime() - 14 * 3600_000); // the due day, 10:00
    await runReminders(deps);
    const toUnit = (await messages()).filter((m) => m.to === "880100");
    expect(toUnit).toHaveLength(1);
    expect(toUnit[0].text).toContain(`举报 ${tip.trackingCode} 的受理期限为今天`);
    await acceptTip(deps, { actor: ADMIN, tipId: tip.tipId });
    now = new Date(now.getTime() + 7 * 86_400_000);
    await runReminders(deps);
    expect((await messages()).filter((m) => m.to === "880100")).toHaveLength(1);
  });

  it("plans reminders for every duty of a campaign started from a template", async () => {
    const started = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", year: 2025, figuresDueDay: 10, actor: "staff:test" });
    at("2025-07-07", "12:00"); // 3 days before the June form is due on Thursday 07-10
    await planReminders(deps);
    const due = await deps.db
      .select({ id: obligations.id })
      .from(obligations)
      .where(and(eq(obligations.campaignId, started.campaignId), eq(obligations.kind, "figures"), eq(obligations.dueOn, "2025-07-10")));
    expect(due.length).toBeGreaterThan(20);
    const planned = await deps.db
      .select()
      .from(reminders)
      .where(
        inArray(
          reminders.obligationId,
          due.map((d) => d.id),
        ),
      );
    expect(planned.map((p) => p.step)).toEqual(due.map(() => "before-3d"));
  });

  // On PostgreSQL the replicas have their own connection pools; PGlite (one session) interleaves them.
  it("two replicas sending at the same moment queue each reminder once", async () => {
    const ids = await campaignWith(Array.from({ length: 40 }, (_, i) => ({ kind: "deliverable" as const, dueOn: "2025-06-18", code: `duty_${i}` })));
    at("2025-06-18", "09:00");
    await planReminders(deps);
    const other = kind === "postgres" ? await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 4 }) : undefined;
    try {
      const replica = other ? { ...deps, database: other, db: other.db } : deps;
      const results = await Promise.all([
        sendDueReminders(deps, { limit: 15 }),
        sendDueReminders(replica, { limit: 15 }),
        runReminders(deps),
        runReminders(replica),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
      const rows = await deps.db.select().from(reminders).where(inArray(reminders.obligationId, ids));
      const perReminder = (await deps.db.select().from(liaisons).where(eq(liaisons.unitId, township.id))).length; // Telegram + SMS
      expect(rows.every((r) => r.sentAt !== null && Array.isArray(r.outboxIds) && r.outboxIds.length === perReminder)).toBe(true);
      const [{ n }] = await deps.db.select({ n: sql<number>`count(*)` }).from(outbox);
      expect(Number(n)).toBe(40 * perReminder);
    } finally {
      await other?.close();
    }
  });
});
