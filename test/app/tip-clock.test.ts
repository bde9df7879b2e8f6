import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { checkStatus } from "../../src/app/tips/check-status.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { approveExtension, refuseExtension } from "../../src/app/triage/decide-extension.js";
import { availableActions } from "../../src/app/triage/get-tip.js";
import { listTips } from "../../src/app/triage/list-tips.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { requestExtension } from "../../src/app/triage/request-extension.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { startReview } from "../../src/app/triage/start-review.js";
import { objectToAnswer } from "../../src/app/tips/object-to-answer.js";
import { runReminders } from "../../src/jobs/reminders.js";
import { auditLog, liaisons, outbox, reminders, tipEvents, tips, units } from "../../src/db/schema.js";
import { shanghaiInstant } from "../../src/domain/reminder-policy.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const FIRE_TIP = "商场把消防通道和安全出口都堵死了，晚上人很多";
const FEEDBACK = { conclusion: "举报属实", summary: "现场检查发现消防通道被堵", decision: "责令整改", rewardEligibility: "不符合奖励条件" };

describe.each(DB_KINDS)("the statutory clock and the one extension on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = shanghaiInstant("2026-08-03", "10:00");
  let fireUnit: typeof units.$inferSelect;
  let unitStaff: StaffActor, committee: StaffActor, committee2: StaffActor, farCommittee: StaffActor;
  const actor = (over: Partial<StaffActor>): StaffActor => ({
    id: 0,
    username: "x",
    displayName: "X",
    role: "unit",
    jurisdictionCode: null,
    unitId: null,
    locale: "zh-CN",
    ...over,
  });
  let n = 0;
  const submit = () =>
    submitTip(deps, {
      channel: "telegram",
      text: `${FIRE_TIP}（第${++n}次）`,
      place: "南宁市兴宁区",
      reporter: { address: `66${String(n).padStart(4, "0")}`, consent: false },
    });
  const row = async (tipId: number) => (await deps.db.select().from(tips).where(eq(tips.id, tipId)))[0];
  const toReporter = async (address: string) =>
    (await deps.db.select().from(outbox))
      .filter((m) => deps.crypto.decrypt(m.recipientEnc) === address)
      .map((m) => JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string);

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, env: { TIP_VERIFICATION_DAYS: "45", TIP_EXTENSION_DAYS: "20", TIP_FEEDBACK_DAYS: "7" } });
    [fireUnit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    unitStaff = actor({ id: 801, username: "fire", unitId: fireUnit.id, jurisdictionCode: fireUnit.jurisdictionCode });
    committee = actor({ id: 802, username: "nanning", role: "committee", jurisdictionCode: "450100" });
    committee2 = actor({ id: 803, username: "nanning2", role: "committee", jurisdictionCode: "450100" });
    farCommittee = actor({ id: 804, username: "hengnan", role: "committee", jurisdictionCode: "430422" });
  });
  afterAll(async () => database?.close());
  beforeEach(() => {
    now = shanghaiInstant("2026-08-03", "10:00");
  });

  it("受理 runs verification for the configured days; the result starts the configured answer period; closing records it met", async () => {
    const { tipId, trackingCode } = await submit();
    expect(await row(tipId)).toMatchObject({ nextDueKind: "accept" });
    now = shanghaiInstant("2026-08-04", "10:00"); // Tue
    await acceptTip(deps, { actor: unitStaff, tipId });
    // accepted 08-04 + 45 days (TIP_VERIFICATION_DAYS=45) = Fri 09-18, a working day
    let tip = await row(tipId);
    expect(tip.handleDueAt!.toISOString()).toBe("2026-09-18T15:59:59.999Z");
    expect(tip).toMatchObject({ nextDueKind: "verify", nextDueAt: tip.handleDueAt });
    expect((await toReporter("660001")).some((t) => t.includes("2026-09-18"))).toBe(true);

    await startInvestigation(deps, { actor: unitStaff, tipId });
    now = shanghaiInstant("2026-09-28", "10:00"); // Mon, late: result recorded after the deadline
    await recordResult(deps, { actor: unitStaff, tipId, result: "substantiated", findings: "通道堵塞属实" });
    // 09-28 + 7 days (TIP_FEEDBACK_DAYS=7) = 10-05, inside 国庆 → Thu 10-08
    tip = await row(tipId);
    expect(tip.answerDueAt!.toISOString()).toBe("2026-10-08T15:59:59.999Z");
    expect(tip).toMatchObject({ nextDueKind: "answer", nextDueAt: tip.answerDueAt });

    now = shanghaiInstant("2026-10-08", "09:00");
    await closeTip(deps, { actor: unitStaff, tipId, ...FEEDBACK });
    tip = await row(tipId);
    expect(tip).toMatchObject({ status: "closed", nextDueAt: null, nextDueKind: null });
    const [closed] = await deps.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, tipId), eq(tipEvents.kind, "closed")));
    expect(closed.data).toMatchObject({ answeredInTime: true, answerDueAt: "2026-10-08T15:59:59.999Z" });
    expect(trackingCode).toBeTruthy();
  });

  it("an extension: requested by the unit, refused, requested again, approved by another committee member; the reporter is told; a second is refused", async () => {
    const { tipId, trackingCode, secret } = await submit();
    const address = `66${String(n).padStart(4, "0")}`;
    await acceptTip(deps, { actor: unitStaff, tipId }); // Mon 08-03 + 45 = Thu 09-17
    expect((await row(tipId)).handleDueAt!.toISOString()).toBe("2026-09-17T15:59:59.999Z");

    // More than TIP_EXTENSION_DAYS, or no reason: refused as input
    await expect(requestExtension(deps, { actor: unitStaff, tipId, days: 21, reason: "需要检测报告" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(requestExtension(deps, { actor: unitStaff, tipId, days: 10, reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    // Nothing to decide yet
    await expect(approveExtension(deps, { actor: committee, tipId })).rejects.toMatchObject({ code: "conflict" });

    await requestExtension(deps, { actor: unitStaff, tipId, days: 20, reason: "需等待第三方消防检测报告", note: "检测机构排期" });
    expect((await row(tipId)).extension).toMatchObject({ state: "requested", days: 20, requestedBy: unitStaff.id });
    await expect(requestExtension(deps, { actor: unitStaff, tipId, days: 5, reason: "再申请一次" })).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "extension_pending" },
    });
    // Only committee staff whose scope covers the tip decide
    await expect(approveExtension(deps, { actor: unitStaff, tipId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(approveExtension(deps, { actor: farCommittee, tipId })).rejects.toMatchObject({ code: "not_found" });
    expect(availableActions(committee, await row(tipId))).toEqual(expect.arrayContaining(["approve-extension", "refuse-extension"]));
    expect(availableActions(unitStaff, await row(tipId))).not.toContain("approve-extension");

    await refuseExtension(deps, { actor: committee, tipId, note: "理由不充分" });
    expect((await row(tipId)).extension).toMatchObject({ state: "refused", decidedBy: committee.id });
    expect((await row(tipId)).handleDueAt!.toISOString()).toBe("2026-09-17T15:59:59.999Z");
    expect(availableActions(unitStaff, await row(tipId))).toContain("extend");

    // The committee member who asks cannot approve their own request; a colleague can
    await requestExtension(deps, { actor: committee, tipId, days: 20, reason: "需等待第三方消防检测报告" });
    expect(availableActions(committee, await row(tipId))).not.toContain("approve-extension");
    await expect(approveExtension(deps, { actor: committee, tipId })).rejects.toMatchObject({ code: "forbidden" });
    now = shanghaiInstant("2026-09-10", "15:00");
    const approved = await approveExtension(deps, { actor: committee2, tipId, note: "同意" });
    expect(approved.extra).toMatchObject({ delivery: "queued" });
    // 08-03 + (45 + 20) = 65 days: 08-04…08-31 is 28, 09-01…09-30 is 30 (58), day 65 is Wed 10-07 (国庆) → Thu 10-08
    const tip = await row(tipId);
    expect(tip.handleDueAt!.toISOString()).toBe("2026-10-08T15:59:59.999Z");
    expect(tip).toMatchObject({ nextDueKind: "verify", nextDueAt: tip.handleDueAt });
    expect(tip.extension).toMatchObject({ state: "approved", previousDueOn: "2026-09-17", newDueOn: "2026-10-08", decidedBy: committee2.id });

    // The reporter: a message on their channel, and a public event with the date and the reason
    const said = await toReporter(address);
    expect(said.some((t) => t.includes("2026-10-08") && t.includes("需等待第三方消防检测报告") && t.includes(trackingCode))).toBe(true);
    const status = await checkStatus(deps, { trackingCode, secret });
    if (!status.ok) throw new Error("receipt refused");
    const extended = status.tip.history.find((e) => e.event === "extended")!;
    expect(extended).toMatchObject({ dueOn: "2026-10-08", text: "需等待第三方消防检测报告" });
    expect(JSON.stringify(status.tip.history)).not.toContain("检测机构排期"); // the internal note stays with staff

    // A second extension is refused
    await expect(requestExtension(deps, { actor: unitStaff, tipId, days: 5, reason: "还需要时间" })).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "extension_used" },
    });
    await expect(approveExtension(deps, { actor: committee, tipId })).rejects.toMatchObject({ code: "conflict" });
    expect(availableActions(unitStaff, tip)).not.toContain("extend");

    // Audited like every tip action, chain intact
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "tip"), eq(auditLog.entityId, String(tipId))))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual([
      "tip.received",
      "tip.accepted",
      "tip.extension_requested",
      "tip.extension_refused",
      "tip.extension_requested",
      "tip.extended",
    ]);
    expect(audits.at(-1)).toMatchObject({ actor: "staff:803:nanning2", reason: "需等待第三方消防检测报告" });
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("the queue shows each tip's next deadline, sorts by it, and filters overdue and due within 3 days", async () => {
    // A committee of its own jurisdiction's subtree sees all three tips; each test run creates fresh ones.
    const a = await submit(); // received 08-03: acceptance due Mon 08-10 (5 working days)
    const b = await submit();
    const c = await submit();
    await acceptTip(deps, { actor: unitStaff, tipId: b.tipId }); // verification due 09-17
    now = shanghaiInstant("2026-08-06", "10:00");
    await acceptTip(deps, { actor: unitStaff, tipId: c.tipId }); // verification due 08-06 + 45 = Sun 09-20 (a make-up working day)
    await startInvestigation(deps, { actor: unitStaff, tipId: c.tipId });
    await recordResult(deps, { actor: unitStaff, tipId: c.tipId, result: "unsubstantiated", findings: "现场未发现问题" }); // answer due 08-13
    const ids = [a.tipId, b.tipId, c.tipId];
    const mine = (rows: { id: number }[]) => rows.filter((r) => ids.includes(r.id)).map((r) => r.id);

    now = shanghaiInstant("2026-08-11", "09:00"); // acceptance of a (08-10) is past; answer of c (08-13) is 2.6 days away
    const sorted = await listTips(deps, { actor: committee, sort: "deadline", pageSize: 200 });
    expect(mine(sorted.rows)).toEqual([a.tipId, c.tipId, b.tipId]);
    const byId = new Map(sorted.rows.map((r) => [r.id, r]));
    expect(byId.get(a.tipId)!.nextDue).toMatchObject({ kind: "accept", state: "overdue" });
    expect(byId.get(c.tipId)!.nextDue).toMatchObject({ kind: "answer", state: "soon" });
    expect(byId.get(b.tipId)!.nextDue).toMatchObject({ kind: "verify", state: "later" });
    expect(mine((await listTips(deps, { actor: committee, due: "overdue", pageSize: 200 })).rows)).toEqual([a.tipId]);
    expect(mine((await listTips(deps, { actor: committee, due: "soon", pageSize: 200 })).rows)).toEqual([c.tipId]);
    expect(mine((await listTips(deps, { actor: committee, overdue: "1", pageSize: 200 })).rows)).toEqual([a.tipId]);
    expect(mine((await listTips(deps, { actor: farCommittee, due: "overdue", pageSize: 200 })).rows)).toEqual([]);

    now = shanghaiInstant("2026-08-14", "09:00"); // c's answer is now overdue too
    expect(mine((await listTips(deps, { actor: committee, due: "overdue", sort: "deadline", pageSize: 200 })).rows)).toEqual([a.tipId, c.tipId]);
    await closeTip(deps, { actor: committee, tipId: c.tipId, ...FEEDBACK });
    expect(mine((await listTips(deps, { actor: committee, due: "overdue", pageSize: 200 })).rows)).toEqual([a.tipId]);
  });

  it("reminds the unit of the verification and answer deadlines, follows an approved extension, and escalates", async () => {
    await deps.db.delete(reminders);
    await deps.db.delete(outbox);
    const [liaison] = await deps.db
      .insert(liaisons)
      .values({ unitId: fireUnit.id, telegramChatEnc: deps.crypto.encrypt("770001"), telegramChatHash: deps.crypto.hash("tg-chat", "770001") })
      .returning();
    try {
      const { tipId, trackingCode } = await submit();
      await acceptTip(deps, { actor: unitStaff, tipId }); // verification due Thu 09-17
      const unitSaw = async () => (await toReporter("770001")).filter((t) => t.includes(trackingCode) && !t.includes("转办") && t.includes("期限"));

      now = shanghaiInstant("2026-09-14", "10:00"); // Mon, 3 days before
      await runReminders(deps);
      expect((await unitSaw()).at(-1)).toContain("核查办理期限为 2026-09-17，还有 3 天");

      await requestExtension(deps, { actor: unitStaff, tipId, days: 20, reason: "需等待检测报告" });
      await approveExtension(deps, { actor: committee, tipId }); // → 10-07 (国庆) → Thu 10-08 (08-03 + 65 days)
      now = shanghaiInstant("2026-09-17", "10:00"); // the old due day: no reminder of the old date
      const before = (await unitSaw()).length;
      await runReminders(deps);
      expect((await unitSaw()).length).toBe(before);

      now = shanghaiInstant("2026-10-08", "10:00"); // the new due day
      await runReminders(deps);
      expect((await unitSaw()).at(-1)).toContain("核查办理期限为今天（2026-10-08）");
      expect((await deps.db.select().from(reminders).where(eq(reminders.tipId, tipId))).map((r) => r.step)).toEqual(
        expect.arrayContaining(["handle:before-3d", "handle-ext:due"]),
      );

      await startInvestigation(deps, { actor: unitStaff, tipId });
      await recordResult(deps, { actor: unitStaff, tipId, result: "substantiated", findings: "属实" }); // answer due 10-15
      now = shanghaiInstant("2026-10-15", "10:00");
      await runReminders(deps);
      expect((await unitSaw()).at(-1)).toContain("答复举报人期限为今天（2026-10-15）");

      // 5 working days overdue (10-16, 19, 20, 21, 22): the 安委办 one tier up hears of it
      const [{ id: cityCommittee }] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, "450000:committee"));
      const [boss] = await deps.db
        .insert(liaisons)
        .values({ unitId: cityCommittee, telegramChatEnc: deps.crypto.encrypt("770002"), telegramChatHash: deps.crypto.hash("tg-chat", "770002") })
        .returning();
      now = shanghaiInstant("2026-10-22", "10:00");
      await runReminders(deps);
      expect((await toReporter("770002")).some((t) => t.includes("【督办】") && t.includes(trackingCode) && t.includes("答复举报人"))).toBe(true);
      await deps.db.delete(liaisons).where(eq(liaisons.id, boss.id));
    } finally {
      await deps.db.delete(liaisons).where(eq(liaisons.id, liaison.id));
    }
  });

  it("reminds the reviewing 安委办 one tier up, not the handling unit, to start a review, and escalates above it", async () => {
    await deps.db.delete(reminders);
    await deps.db.delete(outbox);
    const chat = (unitId: number, id: string) => ({ unitId, telegramChatEnc: deps.crypto.encrypt(id), telegramChatHash: deps.crypto.hash("tg-chat", id) });
    const [nanningCommittee] = await deps.db.select().from(units).where(eq(units.key, "450100:committee"));
    const [guangxiCommittee] = await deps.db.select().from(units).where(eq(units.key, "450000:committee"));
    const added = await deps.db
      .insert(liaisons)
      .values([chat(fireUnit.id, "770021"), chat(nanningCommittee.id, "770022"), chat(guangxiCommittee.id, "770023")])
      .returning();
    try {
      const { tipId, trackingCode, secret } = await submit(); // 南宁市兴宁区: the review is 南宁市安委办's
      await acceptTip(deps, { actor: unitStaff, tipId });
      await startInvestigation(deps, { actor: unitStaff, tipId });
      await recordResult(deps, { actor: unitStaff, tipId, result: "substantiated", findings: "属实" });
      await closeTip(deps, { actor: unitStaff, tipId, ...FEEDBACK });
      now = shanghaiInstant("2026-08-05", "10:00");
      const objected = await objectToAnswer(deps, { proof: { kind: "receipt", trackingCode, secret }, channel: "web", text: "我不服" });
      // 30 days from 08-05 end on Fri 09-04, a working day.
      expect((objected as { reviewStartDueAt: Date }).reviewStartDueAt.toISOString()).toBe("2026-09-04T15:59:59.999Z");
      const saw = async (address: string) => (await toReporter(address)).filter((t) => t.includes(trackingCode) && t.includes("启动复核"));

      now = shanghaiInstant("2026-09-01", "10:00"); // Tue, 3 days before
      await runReminders(deps);
      expect((await saw("770022")).at(-1)).toBe(`【提醒】举报 ${trackingCode} 的启动复核期限为 2026-09-04，还有 3 天。`);
      now = shanghaiInstant("2026-09-04", "10:00");
      await runReminders(deps);
      expect((await saw("770022")).at(-1)).toBe(`【今日截止】举报 ${trackingCode} 的启动复核期限为今天（2026-09-04）。`);
      expect(await saw("770021")).toEqual([]); // the handling unit cannot start a review
      expect(await saw("770023")).toEqual([]);

      // 5 working days overdue (09-07 … 09-11): the 安委办 above the reviewer hears of it, naming the reviewer.
      now = shanghaiInstant("2026-09-11", "10:00");
      await runReminders(deps);
      const escalated = await saw("770023");
      expect(escalated).toHaveLength(1);
      expect(escalated[0]).toContain("【督办】");
      expect(escalated[0]).toContain(nanningCommittee.name);
      expect(await saw("770021")).toEqual([]);

      // Once the review starts, the chain is moot.
      await startReview(deps, { actor: committee, tipId });
      const count = (await saw("770022")).length;
      now = shanghaiInstant("2026-09-14", "10:00");
      await runReminders(deps);
      expect((await saw("770022")).length).toBe(count);
    } finally {
      for (const l of added) await deps.db.delete(liaisons).where(eq(liaisons.id, l.id));
    }
  });
});
