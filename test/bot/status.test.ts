import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { outbox, tipAttachments, tipEvents, tips } from "../../src/db/schema.js";
import type { StaffActor } from "../../src/app/staff/actor.js";
import { acceptTip } from "../../src/app/triage/accept-tip.js";
import { decideReward } from "../../src/app/triage/decide-reward.js";
import { recordResult } from "../../src/app/triage/record-result.js";
import { startInvestigation } from "../../src/app/triage/start-investigation.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { buttons, harness, startFakeBotApi, type FakeBotApi, type Harness } from "./report-harness.js";

describe.each(DB_KINDS)("/status and additions to a tip through POST /telegram/webhook on %s", (kind) => {
  let database: TestDb;
  let api: FakeBotApi;
  beforeAll(async () => {
    database = await openTestDb(kind);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  /** A tip sent through the conversation; its receipt is read from the outbox, where the reporter's copy waits. */
  async function fileTip(h: Harness, text: string) {
    await h.say("/report");
    await h.press("rp:s:construction");
    await h.press("rp:p:skip");
    await h.press("rp:e:skip");
    await h.say(text);
    await h.press("rp:f:done");
    await h.press("rp:u:no");
    await h.press("rp:c:anon");
    await h.press("rp:r:submit");
    const [tip] = await database.db.select().from(tips).where(eq(tips.text, text));
    const [row] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `tip:${tip.id}:receipt`));
    const receipt = JSON.parse(h.deps.crypto.decrypt(row.payloadEnc!)).text as string;
    const secret = receipt.match(/[2-9A-Z]{4}(?:-[2-9A-Z]{4}){5}/)![0];
    expect(receipt).toContain(tip.trackingCode);
    return { tip, secret };
  }

  it("lists the chat's own tips and not another chat's", async () => {
    const a = harness(database, 72_001);
    const b = harness(database, 72_002);
    const mine = await fileTip(a, "工地塔吊司机无证上岗，吊装时没有指挥人员");
    const theirs = await fileTip(b, "基坑边堆放钢筋，没有任何支护，已经出现裂缝");
    await a.say("/status");
    const list = a.texts().at(-1)!;
    expect(list).toContain("您从这个对话提交的举报");
    expect(list).toContain(mine.tip.trackingCode);
    expect(list).toContain("已收到，待受理");
    expect(list).not.toContain(theirs.tip.trackingCode);
    expect(list).not.toContain(mine.secret);

    const c = harness(database, 72_003, { languageCode: "en" });
    await c.say("/status");
    expect(c.texts().at(-1)).toContain("No tips have been sent from this chat yet");
  });

  it("checks one tip by code and secret from any chat, refuses a wrong secret, and adds text and a photo to it", async () => {
    const a = harness(database, 72_011, { api });
    const { tip, secret } = await fileTip(a, "建筑工地夜间违规施工，工人没有佩戴安全帽");
    const other = harness(database, 72_012, { api });

    await other.say(`/status ${tip.trackingCode} ${secret.replace(/-/g, "").replace(/Z/g, "Y")}X`);
    expect(other.texts().at(-1)).toContain("查询码或密钥不正确");

    // Lower case, spaces instead of dashes: still the same receipt.
    await other.say(`/status ${tip.trackingCode.toLowerCase().replace(/-/g, " ")} ${secret.toLowerCase()}`);
    const shown = other.texts().at(-1)!;
    expect(shown).toContain(`查询码：${tip.trackingCode}`);
    expect(shown).toContain("状态：已收到，待受理");
    expect(shown).toContain("举报已接收");
    expect(buttons(other.last())).toEqual([{ text: "➕ 补充信息或照片", data: "st:add" }]);

    await other.press("st:add");
    expect(other.texts().at(-1)).toContain(`补充到 ${tip.trackingCode}`);
    await other.say("补充：今天晚上十点又在施工，噪音很大，塔吊也在运转");
    expect(other.texts().at(-1)).toContain(`已补充到 ${tip.trackingCode}`);
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#369" } })
      .jpeg()
      .toBuffer();
    api.files.set("photos/extra-1.jpg", new Uint8Array(jpeg));
    await other.sendPhoto("extra-1", jpeg.byteLength);
    expect(other.texts().at(-1)).toContain("已补充到");
    await other.press("st:done");
    expect(other.texts().at(-1)).toContain("补充已结束");
    await other.say("这条消息不应该再被补充进去");

    const additions = await database.db
      .select()
      .from(tipEvents)
      .where(and(eq(tipEvents.tipId, tip.id), eq(tipEvents.kind, "reporter_info")));
    expect(additions).toHaveLength(2);
    expect(additions.map((e) => (e.data as { text: string | null }).text)).toContain("补充：今天晚上十点又在施工，噪音很大，塔吊也在运转");
    expect(await database.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tip.id))).toHaveLength(1);

    await a.say(`/status ${tip.trackingCode} ${secret}`);
    expect(a.texts().at(-1)).toContain("您补充了材料");
  });

  it("says how to use it when the secret is missing", async () => {
    const h = harness(database, 72_021);
    await h.say("/status K7M-4QX-9PA");
    expect(h.texts().at(-1)).toContain("/status 查询码 密钥");
  });

  it("shows the tip's own reward: amount, state, the last day to claim and how", async () => {
    const a = harness(database, 72_021, { api });
    const { tip, secret } = await fileTip(a, "脚手架没有防护网，工人在二十米高处作业，随时可能坠落");
    const staff: StaffActor = { id: 950, username: "u", displayName: "U", role: "unit", jurisdictionCode: null, unitId: tip.unitId, locale: "zh-CN" };
    await acceptTip(a.deps, { actor: staff, tipId: tip.id });
    await startInvestigation(a.deps, { actor: staff, tipId: tip.id });
    await a.say(`/status ${tip.trackingCode} ${secret}`);
    expect(a.texts().at(-1)).not.toContain("举报奖励");
    await recordResult(a.deps, { actor: staff, tipId: tip.id, result: "substantiated", findings: "属实", fineYuan: 200_000 });
    const decided = await decideReward(a.deps, { actor: staff, tipId: tip.id, basisKind: "fine" });
    const claimBy = (decided.extra as { claimBy: string }).claimBy;

    await a.say(`/status ${tip.trackingCode} ${secret}`);
    const shown = a.texts().at(-1)!;
    expect(shown).toContain("举报奖励");
    expect(shown).toMatch(/奖励金额：30,?000 元/);
    expect(shown).toContain("奖励状态：待领取");
    expect(shown).toContain(`领取截止日期：${claimBy}`);
    expect(shown).toContain("凭查询码和密钥申领");
  });
});
