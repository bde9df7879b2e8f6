import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import sharp from "sharp";
import { conversations, outbox, tipAttachments, tipEvents, tips, units } from "../../src/db/schema.js";
import { conversationKey } from "../../src/app/conversations/load-conversation.js";
import { drainOutbox } from "../../src/app/outbox/drain-outbox.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { buttons, harness, startFakeBotApi, type FakeBotApi, type Harness } from "./report-harness.js";

const FIRE_TEXT = "商场安全出口被铁链锁住，消防通道堆满货物，已经一个多月了";

describe.each(DB_KINDS)("the /report conversation through POST /telegram/webhook on %s", (kind) => {
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

  const tipsOf = async (h: Harness, chatId: number) =>
    database.db
      .select()
      .from(tips)
      .where(eq(tips.reporterChannelHash, h.deps.crypto.hash("reporter:telegram", String(chatId))));

  /** /report → sector → skip place → skip enterprise → text → no files → no danger → anonymous: the review screen. */
  async function toReview(h: Harness, text = FIRE_TEXT) {
    await h.say("/report");
    await h.press("rp:s:fire_safety");
    await h.press("rp:p:skip");
    await h.press("rp:e:skip");
    await h.say(text);
    await h.press("rp:f:done");
    await h.press("rp:u:no");
    await h.press("rp:c:anon");
  }

  it("takes a whole tip in Chinese: keyboards, place pickers, photo, contact, review, one stored tip and one receipt", async () => {
    const chatId = 71_001;
    const h = harness(database, chatId, { api });
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
      .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    api.files.set("photos/photo-1.jpg", new Uint8Array(jpeg));

    expect((await h.say("/report")).status).toBe(200);
    const sectorPrompt = h.last();
    expect(String(sectorPrompt.payload.text)).toContain("第 1 步");
    const sectorButtons = buttons(sectorPrompt);
    expect(sectorButtons.map((b) => b.text)).toEqual(expect.arrayContaining(["煤矿", "消防", "不确定", "✖ 取消"]));
    expect(sectorButtons.filter((b) => b.data.startsWith("rp:s:"))).toHaveLength(12);
    for (const b of sectorButtons) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);

    await h.press("rp:s:fire_safety");
    const cities = buttons(h.last());
    expect(cities).toContainEqual({ text: "南宁市", data: "rp:p:go:450100" });
    expect(cities).toContainEqual({ text: "衡阳市", data: "rp:p:go:430400" });
    await h.press("rp:p:go:450100");
    expect(buttons(h.last())).toContainEqual({ text: "兴宁区", data: "rp:p:go:450102" });
    await h.press("rp:p:go:450102");
    const townships = buttons(h.last());
    expect(townships).toContainEqual({ text: "民生街道", data: "rp:p:go:450102001" });
    for (const b of townships) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    expect(String(h.last().payload.text)).toContain("广西壮族自治区南宁市兴宁区");
    await h.press("rp:p:ok:450102");

    expect(h.texts().at(-1)).toContain("第 3 步");
    await h.say("南宁某某商场");
    expect(h.texts().at(-1)).toContain("第 4 步");
    await h.say(FIRE_TEXT);
    expect(h.texts().at(-1)).toContain("第 5 步");
    await h.sendPhoto("photo-1", jpeg.byteLength);
    expect(h.texts().at(-1)).toContain("已收到 1 个文件");
    await h.press("rp:f:done");
    expect(h.texts().at(-1)).toContain("第 6 步");
    await h.press("rp:u:no");
    await h.press("rp:c:contact");
    expect(h.texts().at(-1)).toContain("姓名和联系电话");
    await h.say("张三 13800138000");
    await h.press("rp:k:no");

    const review = h.texts().at(-1)!;
    for (const part of [
      "行业：消防",
      "地点：广西壮族自治区南宁市兴宁区",
      "企业：南宁某某商场",
      FIRE_TEXT,
      "附件：1 个",
      "紧急危险：否",
      "张三 13800138000（对工作人员保密）",
    ]) {
      expect(review).toContain(part);
    }
    expect(buttons(h.last()).map((b) => b.data)).toEqual(expect.arrayContaining(["rp:r:submit", "rp:r:edit:text", "rp:r:edit:place", "rp:r:back"]));

    await h.press("rp:r:submit");
    const [tip] = await tipsOf(h, chatId);
    expect(tip).toBeDefined();
    const [unit] = await database.db.select().from(units).where(eq(units.id, tip.unitId));
    const ack = h.texts().at(-1)!;
    expect(ack).toContain(`已转交 ${unit.name}处理`);
    expect(unit.name).toContain("消防");
    // The inline answer is not a receipt: neither the code nor any secret is in what the bot sent itself.
    expect(h.texts().join("\n")).not.toContain(tip.trackingCode);

    expect(tip).toMatchObject({
      channel: "telegram",
      locale: "zh-CN",
      text: FIRE_TEXT,
      sectorChosen: "fire_safety",
      sectorCode: "fire_safety",
      jurisdictionCode: "450102",
      enterpriseText: "南宁某某商场",
      anonymous: false,
      contactConsent: false,
      reporterUrgent: false,
    });
    const identity = JSON.parse(h.deps.crypto.decrypt(tip.reporterContactEnc!));
    expect(identity).toEqual({ channel: "telegram", address: String(chatId), contact: "张三 13800138000" });
    expect(JSON.stringify(tip)).not.toContain(String(chatId));
    expect(JSON.stringify(tip)).not.toContain("13800138000");

    const events = await database.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["received", "routed"]));
    const [attachment] = await database.db.select().from(tipAttachments).where(eq(tipAttachments.tipId, tip.id));
    expect(attachment.mimeType).toBe("image/jpeg");
    expect((await sharp(Buffer.from(attachment.body)).metadata()).exif).toBeUndefined();
    expect(
      await database.db
        .select()
        .from(conversations)
        .where(eq(conversations.key, conversationKey(h.deps, "report", "telegram", String(chatId)))),
    ).toHaveLength(0);

    // Exactly one receipt: queued with the tip, delivered once by the dispatcher, carrying code and secret.
    const receipts = await database.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `tip:${tip.id}:receipt`));
    expect(receipts).toHaveLength(1);
    await drainOutbox(h.deps, { maxMs: 10_000 });
    await drainOutbox(h.deps, { maxMs: 2_000 });
    const delivered = api.sent.filter((m) => String(m.chat_id) === String(chatId));
    expect(delivered).toHaveLength(1);
    expect(delivered[0].text).toContain(tip.trackingCode);
    expect(delivered[0].text).toMatch(/密钥|Secret/);
    const secret = delivered[0].text.match(/[2-9A-Z]{4}(?:-[2-9A-Z]{4}){5}/)![0];
    expect(h.deps.crypto.verifyHash("receipt-secret", secret, tip.secretHash)).toBe(true);
  });

  it("takes a whole tip in English, with a shared location, not-sure sector and immediate danger", async () => {
    const chatId = 71_002;
    const h = harness(database, chatId, { api, languageCode: "en" });
    await h.say("/lang");
    await h.press("lang:en");
    await h.say("/start");
    expect(buttons(h.last())).toContainEqual({ text: "📝 Report a hazard", data: "rp:start" });
    await h.press("rp:start");
    expect(h.texts().at(-1)).toContain("Step 1: which sector");
    expect(buttons(h.last()).map((b) => b.text)).toContain("Not sure");
    await h.press("rp:s:unsure");
    await h.press("rp:p:loc");
    const request = h.last().payload.reply_markup as { keyboard: { text: string; request_location?: boolean }[][] };
    expect(request.keyboard.flat()).toContainEqual({ text: "📍 Send my location", request_location: true });
    await h.sendLocation(22.817, 108.3665);
    const afterLocation = h.calls.filter((c) => c.method === "sendMessage").slice(-2);
    expect(afterLocation[0].payload.reply_markup).toEqual({ remove_keyboard: true });
    expect(String(afterLocation[1].payload.text)).toContain("Step 3");
    await h.press("rp:e:skip");
    await h.say("The fire exits of the warehouse are chained shut and the sprinklers are switched off.");
    await h.press("rp:f:done");
    await h.press("rp:u:yes");
    await h.press("rp:c:anon");
    const review = h.texts().at(-1)!;
    expect(review).toContain("Sector: Not sure");
    expect(review).toContain("Place: location 22.81700, 108.36650");
    expect(review).toContain("Immediate danger: Yes, immediate danger");
    expect(review).toContain("Identity: anonymous");
    await h.press("rp:r:submit");

    const [tip] = await tipsOf(h, chatId);
    const [unit] = await database.db.select().from(units).where(eq(units.id, tip.unitId));
    expect(h.texts().at(-1)).toContain(`passed to ${unit.nameEn}`);
    expect(h.texts().at(-1)).toContain("call 119 or 110");
    expect(tip).toMatchObject({ locale: "en", sectorChosen: null, reporterUrgent: true, urgent: true, anonymous: true, locationLat: "22.817" });
    const identity = JSON.parse(h.deps.crypto.decrypt(tip.reporterContactEnc!));
    expect(identity.contact).toBeNull();
    const [receipt] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `tip:${tip.id}:receipt`));
    expect(JSON.parse(h.deps.crypto.decrypt(receipt.payloadEnc!)).text).toContain("Tracking code");
  });

  it("asks again, with the reason, for a description that is too short; odd input gets a hint, never an error", async () => {
    const chatId = 71_003;
    const h = harness(database, chatId);
    await h.say("/report");
    await h.say("随便写点");
    expect(h.texts().at(-1)).toContain("请点击下面的按钮作答");
    await h.press("rp:s:construction");
    await h.press("rp:p:go:999999");
    expect(h.texts().at(-1)).toContain("按钮已过期");
    await h.post({
      update_id: 88_000_001,
      message: {
        message_id: 5,
        date: 0,
        chat: { id: chatId, type: "private", first_name: "R" },
        from: { id: chatId, is_bot: false, first_name: "R" },
        sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
      },
    } as never);
    expect(h.texts().at(-1)).toContain("不能接收这种消息");
    await h.press("rp:p:skip");
    await h.press("rp:e:skip");
    await h.say("脚手架很危险");
    const reask = h.texts().at(-1)!;
    expect(reask).toContain("描述太短（6 个字）");
    expect(reask).toContain("至少写 10 个字");
    expect(reask).toContain("第 4 步");
    await h.say("工地脚手架没有安全网，工人高处作业不系安全带");
    expect(h.texts().at(-1)).toContain("第 5 步");
  });

  it("mid-report, a command another feature answers is answered by it (/status, /help); an unknown command gets the report's hint", async () => {
    const chatId = 71_010;
    const h = harness(database, chatId);
    await h.say("/report");
    await h.press("rp:s:construction");
    await h.say("/status");
    expect(h.texts().at(-1)).toContain("这个对话还没有提交过举报");
    await h.say("/help");
    expect(h.texts().at(-1)).toContain("/report");
    await h.say("/nosuchcommand");
    expect(h.texts().at(-1)).toContain("不能接收这种消息");
    // The report is still open where it was.
    await h.press("rp:p:go:999999");
    expect(h.texts().at(-1)).toContain("按钮已过期");
  });

  it("/cancel clears the conversation at any step and says so; later messages are not taken as answers", async () => {
    const chatId = 71_004;
    const h = harness(database, chatId);
    await h.say("/report");
    await h.press("rp:s:transport");
    await h.press("rp:p:go:450100");
    await h.say("/cancel");
    expect(h.texts().at(-1)).toContain("已取消本次举报");
    const key = conversationKey(h.deps, "report", "telegram", String(chatId));
    expect(await database.db.select().from(conversations).where(eq(conversations.key, key))).toHaveLength(0);
    const before = h.texts().length;
    await h.say("这条消息不属于任何举报");
    await h.press("rp:p:skip");
    expect(h.texts().length).toBe(before + 1);
    expect(h.texts().at(-1)).toContain("当前没有进行中的举报");
    await h.press("rp:cancel");
    expect(h.texts().length).toBe(before + 2);
    expect(h.texts().at(-1)).toContain("当前没有进行中的举报");
    expect(await tipsOf(h, chatId)).toHaveLength(0);
  });

  it("goes back a step, edits a field from the review screen and returns to it, and refuses stale buttons", async () => {
    const chatId = 71_005;
    const h = harness(database, chatId);
    await h.say("/report");
    await h.say("/back");
    expect(h.texts().at(-1)).toContain("这已经是第一步了");
    await h.press("rp:s:fire_safety");
    await h.press("rp:p:back");
    expect(h.texts().at(-1)).toContain("第 1 步");
    await h.say("/cancel");

    await toReview(h);
    await h.press("rp:s:coal_mine");
    expect(h.texts().at(-1)).toContain("按钮已过期");
    await h.press("rp:r:edit:text");
    expect(h.texts().at(-1)).toContain("第 4 步");
    await h.say("酒店厨房燃气管道漏气，消防通道被杂物堵死");
    const review = h.texts().at(-1)!;
    expect(review).toContain("请核对您的举报");
    expect(review).toContain("酒店厨房燃气管道漏气");
    await h.press("rp:r:edit:contact");
    await h.press("rp:c:contact");
    await h.say("李四 13900000000");
    await h.press("rp:k:yes");
    expect(h.texts().at(-1)).toContain("李四 13900000000（同意工作人员查看）");
    await h.press("rp:r:back");
    expect(h.texts().at(-1)).toContain("是否同意处理部门的工作人员");
    await h.press("rp:k:yes");
    await h.press("rp:r:submit");
    const [tip] = await tipsOf(h, chatId);
    expect(tip).toMatchObject({ text: "酒店厨房燃气管道漏气，消防通道被杂物堵死", contactConsent: true, anonymous: false });
  });

  it("continues after a restart: a new bot over the same database picks up the stored step", async () => {
    const chatId = 71_006;
    const a = harness(database, chatId);
    await a.say("/report");
    await a.press("rp:s:hazardous_chemicals");
    await a.say("南宁市江南区");
    expect(a.texts().at(-1)).toContain("第 3 步");

    const b = harness(database, chatId); // "after the restart": a fresh createBot and createApp
    await b.say("南宁某化工厂");
    expect(b.texts().at(-1)).toContain("第 4 步");
    await b.say("化工厂储罐区没有围堰，危化品露天堆放，气味很大");
    await b.press("rp:f:done");
    await b.press("rp:u:no");
    await b.press("rp:c:anon");
    expect(b.texts().at(-1)).toContain("地点：南宁市江南区");
    await b.press("rp:r:submit");
    const stored = await tipsOf(b, chatId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      placeText: "南宁市江南区",
      enterpriseText: "南宁某化工厂",
      sectorChosen: "hazardous_chemicals",
      jurisdictionCode: "450105",
    });
  });

  it("two replicas alternating on one chat complete one tip, and a submit tapped on both at once stores it once", async () => {
    const chatId = 71_007;
    const a = harness(database, chatId);
    const b = harness(database, chatId);
    const script: ((h: Harness) => Promise<Response>)[] = [
      (h) => h.say("/report"),
      (h) => h.press("rp:s:fireworks"),
      (h) => h.press("rp:p:skip"),
      (h) => h.press("rp:e:skip"),
      (h) => h.say("村里有人无证生产烟花爆竹，仓库就在民房里"),
      (h) => h.press("rp:f:done"),
      (h) => h.press("rp:u:no"),
      (h) => h.press("rp:c:anon"),
    ];
    for (const [i, step] of script.entries()) expect((await step(i % 2 === 0 ? a : b)).status).toBe(200);
    expect(b.texts().at(-1)).toContain("请核对您的举报");
    expect(a.texts().filter((t) => t.includes("第 ")).length + b.texts().filter((t) => t.includes("第 ")).length).toBe(7);

    const [ra, rb] = await Promise.all([a.press("rp:r:submit"), b.press("rp:r:submit")]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    const stored = await tipsOf(a, chatId);
    expect(stored).toHaveLength(1);
    const answers = [a.texts().at(-1)!, b.texts().at(-1)!];
    expect(answers.filter((t) => t.includes("已转交"))).toHaveLength(1);
    expect(answers.filter((t) => t.includes("当前没有进行中的举报"))).toHaveLength(1);
    expect(
      await database.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `tip:${stored[0].id}:receipt`)),
    ).toHaveLength(1);
  });
});
