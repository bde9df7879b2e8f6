import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { checkStatus } from "../../src/app/tips/check-status.js";
import { objectToAnswer } from "../../src/app/tips/object-to-answer.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeReview } from "../../src/app/triage/close-review.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { claimReward } from "../../src/app/rewards/claim-reward.js";
import { mergeTips } from "../../src/app/triage/merge-tips.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { startReview } from "../../src/app/triage/start-review.js";
import { auditLog, liaisons, outbox, tips, units } from "../../src/db/schema.js";
import { handleInboundSms } from "../../src/app/sms/handle-inbound-sms.js";
import { ANSWER_SEGMENTS } from "../../src/app/sms/sms-replies.js";
import { smsSize } from "../../src/domain/sms-text.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const ANSWER = { conclusion: "举报属实", summary: "现场检查发现消防通道被堵", decision: "责令立即整改并罚款", rewardEligibility: "符合奖励条件" };
const ANSWER_EN = { conclusionEn: "Substantiated", summaryEn: "Fire exits were blocked", decisionEn: "Ordered to fix; fined", rewardEligibilityEn: "Eligible" };
const REVIEW = { conclusion: "复核维持原结论", summary: "复核组重新检查", decision: "维持处理决定", rewardEligibility: "符合奖励条件" };

/** 异议 and 复核 as verbs: the window counted from the answer, refusals, the proof of the reporter, and who may review. */
describe.each(DB_KINDS)("objection and review on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  // 2026-03-02 is a Monday; ten calendar days later, 2026-03-12, is a working day.
  let now = new Date("2026-03-02T02:00:00Z");
  const actor = (over: Partial<StaffActor>): StaffActor => ({
    id: 900,
    username: "t",
    displayName: "T",
    role: "committee",
    jurisdictionCode: null,
    unitId: null,
    locale: "zh-CN",
    ...over,
  });
  const nanning = actor({ id: 911, username: "nanning", jurisdictionCode: "450100" });
  const xingning = actor({ id: 912, username: "xingning", jurisdictionCode: "450102" });
  const guilin = actor({ id: 913, username: "guilin", jurisdictionCode: "450300" });

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
  });
  afterAll(async () => database?.close());

  async function answeredTip(over: { locale?: "zh-CN" | "en"; en?: boolean; address?: string } = {}) {
    now = new Date("2026-03-01T02:00:00Z");
    const tip = await submitTip(deps, {
      channel: "telegram",
      text: "兴宁区一家商场把消防通道和安全出口都堵死了，晚上人很多",
      place: "南宁市兴宁区",
      locale: over.locale,
      reporter: { address: over.address ?? "777001", consent: false },
    });
    await acceptTip(deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(deps, { actor: nanning, tipId: tip.tipId, result: "substantiated", findings: "属实" });
    now = new Date("2026-03-02T02:00:00Z");
    await closeTip(deps, { actor: nanning, tipId: tip.tipId, ...ANSWER, ...(over.en ? ANSWER_EN : {}) });
    return tip;
  }

  it("answers with four items, lets the reporter object on the last day of the window, and the tier above reviews and answers again", async () => {
    const tip = await answeredTip();
    const [row] = await deps.db.select().from(tips).where(eq(tips.id, tip.tipId));
    expect(row.answeredAt?.toISOString()).toBe("2026-03-02T02:00:00.000Z");
    expect(row.objectionDueAt?.toISOString()).toBe("2026-03-12T15:59:59.999Z");

    const status = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
    if (!status.ok) throw new Error("receipt");
    expect(status.tip.answer).toMatchObject({ ...ANSWER, answeredAt: new Date("2026-03-02T02:00:00Z") });
    expect(status.tip.objection).toMatchObject({ open: true, allowedUntil: new Date("2026-03-12T15:59:59.999Z"), objectedAt: null });

    // The answer went to the reporter's chat with the button to object.
    const sent = (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      payload: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)),
    }));
    const answer = sent.find((m) => m.to === "777001" && m.payload.text.includes("核查结论"))!;
    expect(answer.payload.text).toContain("2026-03-12");
    expect(answer.payload.replyMarkup.inline_keyboard[0][0]).toEqual({ text: "提出异议", callback_data: `obj:${tip.trackingCode}` });

    // A liaison of 南宁市安委办, the reviewing committee, is told of the objection (without its words).
    const [committeeUnit] = await deps.db
      .select()
      .from(units)
      .where(and(eq(units.jurisdictionCode, "450100"), eq(units.kind, "committee")));
    await deps.db
      .insert(liaisons)
      .values({ unitId: committeeUnit.id, telegramChatEnc: deps.crypto.encrypt("888101"), telegramChatHash: deps.crypto.hash("tg-chat", "888101") });

    now = new Date("2026-03-12T15:00:00Z"); // 23:00 in Shanghai on the last day
    const wrong = await objectToAnswer(deps, { proof: { kind: "receipt", trackingCode: tip.trackingCode, secret: "WRONG" }, channel: "web", text: "我不服" });
    expect(wrong).toEqual({ ok: false, reason: "not_found" });
    const objected = await objectToAnswer(deps, {
      proof: { kind: "receipt", trackingCode: tip.trackingCode, secret: tip.secret },
      channel: "web",
      text: "我不服，通道还是堵着",
    });
    expect(objected).toMatchObject({ ok: true, trackingCode: tip.trackingCode });
    // Review starts within 30 days of the objection (2026-04-11 is a Saturday, 2026-04-13 the next working day).
    expect((objected as { reviewStartDueAt: Date }).reviewStartDueAt.toISOString()).toBe("2026-04-13T15:59:59.999Z");
    const again = await objectToAnswer(deps, {
      proof: { kind: "receipt", trackingCode: tip.trackingCode, secret: tip.secret },
      channel: "web",
      text: "再说一遍",
    });
    expect(again).toMatchObject({ ok: false, reason: "already_objected" });
    const toCommittee = (await deps.db.select().from(outbox))
      .map((m) => ({ to: deps.crypto.decrypt(m.recipientEnc), text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string }))
      .filter((m) => m.to === "888101");
    expect(toCommittee.map((m) => m.text)).toEqual([`【异议】举报 ${tip.trackingCode} 的举报人对答复提出异议，上级安委办应于 2026-04-13 前开始复核。`]);

    // Only the committee one tier up (南宁市, the parent of 兴宁区) may review: not the county itself, not another city.
    await expect(startReview(deps, { actor: xingning, tipId: tip.tipId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startReview(deps, { actor: guilin, tipId: tip.tipId })).rejects.toMatchObject({ code: "not_found" });
    await expect(closeReview(deps, { actor: nanning, tipId: tip.tipId, ...REVIEW })).rejects.toMatchObject({ code: "conflict" });
    await startReview(deps, { actor: nanning, tipId: tip.tipId, note: "内部：调阅原始材料" });
    await expect(closeReview(deps, { actor: xingning, tipId: tip.tipId, ...REVIEW })).rejects.toMatchObject({ code: "forbidden" });
    await closeReview(deps, { actor: nanning, tipId: tip.tipId, ...REVIEW });

    const after = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
    if (!after.ok) throw new Error("receipt");
    expect(after.tip.status).toBe("closed");
    expect(after.tip.review?.answer).toMatchObject(REVIEW);
    expect(after.tip.objection).toMatchObject({ open: false, text: "我不服，通道还是堵着" });
    expect(after.tip.history.map((e) => e.event)).toEqual(expect.arrayContaining(["closed", "objected", "review_started", "reviewed"]));
    expect(JSON.stringify(after.tip.history)).not.toContain("内部");
    const final = await objectToAnswer(deps, {
      proof: { kind: "receipt", trackingCode: tip.trackingCode, secret: tip.secret },
      channel: "web",
      text: "还是不服",
    });
    expect(final).toMatchObject({ ok: false, reason: "final" });

    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "tip"), eq(auditLog.entityId, String(tip.tipId))))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action).slice(-4)).toEqual(["tip.closed", "tip.objected", "tip.review_started", "tip.reviewed"]);
    expect(JSON.stringify(audits.find((a) => a.action === "tip.objected"))).not.toContain("通道还是堵着");
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("gives the review's answer to every reporter of a merge group of three, each under their own code only", async () => {
    now = new Date("2026-03-01T02:00:00Z");
    const submit = (address: string) =>
      submitTip(deps, {
        channel: "telegram",
        text: "兴宁区一家商场把消防通道和安全出口都堵死了，晚上人很多",
        place: "南宁市兴宁区",
        reporter: { address, consent: false },
      });
    const root = await submit("777101");
    const second = await submit("777102");
    const third = await submit("777103");
    await mergeTips(deps, { actor: nanning, tipId: second.tipId, intoTipId: root.tipId, reason: "同一事项" });
    await mergeTips(deps, { actor: nanning, tipId: third.tipId, intoTipId: root.tipId, reason: "同一事项" });
    await acceptTip(deps, { actor: nanning, tipId: root.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: root.tipId });
    await recordResult(deps, { actor: nanning, tipId: root.tipId, result: "substantiated", findings: "属实" });
    now = new Date("2026-03-02T02:00:00Z");
    await closeTip(deps, { actor: nanning, tipId: root.tipId, ...ANSWER });
    now = new Date("2026-03-05T02:00:00Z");
    const objected = await objectToAnswer(deps, {
      proof: { kind: "receipt", trackingCode: root.trackingCode, secret: root.secret },
      channel: "web",
      text: "我不服",
    });
    expect(objected).toMatchObject({ ok: true });
    await startReview(deps, { actor: nanning, tipId: root.tipId });
    // Staff name the group's other tips in the review's text: each reporter must see only their own code.
    const review = { ...REVIEW, summary: `复核组重新检查（合并 ${second.trackingCode}、${third.trackingCode}、${root.trackingCode}）` };
    await closeReview(deps, { actor: nanning, tipId: root.tipId, ...review });

    const all = [root, second, third];
    for (const tip of all) {
      const view = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
      if (!view.ok) throw new Error("receipt");
      expect(view.tip.review?.answer).toMatchObject({ conclusion: REVIEW.conclusion, decision: REVIEW.decision });
      expect(view.tip.review?.answer?.summary).toContain(tip.trackingCode);
      for (const other of all.filter((t) => t !== tip)) expect(JSON.stringify(view.tip)).not.toContain(other.trackingCode);
    }
    // Each reporter's chat got the review's answer once, under their own code and no other.
    const sent = (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string,
    }));
    for (const [address, tip] of [
      ["777101", root],
      ["777102", second],
      ["777103", third],
    ] as const) {
      const reviewed = sent.filter((m) => m.to === address && m.text.includes("复核答复为最终答复"));
      expect(reviewed).toHaveLength(1);
      expect(reviewed[0].text).toContain(tip.trackingCode);
      for (const other of all.filter((t) => t !== tip)) expect(reviewed[0].text).not.toContain(other.trackingCode);
    }
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("tells merged reporters the configured last day to object, and takes their objection under their own code to the matter's tip", async () => {
    const configured = testDeps(database, { clock: () => now, env: { TIP_OBJECTION_DAYS: "15" } });
    now = new Date("2026-03-01T02:00:00Z");
    const submit = (address: string, channel: "telegram" | "sms") =>
      submitTip(deps, {
        channel,
        text: "兴宁区一家超市把安全出口锁死了，仓库里堆满纸箱",
        place: "南宁市兴宁区",
        reporter: { address, consent: false },
        ...(channel === "sms" ? { receiptInline: true } : {}),
      });
    const root = await submit("777201", "telegram");
    const second = await submit("777202", "telegram");
    const third = await submit("+8613900190003", "sms");
    await mergeTips(deps, { actor: nanning, tipId: second.tipId, intoTipId: root.tipId });
    await mergeTips(deps, { actor: nanning, tipId: third.tipId, intoTipId: root.tipId });
    await acceptTip(deps, { actor: nanning, tipId: root.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: root.tipId });
    await recordResult(deps, { actor: nanning, tipId: root.tipId, result: "substantiated", findings: "属实" });
    now = new Date("2026-03-02T02:00:00Z");
    // Before the answer, a merged reporter's objection is refused under their own code.
    expect(
      await objectToAnswer(deps, { proof: { kind: "receipt", trackingCode: second.trackingCode, secret: second.secret }, channel: "web", text: "我不服" }),
    ).toEqual({ ok: false, reason: "not_answered", trackingCode: second.trackingCode });
    await closeTip(configured, { actor: nanning, tipId: root.tipId, ...ANSWER });

    // 15 configured days from 2026-03-02: 2026-03-17. Each merged reporter reads that day and how to object on their channel.
    const sent = (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      payload: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)),
    }));
    const answerTo = (address: string) => sent.find((m) => m.to === address && m.payload.text.includes("核查结论"))!;
    for (const [address, tip] of [
      ["777202", second],
      ["+8613900190003", third],
    ] as const) {
      const text = answerTo(address).payload.text as string;
      expect(text).toContain("2026-03-17");
      expect(text).not.toContain("10日内");
      expect(text).toContain(tip.trackingCode);
      expect(text).not.toContain(root.trackingCode);
    }
    expect(answerTo("+8613900190003").payload.text).toContain(`异议 ${third.trackingCode} 密钥 理由`);
    expect(answerTo("777202").payload.replyMarkup.inline_keyboard[0][0]).toEqual({ text: "提出异议", callback_data: `obj:${second.trackingCode}` });

    // The second reporter objects under their own code: the matter's tip goes to review; the words stay on their own tip.
    now = new Date("2026-03-16T02:00:00Z"); // past 10 days, within the configured 15
    const objected = await objectToAnswer(deps, {
      proof: { kind: "chat", channel: "telegram", address: "777202", trackingCode: second.trackingCode },
      channel: "telegram",
      text: "出口还是锁着的",
    });
    expect(objected).toMatchObject({ ok: true, trackingCode: second.trackingCode });
    expect((await deps.db.select().from(tips).where(eq(tips.id, root.tipId)))[0].status).toBe("objected");
    const secondView = await checkStatus(deps, { trackingCode: second.trackingCode, secret: second.secret });
    if (!secondView.ok) throw new Error("receipt");
    expect(secondView.tip.history.find((e) => e.kind === "objected")?.text).toBe("出口还是锁着的");
    expect(JSON.stringify(secondView.tip)).not.toContain(root.trackingCode);
    const rootView = await checkStatus(deps, { trackingCode: root.trackingCode, secret: root.secret });
    expect(JSON.stringify(rootView)).not.toContain("出口还是锁着的");
    // One review for the matter: the third reporter hears it is already under way, under their own code.
    const sms = await handleInboundSms(deps, {
      provider: "generic",
      messageId: `grp-${kind}`,
      from: "+8613900190003",
      text: `异议 ${third.trackingCode} ${third.secret} 我也不服`,
    });
    expect(sms.reply).toContain(third.trackingCode);
    expect(sms.reply).not.toContain(root.trackingCode);
    expect(sms.outcome).toBe("refused");
    await linkAudit(deps);
    expect(await verifyAudit(deps)).toMatchObject({ ok: true });
  });

  it("refuses after the window with the day it closed, and before there is an answer", async () => {
    const tip = await answeredTip({ address: "777002" });
    now = new Date("2026-03-12T16:00:00Z"); // 00:00 on 2026-03-13 in Shanghai
    const late = await objectToAnswer(deps, { proof: { kind: "receipt", trackingCode: tip.trackingCode, secret: tip.secret }, channel: "sms", text: "我不服" });
    expect(late).toEqual({ ok: false, reason: "window_closed", trackingCode: tip.trackingCode, closedOn: "2026-03-12" });
    const status = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
    expect(status.ok && status.tip.objection?.open).toBe(false);

    const fresh = await submitTip(deps, { channel: "web", text: "兴宁区一个工地脚手架没有防护网，工人在高处作业", place: "南宁市兴宁区" });
    const early = await objectToAnswer(deps, {
      proof: { kind: "receipt", trackingCode: fresh.trackingCode, secret: fresh.secret },
      channel: "web",
      text: "我不服",
    });
    expect(early).toMatchObject({ ok: false, reason: "not_answered" });
    await expect(
      objectToAnswer(deps, { proof: { kind: "receipt", trackingCode: fresh.trackingCode, secret: fresh.secret }, channel: "web", text: " " }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("takes a Telegram objection from the chat the tip came from only, and shows the English answer to an English reporter", async () => {
    const tip = await answeredTip({ address: "777003", locale: "en", en: true });
    const status = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
    expect(status.ok && status.tip.answer?.en).toMatchObject({ conclusion: "Substantiated" });
    const sent = (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      payload: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)),
    }));
    const answer = sent.find((m) => m.to === "777003" && m.payload.text.includes("Conclusion"))!;
    expect(answer.payload.text).toContain("Conclusion: Substantiated");
    expect(answer.payload.replyMarkup.inline_keyboard[0][0].text).toBe("Object");

    now = new Date("2026-03-03T02:00:00Z");
    const stranger = await objectToAnswer(deps, {
      proof: { kind: "chat", channel: "telegram", address: "999999", trackingCode: tip.trackingCode },
      channel: "telegram",
      text: "no",
    });
    expect(stranger).toEqual({ ok: false, reason: "not_found" });
    const own = await objectToAnswer(deps, {
      proof: { kind: "chat", channel: "telegram", address: "777003", trackingCode: tip.trackingCode },
      channel: "telegram",
      text: "Still blocked",
    });
    expect(own).toMatchObject({ ok: true });
  });

  it("refuses a half-written English answer", async () => {
    const tip = await submitTip(deps, { channel: "web", text: "兴宁区一家饭店液化气罐放在后厨门口，没有报警器", place: "南宁市兴宁区" });
    await acceptTip(deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(deps, { actor: nanning, tipId: tip.tipId, result: "unsubstantiated", findings: "未发现" });
    await expect(closeTip(deps, { actor: nanning, tipId: tip.tipId, ...ANSWER, conclusionEn: "Only one" })).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe.each(DB_KINDS)("异议 and 查询 by SMS on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-03-02T02:00:00Z");
  const nanning: StaffActor = { id: 921, username: "nanning", displayName: "N", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now });
  });
  afterAll(async () => database?.close());
  let n = 0;
  const sms = (from: string, text: string) => handleInboundSms(deps, { provider: "generic", messageId: `or-${kind}-${++n}`, from, text });

  it("answers 查询 with the four items and the last day to object, takes 异议, and refuses it after the window with the day it closed", async () => {
    const phone = "+8613900190001";
    const tip = await submitTip(deps, {
      channel: "sms",
      text: "南宁市兴宁区某化工厂夜里偷偷排放有毒气体，附近居民头晕",
      reporter: { address: phone },
      receiptInline: true,
    });
    await acceptTip(deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(deps, { actor: nanning, tipId: tip.tipId, result: "substantiated", findings: "属实" });
    await closeTip(deps, { actor: nanning, tipId: tip.tipId, ...ANSWER });

    const status = await sms(phone, `查询 ${tip.trackingCode} ${tip.secret}`);
    expect(status.reply).toBe(
      `${tip.trackingCode}：已办结。结论：举报属实；情况：现场检查发现消防通道被堵；决定：责令立即整改并罚款；奖励：符合奖励条件。2026-03-12前可发：异议 查询码 密钥 理由`,
    );
    expect(smsSize(status.reply).segments).toBeLessThanOrEqual(ANSWER_SEGMENTS);

    const other = await submitTip(deps, {
      channel: "sms",
      text: "南宁市兴宁区某工地塔吊没有检测合格证，还在使用",
      reporter: { address: phone },
      receiptInline: true,
    });
    await acceptTip(deps, { actor: nanning, tipId: other.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: other.tipId });
    await recordResult(deps, { actor: nanning, tipId: other.tipId, result: "unsubstantiated", findings: "未发现" });
    await closeTip(deps, { actor: nanning, tipId: other.tipId, ...ANSWER });

    now = new Date("2026-03-05T02:00:00Z");
    const objected = await sms(phone, `异议 ${tip.trackingCode} ${tip.secret} 工厂晚上还在排放`);
    expect(objected).toMatchObject({ outcome: "objection", reply: `异议已提交（${tip.trackingCode}），上级安委办将于 2026-04-07 前开始复核。` });
    expect(await sms(phone, `异议 ${tip.trackingCode}`)).toMatchObject({ outcome: "refused", reply: "请发送：异议 查询码 密钥 理由" });

    now = new Date("2026-03-13T02:00:00Z");
    const late = await sms(phone, `异议 ${other.trackingCode} ${other.secret} 塔吊还在用`);
    expect(late).toMatchObject({ outcome: "refused", reply: `${other.trackingCode} 的异议期限已于 2026-03-12 届满，不能再提出异议。` });
    const english = await sms(phone, `OBJECT ${other.trackingCode} ${other.secret} the crane is still used`);
    expect(english.reply).toBe(`The time to object to the answer on ${other.trackingCode} ended on 2026-03-12.`);
  });

  it("answers 查询 with the tip's own reward after the answer, never cut, within the answer's segments", async () => {
    now = new Date("2026-03-02T02:00:00Z");
    const phone = "+8613900190002";
    const tip = await submitTip(deps, {
      channel: "sms",
      text: "南宁市兴宁区某化工厂储罐区没有可燃气体报警器，经常闻到气味",
      reporter: { address: phone },
      receiptInline: true,
    });
    await acceptTip(deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(deps, { actor: nanning, tipId: tip.tipId, result: "substantiated", findings: "属实", fineYuan: 200_000 });
    // Staff wrote at length: the answer gives way, the reward and the objection date do not.
    const long = { ...ANSWER, summary: "现场检查发现储罐区可燃气体报警器缺失，".repeat(12) };
    await closeTip(deps, { actor: nanning, tipId: tip.tipId, ...long });
    await decideReward(deps, { actor: nanning, tipId: tip.tipId, basisKind: "fine" });

    const zh = (await sms(phone, `查询 ${tip.trackingCode} ${tip.secret}`)).reply;
    expect(zh).toContain("…");
    expect(zh.endsWith("。2026-03-12前可发：异议 查询码 密钥 理由。奖励30,000元待领取，2026-05-06前凭查询码和密钥在网站申领")).toBe(true);
    expect(smsSize(zh).segments).toBeLessThanOrEqual(ANSWER_SEGMENTS);
    const en = (await sms(phone, `STATUS ${tip.trackingCode} ${tip.secret}`)).reply;
    expect(en).toContain("Reward 30,000 yuan: claim by 2026-05-06");
    expect(smsSize(en).segments).toBeLessThanOrEqual(ANSWER_SEGMENTS);

    // Claimed, then paid: the state follows, the claim date goes.
    const claim = await claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "web", account: "现场领取" });
    expect(claim).toMatchObject({ ok: true });
    expect((await sms(phone, `查询 ${tip.trackingCode} ${tip.secret}`)).reply).toContain("。奖励30,000元已申领，待发放");
  });
});
