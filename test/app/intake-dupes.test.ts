import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { intakeTip } from "../../src/app/intake/intake-tip.js";
import { openIntakeReceipt } from "../../src/app/intake/open-intake-receipt.js";
import { answerLetter } from "../../src/app/intake/answer-letter.js";
import { pruneInboundDedupe } from "../../src/jobs/housekeeping.js";
import { checkStatus } from "../../src/app/tips/check-status.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { findDuplicates } from "../../src/app/triage/find-duplicates.js";
import { mergeTips } from "../../src/app/triage/merge-tips.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { auditLog, outbox, receiptHandoffs, tipEvents, tips } from "../../src/db/schema.js";
import { computeTipDeadlines } from "../../src/domain/deadlines.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const NOW = new Date("2026-12-04T06:00:00Z"); // 14:00 in Shanghai, a Friday
const staff = (over: Partial<StaffActor>): StaffActor => ({
  id: 950,
  username: "clerk",
  displayName: "Clerk",
  role: "committee",
  jurisdictionCode: "450100",
  unitId: null,
  locale: "zh-CN",
  ...over,
});
const CLERK = staff({});
const OTHER_CLERK = staff({ id: 951, username: "clerk2" });
const FAR = staff({ id: 952, username: "far", jurisdictionCode: "430422" });

describe.each(DB_KINDS)("staff intake (phone, visit, letter) on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => NOW });
  });
  afterAll(async () => database?.close());

  const phoneTip = (over: Record<string, unknown> = {}) =>
    intakeTip(deps, {
      actor: CLERK,
      channel: "phone",
      receivedAt: "2026-12-02T09:30",
      text: "来电反映：兴宁区某商场把消防通道堵死，安全出口上锁",
      jurisdictionCode: "450102",
      sector: "fire_safety",
      name: "王先生",
      contact: "广西南宁市兴宁区民主路 12 号",
      reply: "post",
      ...over,
    } as Parameters<typeof intakeTip>[1]);

  it("stores the tip as entered: channel, date received, deadlines from it, identity encrypted, the clerk in the audit", async () => {
    const { tipId, trackingCode, receiptBySms } = await phoneTip();
    expect(receiptBySms).toBe(false);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.id, tipId));
    expect(tip.channel).toBe("phone");
    expect(tip.trackingCode).toBe(trackingCode);
    const received = new Date("2026-12-02T01:30:00Z");
    expect(tip.receivedAt.toISOString()).toBe(received.toISOString());
    expect(tip.acceptDueAt!.toISOString()).toBe(computeTipDeadlines(received).acceptance.due.toISOString());
    const raw = JSON.stringify(tip);
    expect(raw).not.toContain("王先生");
    expect(raw).not.toContain("民主路");
    expect(deps.crypto.decrypt(tip.reporterNameEnc!)).toBe("王先生");
    const [audit] = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(tipId)));
    expect(audit).toMatchObject({ action: "tip.received", actor: "staff:950:clerk" });
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tipId));
    expect(events.find((e) => e.kind === "received")!.at.toISOString()).toBe(received.toISOString());
  });

  it("shows the secret once, to the clerk who entered it; the code and secret then work for the status check", async () => {
    const { tipId, trackingCode } = await phoneTip();
    expect((await openIntakeReceipt(deps, { actor: OTHER_CLERK, tipId })).secret).toBeNull();
    const first = await openIntakeReceipt(deps, { actor: CLERK, tipId });
    expect(first.secret).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/);
    expect((await openIntakeReceipt(deps, { actor: CLERK, tipId })).secret).toBeNull();
    expect(await deps.db.select().from(receiptHandoffs).where(eq(receiptHandoffs.tipId, tipId))).toEqual([]);
    const status = await checkStatus(deps, { trackingCode, secret: first.secret! });
    expect(status.ok).toBe(true);
    await expect(openIntakeReceipt(deps, { actor: FAR, tipId })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a date in the future or years back, and an SMS reply without a mobile number", async () => {
    await expect(phoneTip({ receivedAt: "2026-12-04T15:00" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(phoneTip({ receivedAt: "2024-01-01T09:00" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(phoneTip({ reply: "sms", contact: "民主路 12 号" })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      intakeTip(deps, { actor: staff({ role: "viewer" }), channel: "visit", receivedAt: "2026-12-04T10:00", text: "x".repeat(20) }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("an SMS reply: the receipt goes by SMS to the reporter's mobile, and no clerk ever sees the secret", async () => {
    const { tipId, receiptBySms } = await phoneTip({ channel: "visit", reply: "sms", contact: "139 0018 0002" });
    expect(receiptBySms).toBe(true);
    expect((await openIntakeReceipt(deps, { actor: CLERK, tipId })).secret).toBeNull();
    const rows = (await deps.db.select().from(outbox)).map((m) => ({ to: deps.crypto.decrypt(m.recipientEnc), key: m.dedupeKey, channel: m.channel }));
    expect(rows).toContainEqual({ to: "+8613900180002", key: `tip:${tipId}:receipt`, channel: "sms" });
  });

  it("a secret nobody came to read is dropped by housekeeping after 24 hours", async () => {
    const { tipId } = await phoneTip();
    const later = testDeps(database, { clock: () => new Date(NOW.getTime() + 25 * 3600_000) });
    expect((await pruneInboundDedupe(later)).receiptHandoffs).toBeGreaterThanOrEqual(1);
    expect((await openIntakeReceipt(deps, { actor: CLERK, tipId })).secret).toBeNull();
  });

  it("a reload of the form (same token) stores one tip", async () => {
    const a = await phoneTip({ channel: "letter", formToken: "form-token-000000001" });
    const b = await phoneTip({ channel: "letter", formToken: "form-token-000000001" });
    expect(b.tipId).toBe(a.tipId);
  });
});

describe.each(DB_KINDS)("duplicates and merge groups on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-11-02T02:00:00Z");
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, env: { DUPLICATE_WINDOW_DAYS: "30" } });
  });
  afterAll(async () => database?.close());

  const CREDIT = "91450102MA5L000001";
  const at = async <T>(iso: string, fn: () => Promise<T>) => {
    now = new Date(iso);
    return fn();
  };

  it("suggests the tips about the same enterprise and place within the window, scored, and merges in one click", async () => {
    const first = await at("2026-11-02T02:00:00Z", () =>
      submitTip(deps, {
        channel: "web",
        text: "兴宁区宏达化工厂仓库里堆放大量危险化学品，没有任何防护",
        jurisdictionCode: "450102",
        creditCode: CREDIT,
        sector: "hazardous_chemicals",
      }),
    );
    const unrelated = await at("2026-11-03T02:00:00Z", () =>
      submitTip(deps, { channel: "web", text: "桂林市秀峰区一家酒店的安全出口被锁住了", jurisdictionCode: "450302", sector: "fire_safety" }),
    );
    const tooOld = await at("2026-09-01T02:00:00Z", () =>
      submitTip(deps, {
        channel: "web",
        text: "兴宁区宏达化工厂仓库里堆放危险化学品",
        jurisdictionCode: "450102",
        creditCode: CREDIT,
        sector: "hazardous_chemicals",
      }),
    );
    const second = await at("2026-11-05T02:00:00Z", () =>
      submitTip(deps, {
        channel: "api",
        text: "宏达化工厂的仓库堆着很多危险化学品，工人没有防护",
        jurisdictionCode: "450102",
        creditCode: CREDIT,
        sector: "hazardous_chemicals",
      }),
    );
    const committee = staff({ id: 960, username: "nn" });
    const found = await findDuplicates(deps, { actor: committee, tipId: second.tipId });
    expect(found.map((f) => f.id)).toEqual([first.tipId]);
    expect(found[0].score).toBeGreaterThanOrEqual(70);
    expect(found[0].signals).toMatchObject({ sameEnterprise: true, place: "same", sameSector: true });
    expect(found[0].merge).toEqual({ fromTipId: second.tipId, intoTipId: first.tipId });
    expect(found.map((f) => f.id)).not.toContain(unrelated.tipId);
    expect(found.map((f) => f.id)).not.toContain(tooOld.tipId);
    // Out of scope: Hengnan's committee sees nothing of it.
    await expect(findDuplicates(deps, { actor: FAR, tipId: second.tipId })).rejects.toMatchObject({ code: "not_found" });
    // From the earlier tip's page the same pair is offered, in the same direction.
    expect((await findDuplicates(deps, { actor: committee, tipId: first.tipId }))[0].merge).toEqual({ fromTipId: second.tipId, intoTipId: first.tipId });
    await mergeTips(deps, { actor: committee, tipId: found[0].merge!.fromTipId, intoTipId: found[0].merge!.intoTipId });
    expect(await findDuplicates(deps, { actor: committee, tipId: first.tipId })).toEqual([]);
  });

  it("every reporter of a merge group gets the combined answer on their own channel, never another tip's code", async () => {
    now = new Date("2026-11-10T02:00:00Z");
    const text = "兴宁区某工地脚手架没有安全网，工人高空作业不系安全带";
    const root = await submitTip(deps, { channel: "telegram", text, jurisdictionCode: "450102", sector: "construction", reporter: { address: "777001" } });
    const bySms = await submitTip(deps, { channel: "sms", text, jurisdictionCode: "450102", sector: "construction", reporter: { address: "+8613900180003" } });
    const byWeb = await submitTip(deps, { channel: "web", text, jurisdictionCode: "450102", sector: "construction" });
    const committee = staff({ id: 961, username: "nn2" });
    const suggestions = await findDuplicates(deps, { actor: committee, tipId: byWeb.tipId });
    expect(suggestions.map((s) => s.id).sort()).toEqual([root.tipId, bySms.tipId].sort());
    await mergeTips(deps, { actor: committee, tipId: bySms.tipId, intoTipId: root.tipId });
    await mergeTips(deps, { actor: committee, tipId: byWeb.tipId, intoTipId: root.trackingCode.toLowerCase() });
    await acceptTip(deps, { actor: committee, tipId: root.tipId });
    await startInvestigation(deps, { actor: committee, tipId: root.tipId });
    await recordResult(deps, { actor: committee, tipId: root.tipId, result: "substantiated", findings: "属实", fineYuan: 30000 });
    const leak = `与 ${bySms.trackingCode}、${byWeb.trackingCode.replace(/-/g, "").toLowerCase()} 及 ${root.trackingCode} 并案办理`;
    await closeTip(deps, {
      actor: committee,
      tipId: root.tipId,
      conclusion: "举报属实",
      summary: `现场检查属实（${leak}）`,
      decision: "责令停工整改，罚款3万元",
      rewardEligibility: "首位举报人符合奖励条件",
    });
    const codes = [root, bySms, byWeb].map((t) => t.trackingCode);
    const sent = (await deps.db.select().from(outbox)).map((m) => ({
      to: deps.crypto.decrypt(m.recipientEnc),
      text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string,
    }));
    for (const [address, own] of [
      ["777001", root.trackingCode],
      ["+8613900180003", bySms.trackingCode],
    ] as const) {
      const answer = sent.filter((m) => m.to === address && m.text.includes("责令停工整改"));
      expect(answer, address).toHaveLength(1);
      expect(answer[0].text).toContain(own);
      for (const other of codes.filter((c) => c !== own)) {
        expect(answer[0].text).not.toContain(other);
        expect(answer[0].text.toUpperCase()).not.toContain(other.replace(/-/g, ""));
      }
    }
    for (const t of [root, bySms, byWeb]) {
      const status = await checkStatus(deps, { trackingCode: t.trackingCode, secret: t.secret });
      if (!status.ok) throw new Error("status refused");
      expect(status.tip.answer).toMatchObject({ conclusion: "举报属实", decision: "责令停工整改，罚款3万元" });
      const seen = JSON.stringify(status.tip).toUpperCase();
      for (const other of codes.filter((c) => c !== t.trackingCode)) {
        expect(seen).not.toContain(other);
        expect(seen).not.toContain(other.replace(/-/g, ""));
      }
      const letter = await answerLetter(deps, { actor: committee, tipId: t.tipId });
      expect(letter.answer.summary).toContain("现场检查属实");
      expect(JSON.stringify(letter).toUpperCase()).not.toContain(codes.find((c) => c !== t.trackingCode)!.replace(/-/g, ""));
      expect(letter.addressee).toBeNull();
    }
  });

  it("a merged reporter who wrote in English reads staff's English answer, on their channel and in the status check", async () => {
    now = new Date("2026-11-12T02:00:00Z");
    const root = await submitTip(deps, { channel: "web", text: "青秀区某商场消防通道被货物堵死", jurisdictionCode: "450103", sector: "fire_safety" });
    const english = await submitTip(deps, {
      channel: "sms",
      locale: "en",
      text: "Qingxiu mall fire exit blocked by boxes",
      jurisdictionCode: "450103",
      sector: "fire_safety",
      reporter: { address: "+8613900180077" },
    });
    const committee = staff({ id: 962, username: "nn3" });
    await mergeTips(deps, { actor: committee, tipId: english.tipId, intoTipId: root.tipId });
    await acceptTip(deps, { actor: committee, tipId: root.tipId });
    await startInvestigation(deps, { actor: committee, tipId: root.tipId });
    await recordResult(deps, { actor: committee, tipId: root.tipId, result: "substantiated", findings: "属实" });
    await closeTip(deps, {
      actor: committee,
      tipId: root.tipId,
      conclusion: "举报属实",
      summary: "通道堵塞属实",
      decision: "责令立即清理",
      rewardEligibility: "不符合",
      conclusionEn: "Substantiated",
      summaryEn: "The exit was blocked",
      decisionEn: "Ordered to clear it at once",
      rewardEligibilityEn: "Not eligible",
    });
    const sent = (await deps.db.select().from(outbox))
      .map((m) => ({ to: deps.crypto.decrypt(m.recipientEnc), text: JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string }))
      .filter((m) => m.to === "+8613900180077" && /clear|清理/.test(m.text));
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain("Ordered to clear it at once");
    expect(sent[0].text).not.toContain("责令立即清理");
    const status = await checkStatus(deps, { trackingCode: english.trackingCode, secret: english.secret });
    if (!status.ok) throw new Error("status refused");
    expect(status.tip.answer?.en).toMatchObject({ decision: "Ordered to clear it at once", conclusion: "Substantiated" });
  });

  it("the answer letter: refused before the answer; the postal address only for a reporter who asked for the answer by post", async () => {
    now = new Date("2026-11-20T02:00:00Z");
    const clerk = staff({ id: 962, username: "nn3" });
    const { tipId } = await intakeTip(deps, {
      actor: clerk,
      channel: "letter",
      receivedAt: "2026-11-19T10:00",
      text: "来信反映：兴宁区某加油站违规在站内卸油时吸烟",
      jurisdictionCode: "450102",
      sector: "hazardous_chemicals",
      name: "李女士",
      contact: "南宁市兴宁区朝阳路 8 号 3 单元",
      reply: "post",
    });
    await expect(answerLetter(deps, { actor: clerk, tipId })).rejects.toMatchObject({ code: "conflict" });
    await acceptTip(deps, { actor: clerk, tipId });
    await startInvestigation(deps, { actor: clerk, tipId });
    await recordResult(deps, { actor: clerk, tipId, result: "unsubstantiated", findings: "未发现" });
    await closeTip(deps, { actor: clerk, tipId, conclusion: "不属实", summary: "现场未发现吸烟", decision: "加强巡查", rewardEligibility: "不符合" });
    const letter = await answerLetter(deps, { actor: clerk, tipId });
    expect(letter.addressee).toEqual({ name: "李女士", address: "南宁市兴宁区朝阳路 8 号 3 单元" });
    expect(letter.answer).toMatchObject({ conclusion: "不属实", summary: "现场未发现吸烟", decision: "加强巡查", rewardEligibility: "不符合" });
  });
});
