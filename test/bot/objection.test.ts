import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { closeTip } from "../../src/app/triage/close-tip.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { outbox, tipEvents, tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { harness, type Harness } from "./report-harness.js";

const ANSWER = { conclusion: "举报属实", summary: "现场检查发现消防通道被堵", decision: "责令立即整改并罚款", rewardEligibility: "符合奖励条件" };
const nanning: StaffActor = { id: 931, username: "nanning", displayName: "N", role: "committee", jurisdictionCode: "450100", unitId: null, locale: "zh-CN" };

/** The 提出异议 button under the answer in the reporter's chat, through POST /telegram/webhook. */
describe.each(DB_KINDS)("objection from Telegram on %s", (kind) => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb(kind);
  });
  afterAll(async () => database?.close());

  async function answered(h: Harness, chatId: number) {
    const tip = await submitTip(h.deps, {
      channel: "telegram",
      text: "兴宁区一家商场把消防通道和安全出口都堵死了，晚上人很多",
      place: "南宁市兴宁区",
      reporter: { address: String(chatId), consent: false },
    });
    await acceptTip(h.deps, { actor: nanning, tipId: tip.tipId });
    await startInvestigation(h.deps, { actor: nanning, tipId: tip.tipId });
    await recordResult(h.deps, { actor: nanning, tipId: tip.tipId, result: "substantiated", findings: "属实" });
    await closeTip(h.deps, { actor: nanning, tipId: tip.tipId, ...ANSWER });
    return tip;
  }

  it("asks for the reason, objects with the next message, and refuses another chat and a closed window", async () => {
    const h = harness(database, 73_001);
    const tip = await answered(h, 73_001);
    const [queued] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `tip:${tip.tipId}:closed`));
    const payload = JSON.parse(h.deps.crypto.decrypt(queued.payloadEnc!));
    const data = payload.replyMarkup.inline_keyboard[0][0].callback_data as string;
    expect(data).toBe(`obj:${tip.trackingCode}`);

    const stranger = harness(database, 73_002);
    await stranger.press(data);
    expect(stranger.texts().at(-1)).toBe("找不到这个对话提交的该条举报。");

    await h.press(data);
    expect(h.texts().at(-1)).toContain(`请写下您对 ${tip.trackingCode} 答复的异议理由`);
    await h.say("不");
    expect(h.texts().at(-1)).toBe("请写明异议理由（至少两个字）。");
    await h.say("通道现在还是堵着的，根本没整改");
    expect(h.texts().at(-1)).toMatch(new RegExp(`^异议已提交（${tip.trackingCode}），上级安委办将于 \\d{4}-\\d{2}-\\d{2} 前开始复核。$`));
    const [row] = await database.db.select().from(tips).where(eq(tips.id, tip.tipId));
    expect(row.status).toBe("objected");
    const events = await database.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.tipId));
    expect(events.find((e) => e.kind === "objected")?.data).toMatchObject({ channel: "telegram", text: "通道现在还是堵着的，根本没整改" });

    const h2 = harness(database, 73_003);
    const late = await answered(h2, 73_003);
    await database.db
      .update(tips)
      .set({ objectionDueAt: new Date("2026-01-10T15:59:59.999Z") })
      .where(eq(tips.id, late.tipId));
    await h2.press(`obj:${late.trackingCode}`);
    expect(h2.texts().at(-1)).toBe(`${late.trackingCode} 的异议期限已于 2026-01-10 届满，不能再提出异议。`);
  });
});
