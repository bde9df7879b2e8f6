import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { checkStatus } from "../../src/app/tips/check-status.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { mergeTips } from "../../src/app/triage/merge-tips.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { claimReward } from "../../src/app/rewards/claim-reward.js";
import { recordRewardPayment } from "../../src/app/rewards/record-payment.js";
import { getTipReward, listRewards } from "../../src/app/rewards/get-reward.js";
import { lapseOverdueRewards } from "../../src/app/rewards/reward-lifecycle.js";
import { auditLog, outbox, tipEvents, tipRewards, units } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const FIRE_TIP = "商场把消防通道和安全出口都堵死了，晚上人很多";

/** #12 item 5: calculation → decision → notice → claim → payment, or lapse; through the verbs on a real database. */
describe.each(DB_KINDS)("reward lifecycle on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let staff: StaffActor;
  let now = new Date("2026-03-02T02:00:00Z");
  let address = 771000;

  const substantiated = async (opts: { fineYuan?: number; employee?: boolean } = {}) => {
    const reporter = String(address++);
    const tip = await submitTip(deps, {
      channel: "telegram",
      text: FIRE_TIP,
      place: "南宁市兴宁区",
      reporter: { address: reporter, consent: false, ...(opts.employee === undefined ? {} : { employee: opts.employee }) },
    });
    await acceptTip(deps, { actor: staff, tipId: tip.tipId });
    await startInvestigation(deps, { actor: staff, tipId: tip.tipId });
    await recordResult(deps, { actor: staff, tipId: tip.tipId, result: "substantiated", findings: "属实", fineYuan: opts.fineYuan ?? 200_000 });
    return { ...tip, reporter };
  };
  const rewardRow = async (tipId: number) => (await deps.db.select().from(tipRewards).where(eq(tipRewards.tipId, tipId)))[0];
  const messagesTo = async (reporter: string) =>
    (await deps.db.select().from(outbox))
      .filter((m) => deps.crypto.decrypt(m.recipientEnc) === reporter)
      .map((m) => JSON.parse(deps.crypto.decrypt(m.payloadEnc!)).text as string);
  const status = async (t: { trackingCode: string; secret: string }) => {
    const s = await checkStatus(deps, { trackingCode: t.trackingCode, secret: t.secret });
    if (!s.ok) throw new Error("receipt refused");
    return s.tip;
  };

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, env: { REWARD_MAX_YUAN: "500000" } });
    const [fire] = await deps.db.select().from(units).where(eq(units.key, "450100:fire"));
    staff = { id: 902, username: "fire", displayName: "Fire", role: "unit", jurisdictionCode: fire.jurisdictionCode, unitId: fire.id, locale: "zh-CN" };
  }, 240_000);
  afterAll(async () => database?.close());

  it("proposes 15% of the recorded fine, takes another amount only with a reason, and tells the reporter amount, place and deadline", async () => {
    const tip = await substantiated({ fineYuan: 200_000 });
    const view = await getTipReward(deps, { actor: staff, tipId: tip.tipId });
    expect(view).toMatchObject({ recordedFineYuan: 200_000, proposalForRecordedFine: 30_000, rules: { maxYuan: 500_000 } });

    // A different amount without a reason is refused, and leaves no trace.
    await expect(decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "fine", amountYuan: 40_000 })).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "deviationReason", code: "required" }],
    });
    expect(await rewardRow(tip.tipId)).toBeUndefined();
    // Above the deployment's cap (500,000 here) is refused even with a reason.
    await expect(
      decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "fine", amountYuan: 500_001, deviationReason: "情节特别重大" }),
    ).rejects.toMatchObject({ code: "invalid_input", details: [{ path: "amountYuan" }] });

    const decided = await decideReward(deps, {
      actor: staff,
      tipId: tip.tipId,
      basisKind: "fine",
      amountYuan: 40_000,
      deviationReason: "举报及时，避免了重大损失",
    });
    expect(decided.extra).toMatchObject({ delivery: "queued", amountYuan: 40_000, proposedYuan: 30_000, claimBy: "2026-05-06" });
    expect(await rewardRow(tip.tipId)).toMatchObject({
      status: "awaiting_claim",
      amountYuan: 40_000,
      proposedYuan: 30_000,
      deviationReason: "举报及时，避免了重大损失",
    });
    // 60 calendar days from 2026-03-02 (not counting that day) end on 2026-05-01, the first day of the 劳动节
    // holiday (05-01…05-05): the period runs on to the next working day, 2026-05-06, until 24:00 Asia/Shanghai.
    expect((await rewardRow(tip.tipId)).claimDueAt.toISOString()).toBe("2026-05-06T15:59:59.999Z");
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "tip.reward"), eq(auditLog.entityId, String(tip.tipId))));
    expect(audit[0].after).toMatchObject({ amountYuan: 40_000, proposedYuan: 30_000, deviationReason: "举报及时，避免了重大损失" });
    const notice = (await messagesTo(tip.reporter)).find((t) => t.includes("40000"))!;
    expect(notice).toContain("2026-05-06");
    expect(notice).toContain("/track");
    expect(notice).not.toContain("避免了重大损失"); // the deviation reason is for staff

    const seen = await status(tip);
    expect(seen.reward).toEqual({ status: "awaiting_claim", amountYuan: 40_000, claimBy: "2026-05-06", realNameRequired: false, paidOn: null });
    expect(JSON.stringify(seen.history)).not.toContain("避免了重大损失");
  });

  it("counts a concealed accident per death by grade", async () => {
    const tip = await substantiated();
    await expect(decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "concealed", deaths: 3 })).rejects.toMatchObject({
      details: [{ path: "grade" }],
    });
    const d = await decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "concealed", deaths: 3, grade: "larger" });
    expect(d.extra).toMatchObject({ amountYuan: 120_000, proposedYuan: 120_000 });
  });

  it("claims with code, secret and chosen identity (encrypted, never in the audit); refuses a wrong secret; staff pay once", async () => {
    const tip = await substantiated({ fineYuan: 100_000 });
    await decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "fine" });
    // No payment before a claim.
    await expect(
      recordRewardPayment(deps, { actor: staff, tipId: tip.tipId, paidOn: "2026-03-01", way: "bank_transfer", reference: "X1" }),
    ).rejects.toMatchObject({
      details: { reason: "reward_unclaimed" },
    });

    const identity = { name: "王小明", idNumber: "450102199001011234", account: "6222020000000000000" };
    expect(await claimReward(deps, { trackingCode: tip.trackingCode, secret: "WRONG-SECRET-000", channel: "api", ...identity })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await rewardRow(tip.tipId)).toMatchObject({ status: "awaiting_claim", claimIdentityEnc: null });
    await expect(claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "api" })).rejects.toMatchObject({ code: "invalid_input" });

    expect(await claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "api", ...identity })).toEqual({
      ok: true,
      trackingCode: tip.trackingCode,
      amountYuan: 15_000,
    });
    const row = await rewardRow(tip.tipId);
    expect(row.status).toBe("claimed");
    expect(Buffer.from(row.claimIdentityEnc!).toString("utf8")).not.toContain("450102199001011234");
    expect(JSON.parse(deps.crypto.decrypt(row.claimIdentityEnc!))).toEqual(identity);
    const audits = JSON.stringify(await deps.db.select().from(auditLog));
    for (const v of Object.values(identity)) expect(audits).not.toContain(v);
    const events = JSON.stringify(await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.tipId)));
    for (const v of Object.values(identity)) expect(events).not.toContain(v);
    expect(await claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "web", account: "x" + "1".repeat(5) })).toEqual({
      ok: false,
      reason: "already_claimed",
    });
    // Staff see what the reporter chose to show, in the reward section; a new decision cannot undo the claim.
    expect((await getTipReward(deps, { actor: staff, tipId: tip.tipId })).claimIdentity).toEqual(identity);
    const viewer = { ...staff, id: 903, role: "viewer" as const };
    expect((await getTipReward(deps, { actor: viewer, tipId: tip.tipId })).claimIdentity).toBeNull();
    await expect(decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "none", reason: "撤销" })).rejects.toMatchObject({
      details: { reason: "reward_claimed" },
    });

    await expect(
      recordRewardPayment(deps, { actor: staff, tipId: tip.tipId, paidOn: "2026-03-09", way: "bank_transfer", reference: "X1" }),
    ).rejects.toMatchObject({
      code: "invalid_input", // a future date
    });
    await recordRewardPayment(deps, { actor: staff, tipId: tip.tipId, paidOn: "2026-03-02", way: "bank_transfer", reference: "ZZ-2026-0001" });
    await expect(recordRewardPayment(deps, { actor: staff, tipId: tip.tipId, paidOn: "2026-03-02", way: "cash", reference: "again" })).rejects.toMatchObject({
      code: "conflict",
      details: { reason: "reward_paid" },
    });
    expect(await rewardRow(tip.tipId)).toMatchObject({
      status: "paid",
      paidOn: "2026-03-02",
      paymentWay: "bank_transfer",
      paymentReference: "ZZ-2026-0001",
      paymentRecordedBy: "staff:902:fire",
    });
    expect((await status(tip)).reward).toMatchObject({ status: "paid", paidOn: "2026-03-02" });
    expect((await messagesTo(tip.reporter)).some((t) => t.includes("15000") && t.includes("2026-03-02"))).toBe(true);
    expect((await listRewards(deps, { actor: staff, status: "paid" })).rows.map((r) => r.tipId)).toContain(tip.tipId);
    expect((await listRewards(deps, { actor: staff })).rows.map((r) => r.tipId)).not.toContain(tip.tipId);
  });

  it("refuses a second positive reward in a merge group and never shows the amount to the other reporter", async () => {
    const first = await substantiated();
    const second = await submitTip(deps, { channel: "web", text: FIRE_TIP, place: "南宁市兴宁区" });
    await mergeTips(deps, { actor: staff, tipId: second.tipId, intoTipId: first.tipId });
    await decideReward(deps, { actor: staff, tipId: first.tipId, basisKind: "fine" });
    await expect(decideReward(deps, { actor: staff, tipId: second.tipId, basisKind: "fine" })).rejects.toMatchObject({ details: { reason: "reward_taken" } });
    const other = await status(second);
    expect(other.reward).toBeNull();
    expect(JSON.stringify(other)).not.toContain("30000");
  });

  it("an employee reporting their employer claims only under a real name", async () => {
    const tip = await substantiated({ employee: true });
    await decideReward(deps, { actor: staff, tipId: tip.tipId, basisKind: "fine" });
    expect(await rewardRow(tip.tipId)).toMatchObject({ realNameRequired: true });
    expect((await status(tip)).reward?.realNameRequired).toBe(true);
    await expect(claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "web", account: "现场领取" })).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "name" }],
    });
    expect(
      await claimReward(deps, { trackingCode: tip.trackingCode, secret: tip.secret, channel: "web", name: "李四", idNumber: "45010219900101123X" }),
    ).toMatchObject({ ok: true });
    // Staff can also record the check on a tip where the reporter did not say.
    const unsaid = await substantiated();
    await decideReward(deps, { actor: staff, tipId: unsaid.tipId, basisKind: "fine", reporterEmployee: "yes" });
    expect(await rewardRow(unsaid.tipId)).toMatchObject({ realNameRequired: true });
  });

  it("refuses a claim after the deadline with the date it closed; the job marks unclaimed rewards lapsed once", async () => {
    const late = await substantiated();
    const idle = await substantiated();
    await decideReward(deps, { actor: staff, tipId: late.tipId, basisKind: "fine" });
    await decideReward(deps, { actor: staff, tipId: idle.tipId, basisKind: "fine" });
    const due = (await rewardRow(late.tipId)).claimDueAt;
    const before = now;
    try {
      now = new Date(due.getTime() - 1000);
      expect((await status(late)).reward?.status).toBe("awaiting_claim");
      now = new Date(due.getTime() + 1000);
      expect((await status(idle)).reward?.status).toBe("lapsed"); // shown lapsed before the job ran
      expect(await claimReward(deps, { trackingCode: late.trackingCode, secret: late.secret, channel: "api", account: "现场领取" })).toEqual({
        ok: false,
        reason: "claim_closed",
        claimBy: "2026-05-06",
      });
      expect(await rewardRow(late.tipId)).toMatchObject({ status: "lapsed" });
      const job = await lapseOverdueRewards(deps);
      expect(job.lapsed).toBeGreaterThanOrEqual(1);
      expect(await rewardRow(idle.tipId)).toMatchObject({ status: "lapsed" });
      expect((await lapseOverdueRewards(deps)).lapsed).toBe(0);
      const lapses = await deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "tip.reward_lapsed"), eq(auditLog.entityId, String(idle.tipId))));
      expect(lapses).toHaveLength(1);
      expect((await status(idle)).history.map((e) => e.event)).toContain("reward_lapsed");
    } finally {
      now = before;
    }
  });
});
