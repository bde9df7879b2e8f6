import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip, type SubmitTipInput } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { getTip } from "../../src/app/triage/get-tip.js";
import { listTips } from "../../src/app/triage/list-tips.js";
import { mergeTips } from "../../src/app/triage/merge-tips.js";
import { messageReporter } from "../../src/app/triage/message-reporter.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { rejectTip } from "../../src/app/triage/reject-tip.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { transferTip } from "../../src/app/triage/transfer-tip.js";
import { auditLog, liaisons, outbox, tipEvents, tips, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const FEEDBACK = { conclusion: "举报属实", summary: "现场检查发现消防通道被堵", decision: "责令立即整改并罚款", rewardEligibility: "符合奖励条件" };
const FIRE_TIP = "商场把消防通道和安全出口都堵死了，晚上人很多";

describe.each(DB_KINDS)("triage verbs on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let fireUnit: typeof units.$inferSelect;
  let otherUnit: typeof units.$inferSelect;
  const actor = (over: Partial<StaffActor>): StaffActor => ({
    id: 900,
    username: "t",
    displayName: "T",
    role: "unit",
    jurisdictionCode: null,
    unitId: null,
    locale: "zh-CN",
    ...over,
  });
  let unitStaff: StaffActor, otherStaff: StaffActor, committee: StaffActor, farCommittee: StaffActor, viewer: StaffActor;

  const submit = (over: Partial<SubmitTipInput> = {}) =>
    submitTip(deps, { channel: "telegram", text: FIRE_TIP, place: "南宁市兴宁区", reporter: { address: "555001", consent: false }, ...over });
  const decodedOutbox = async () =>
    (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string,
    }));

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    [fireUnit] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    [otherUnit] = await deps.db
      .select()
      .from(units)
      .where(and(like(units.jurisdictionCode, "4501%"), eq(units.kind, "department")))
      .limit(1);
    if (otherUnit.id === fireUnit.id) throw new Error("test setup: need a second unit");
    unitStaff = actor({ id: 901, username: "fire", role: "unit", unitId: fireUnit.id, jurisdictionCode: fireUnit.jurisdictionCode });
    otherStaff = actor({ id: 902, username: "other", role: "unit", unitId: otherUnit.id, jurisdictionCode: otherUnit.jurisdictionCode });
    committee = actor({ id: 903, username: "nanning", role: "committee", jurisdictionCode: "450100" });
    farCommittee = actor({ id: 904, username: "hengnan", role: "committee", jurisdictionCode: "430422" });
    viewer = actor({ id: 905, username: "viewer", role: "viewer", unitId: fireUnit.id });
  });
  afterAll(async () => database?.close());

  it("takes a tip from received to closed; the reporter gets the four-item feedback on their own chat; the trail and the audit chain hold", async () => {
    const { tipId } = await submit();
    await acceptTip(deps, { actor: unitStaff, tipId });
    await startInvestigation(deps, { actor: unitStaff, tipId });
    await recordResult(deps, { actor: unitStaff, tipId, result: "substantiated", findings: "通道堵塞属实", measures: "责令整改，罚款2万元", fineYuan: 20000 });
    const closed = await closeTip(deps, { actor: unitStaff, tipId, ...FEEDBACK });
    expect(closed).toMatchObject({ status: "closed", extra: { delivery: "queued" } });
    expect(JSON.stringify(closed)).not.toContain("555001");

    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, tipId));
    expect(tip.status).toBe("closed");
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tipId)).orderBy(tipEvents.id);
    expect(events.map((e) => e.kind)).toEqual(["received", "routed", "alerted", "accepted", "investigating", "result", "closed"]);
    expect(events.find((e) => e.kind === "result")!.data).toMatchObject({ result: "substantiated", measures: "责令整改，罚款2万元", fineYuan: 20000 });

    const toReporter = (await decodedOutbox()).filter((m) => m.to === "555001");
    const feedback = toReporter.find((m) => m.text.includes("核查结论"))!;
    for (const v of Object.values(FEEDBACK)) expect(feedback.text).toContain(v);
    expect(feedback.text).toContain(tip.trackingCode);
    expect(toReporter.some((m) => m.text.includes("已受理"))).toBe(true);

    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "tip"), eq(auditLog.entityId, String(tipId))))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(["tip.received", "tip.accepted", "tip.investigating", "tip.result", "tip.closed"]);
    expect(audits[1]).toMatchObject({ actor: "staff:901:fire", before: { status: "received" }, after: { status: "accepted" } });
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("validates transitions: no closing a tip that was never accepted, no result before investigation", async () => {
    const { tipId } = await submit({ reporter: { consent: false } });
    await expect(closeTip(deps, { actor: unitStaff, tipId, ...FEEDBACK })).rejects.toMatchObject({ code: "conflict" });
    await expect(recordResult(deps, { actor: unitStaff, tipId, result: "unsubstantiated", findings: "未发现问题" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(startInvestigation(deps, { actor: unitStaff, tipId })).rejects.toMatchObject({ code: "conflict" });
    await expect(acceptTip(deps, { actor: unitStaff, tipId: "abc" as unknown as number })).rejects.toMatchObject({ code: "invalid_input" });
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, tipId));
    expect(tip.status).toBe("received");
  });

  it("不予受理 is for the committee only, needs a reason, tells the reporter, and can then be closed", async () => {
    const { tipId } = await submit({ reporter: { address: "555002", consent: false } });
    await expect(rejectTip(deps, { actor: unitStaff, tipId, reason: "不属于安全生产举报范围" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(rejectTip(deps, { actor: committee, tipId, reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    await rejectTip(deps, { actor: committee, tipId, reason: "不属于安全生产举报范围" });
    const msgs = (await decodedOutbox()).filter((m) => m.to === "555002");
    expect(msgs.some((m) => m.text.includes("不予受理") && m.text.includes("不属于安全生产举报范围"))).toBe(true);
    await closeTip(deps, { actor: committee, tipId, ...FEEDBACK });
  });

  it("scopes every read and write: other units and other jurisdictions get not_found; viewers read but cannot act", async () => {
    const { tipId } = await submit();
    await expect(getTip(deps, { actor: otherStaff, tipId })).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptTip(deps, { actor: otherStaff, tipId })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTip(deps, { actor: farCommittee, tipId })).rejects.toMatchObject({ code: "not_found" });
    await expect(rejectTip(deps, { actor: farCommittee, tipId, reason: "越权测试理由" })).rejects.toMatchObject({ code: "not_found" });
    expect((await getTip(deps, { actor: committee, tipId })).tip.id).toBe(tipId);
    const seen = await getTip(deps, { actor: viewer, tipId });
    expect(seen.actions).toEqual([]);
    await expect(acceptTip(deps, { actor: viewer, tipId })).rejects.toMatchObject({ code: "forbidden" });
    const farQueue = await listTips(deps, { actor: farCommittee });
    expect(farQueue.rows.some((r) => r.id === tipId)).toBe(false);
    const otherQueue = await listTips(deps, { actor: otherStaff });
    expect(otherQueue.rows.some((r) => r.id === tipId)).toBe(false);
  });

  it("transfers with a reason: records old and new unit, alerts the new unit, and the old unit loses sight of it", async () => {
    await deps.db
      .insert(liaisons)
      .values({ unitId: otherUnit.id, telegramChatEnc: deps.crypto.encrypt("888002"), telegramChatHash: deps.crypto.hash("tg-chat", "888002") });
    const { tipId } = await submit();
    await expect(transferTip(deps, { actor: unitStaff, tipId, unitId: otherUnit.id, reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    await transferTip(deps, { actor: unitStaff, tipId, unitId: otherUnit.id, reason: "属于该部门监管" });
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, tipId));
    expect(tip.unitId).toBe(otherUnit.id);
    const [event] = await deps.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, tipId), eq(tipEvents.kind, "transferred")));
    expect(event).toMatchObject({ actor: "staff:901:fire", reason: "属于该部门监管", data: { toUnitId: otherUnit.id } });
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "tip.transferred"), eq(auditLog.entityId, String(tipId))));
    expect(audit).toMatchObject({ before: { unitId: fireUnit.id }, after: { unitId: otherUnit.id }, reason: "属于该部门监管" });
    expect((await decodedOutbox()).some((m) => m.to === "888002" && m.text.includes(tip.trackingCode))).toBe(true);
    await expect(getTip(deps, { actor: unitStaff, tipId })).rejects.toMatchObject({ code: "not_found" });
    await acceptTip(deps, { actor: otherStaff, tipId });
  });

  it("closing an urgent (major-hazard) tip needs the committee", async () => {
    const { tipId } = await submit({ text: "化工厂储罐泄漏，马上要爆炸了，现场有人员被困", urgent: true, place: "南宁市兴宁区" });
    const t = (await getTip(deps, { actor: committee, tipId })).tip;
    expect(t.urgent).toBe(true);
    const unitActor = actor({ id: 906, username: "u", role: "unit", unitId: t.unitId });
    await acceptTip(deps, { actor: unitActor, tipId });
    await startInvestigation(deps, { actor: unitActor, tipId });
    await recordResult(deps, { actor: unitActor, tipId, result: "partly_substantiated", findings: "部分属实" });
    await expect(closeTip(deps, { actor: unitActor, tipId, ...FEEDBACK })).rejects.toMatchObject({ code: "forbidden" });
    await closeTip(deps, { actor: committee, tipId, ...FEEDBACK });
  });

  it("merges a duplicate, messages the reporter without revealing them, and records a reward only after a substantiated result", async () => {
    const a = await submit({ reporter: { address: "555010", consent: false } });
    const b = await submit({ reporter: { address: "555011", consent: false } });
    await mergeTips(deps, { actor: unitStaff, tipId: b.tipId, intoTipId: a.tipId, reason: "同一事项" });
    const [merged] = await deps.db.select().from(tips).where(eq(tips.id, b.tipId));
    expect(merged).toMatchObject({ status: "merged", mergedInto: a.tipId });
    const into = await deps.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, a.tipId), eq(tipEvents.kind, "merged_from")));
    expect(into).toHaveLength(1);
    await expect(mergeTips(deps, { actor: unitStaff, tipId: a.tipId, intoTipId: a.tipId })).rejects.toMatchObject({ code: "invalid_input" });

    // By tracking code, typed loosely; a code outside the actor's scope is refused like a mistyped one.
    const c = await submit({ reporter: { address: "555012", consent: false } });
    const codeOf = async (id: number) => (await deps.db.select({ code: tips.trackingCode }).from(tips).where(eq(tips.id, id)))[0].code;
    await mergeTips(deps, { actor: unitStaff, tipId: c.tipId, intoTipId: ` ${(await codeOf(a.tipId)).toLowerCase().replace(/-/g, " ")} ` });
    expect((await deps.db.select().from(tips).where(eq(tips.id, c.tipId)))[0]).toMatchObject({ status: "merged", mergedInto: a.tipId });
    const far = await submit({ place: "衡南县", reporter: { consent: false } });
    const d = await submit({ reporter: { consent: false } });
    await expect(mergeTips(deps, { actor: unitStaff, tipId: d.tipId, intoTipId: await codeOf(far.tipId) })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(mergeTips(deps, { actor: unitStaff, tipId: d.tipId, intoTipId: "not-a-code" })).rejects.toMatchObject({ code: "invalid_input" });

    const sent = await messageReporter(deps, { actor: unitStaff, tipId: a.tipId, text: "请补充具体楼层" });
    expect(sent.extra).toEqual({ delivery: "queued" });
    expect((await decodedOutbox()).some((m) => m.to === "555010" && m.text.includes("请补充具体楼层"))).toBe(true);

    await acceptTip(deps, { actor: unitStaff, tipId: a.tipId });
    await expect(decideReward(deps, { actor: unitStaff, tipId: a.tipId, basisKind: "fine", fineYuan: 20000 })).rejects.toMatchObject({
      code: "conflict",
    });
    await startInvestigation(deps, { actor: unitStaff, tipId: a.tipId });
    await recordResult(deps, { actor: unitStaff, tipId: a.tipId, result: "substantiated", findings: "属实", fineYuan: 20000 });
    await expect(
      decideReward(deps, { actor: unitStaff, tipId: a.tipId, basisKind: "fine", amountYuan: 900_000, deviationReason: "过高" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await decideReward(deps, { actor: unitStaff, tipId: a.tipId, basisKind: "fine" });
    const reward = (await decodedOutbox()).find((m) => m.to === "555010" && m.text.includes("3000"))!;
    expect(reward.text).toContain("密钥");
  });

  it("shows the reporter's identity only with consent", async () => {
    const hidden = await submit({ reporter: { address: "555020", name: "张三", contact: "13800000000", consent: false } });
    const shown = await submit({ reporter: { address: "555021", name: "李四", contact: "13900000000", consent: true } });
    const h = await getTip(deps, { actor: unitStaff, tipId: hidden.tipId });
    expect(h.reporter).toBeNull();
    expect(JSON.stringify(h)).not.toContain("13800000000");
    expect(JSON.stringify(h)).not.toContain("555020");
    const s = await getTip(deps, { actor: unitStaff, tipId: shown.tipId });
    expect(s.reporter).toEqual({ name: "李四", contact: "13900000000" });
  });

  it("filters the queue and counts per status", async () => {
    const marker = `甲乙丙丁${Date.now()}`;
    const { tipId } = await submit({ text: `${FIRE_TIP}，${marker}` });
    const found = await listTips(deps, { actor: committee, q: marker });
    expect(found.rows.map((r) => r.id)).toEqual([tipId]);
    const all = await listTips(deps, { actor: unitStaff, pageSize: 200 });
    const received = await listTips(deps, { actor: unitStaff, status: "received", pageSize: 200 });
    expect(received.rows.every((r) => r.status === "received")).toBe(true);
    expect(received.rows.length).toBe(all.counts.received);
    expect(all.total).toBe(Object.values(all.counts).reduce((a, b) => a + b, 0));
    expect((await listTips(deps, { actor: unitStaff, channel: "sms" })).rows).toHaveLength(0);
    expect((await listTips(deps, { actor: committee, jurisdiction: "450102", q: marker })).rows).toHaveLength(1);
    expect((await listTips(deps, { actor: committee, jurisdiction: "450103", q: marker })).rows).toHaveLength(0);
    const late = testDeps(database, { clock: () => new Date(Date.now() + 30 * 86_400_000) });
    const overdue = await listTips(late, { actor: committee, overdue: true, q: marker });
    expect(overdue.rows.map((r) => [r.id, r.overdue])).toEqual([[tipId, true]]);
    const page1 = await listTips(deps, { actor: unitStaff, pageSize: 2 });
    const page2 = await listTips(deps, { actor: unitStaff, pageSize: 2, page: 2 });
    expect(page1.hasNext).toBe(true);
    expect(page2.rows[0].id).not.toBe(page1.rows[0].id);
  });
});
