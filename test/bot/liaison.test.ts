import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { and, eq, inArray } from "drizzle-orm";
import type { Update } from "grammy/types";
import { createApp } from "../../src/http/app.js";
import { createBot } from "../../bot/create-bot.js";
import type { Transformer } from "grammy";
import { auditLog, campaigns, liaisons, obligationDocuments, obligations, outbox, reminders } from "../../src/db/schema.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/app/reminders/send-due-reminders.js";
import { drainOutbox } from "../../src/app/outbox/drain-outbox.js";
import { shanghaiInstant } from "../../src/domain/reminder-policy.js";
import { startFakeBotApi, type FakeBotApi } from "./report-harness.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createInvite } from "../../src/app/liaisons/create-invite.js";
import { startCampaign } from "../../src/app/campaigns/start-campaign.js";
import { chatKey } from "../../src/app/chat/chat-locale.js";
import type { Deps } from "../../src/app/deps.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { BOT_INFO, callbackUpdate, nextUpdateId, recordApiCalls, sentTexts, textUpdate } from "../support/fake-telegram.js";

const TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";
const SECRET = "hook-secret-123";
const DAY = 86_400_000;

function documentUpdate(chatId: number, fileId: string, fileName: string, mimeType = "application/pdf", size = 12_345): Update {
  return {
    update_id: nextUpdateId(),
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "Liaison" },
      from: { id: chatId, is_bot: false, first_name: "Liaison", language_code: "zh-hans" },
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: mimeType, file_size: size },
    },
  } as Update;
}

type Keyboard = { inline_keyboard: { text: string; callback_data: string }[][] };
const buttons = (payload: Record<string, unknown>) => ((payload.reply_markup as Keyboard | undefined)?.inline_keyboard ?? []).flat();

describe.each(DB_KINDS)("liaison bot through POST /telegram/webhook on %s", (kind) => {
  let database: TestDb;
  let now = new Date("2018-06-08T02:00:00Z");
  let api: FakeBotApi;
  beforeAll(async () => {
    database = await openTestDb(kind);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  function setup(env: Record<string, string> = {}) {
    const deps: Deps = testDeps(database, {
      env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: api.url, ...env },
      clock: () => now,
    });
    const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
    const calls = recordApiCalls(bot);
    // getFile answers with a path the fake server serves (installed after the recorder, so it runs first).
    const getFile: Transformer = async (prev, method, payload) => {
      if (method !== "getFile") return prev(method, payload);
      const fileId = (payload as { file_id: string }).file_id;
      calls.push({ method, payload: { file_id: fileId } });
      const body = api.files.get(`documents/${fileId}`);
      return { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_size: body?.byteLength, file_path: `documents/${fileId}` } } as never;
    };
    bot.api.config.use(getFile);
    const app = createApp({ deps, bot });
    const post = async (update: unknown) => {
      const res = await app.request("/telegram/webhook", {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(res.status).toBe(200);
    };
    return { deps, calls, post };
  }
  const liaisonRows = (deps: Deps, chatId: number) =>
    deps.db
      .select()
      .from(liaisons)
      .where(eq(liaisons.telegramChatHash, chatKey(deps, chatId)));

  it("invite → /start <token> binds the chat to the unit; the link works once", async () => {
    const { deps, calls, post } = setup();
    const invite = await createInvite(deps, { unit: "430422103:township", actor: "staff:li" });
    await post(textUpdate(8101, `/start ${invite.token}`));
    expect(sentTexts(calls, 8101).at(-1)).toContain("绑定成功：您已成为 茶市镇人民政府 的联络员");
    const [row] = await liaisonRows(deps, 8101);
    expect(row).toMatchObject({ unitId: invite.unit.id, active: true });
    expect(deps.crypto.decrypt(row.telegramChatEnc!)).toBe("8101");

    await post(textUpdate(8102, `/start ${invite.token}`));
    expect(sentTexts(calls, 8102).at(-1)).toContain("已被使用");
    expect(await liaisonRows(deps, 8102)).toHaveLength(0);
  });

  it("an expired link is refused (clock passed in), and a made-up one too; plain /start still greets", async () => {
    const { deps, calls, post } = setup();
    const invite = await createInvite(deps, { unit: "430422104:township", actor: "staff:li" });
    const created = now;
    now = new Date(created.getTime() + 7 * DAY + 60_000);
    await post(textUpdate(8201, `/start ${invite.token}`));
    now = created;
    expect(sentTexts(calls, 8201).at(-1)).toContain("已过期");
    await post(textUpdate(8201, `/start li_${"Z".repeat(32)}`));
    expect(sentTexts(calls, 8201).at(-1)).toContain("邀请链接无效");
    expect(await liaisonRows(deps, 8201)).toHaveLength(0);
    await post(textUpdate(8201, "/start"));
    expect(sentTexts(calls, 8201).at(-1)).toContain("欢迎");
  });

  it("/leave asks to confirm; a forged confirmation from another chat does nothing; confirming ends the role", async () => {
    const { deps, calls, post } = setup();
    const invite = await createInvite(deps, { unit: "430422105:township", actor: "staff:li" });
    await post(textUpdate(8301, `/start ${invite.token}`));
    const [row] = await liaisonRows(deps, 8301);

    await post(textUpdate(8301, "/leave"));
    const ask = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 8301).at(-1)!;
    expect(String(ask.payload.text)).toContain("确定要退出 江口镇人民政府 的联络员身份吗");
    expect(buttons(ask.payload).map((b) => b.callback_data)).toEqual([`lia:leave:${row.id}:yes`, "lia:leave:cancel"]);
    expect((await liaisonRows(deps, 8301))[0].active).toBe(true); // asking is not leaving

    await post(callbackUpdate(8399, `lia:leave:${row.id}:yes`));
    expect(sentTexts(calls, 8399).at(-1)).toContain("无法退出");
    expect((await liaisonRows(deps, 8301))[0].active).toBe(true);

    await post(callbackUpdate(8301, "lia:leave:cancel"));
    expect((await liaisonRows(deps, 8301))[0].active).toBe(true);
    await post(callbackUpdate(8301, `lia:leave:${row.id}:yes`));
    expect(sentTexts(calls, 8301).at(-1)).toContain("您已退出 江口镇人民政府 的联络员身份");
    expect((await liaisonRows(deps, 8301))[0]).toMatchObject({ active: false, removedReason: "left" });
    await post(textUpdate(8301, "/leave"));
    expect(sentTexts(calls, 8301).at(-1)).toContain("您目前不是任何单位的联络员");
  });

  it("/duties lists open duties by due date; the liaison marks one done and attaches a document; another chat cannot", async () => {
    const { deps, calls, post } = setup();
    const campaign = await startCampaign(deps, { template: "hengnan-2018", jurisdictionCode: "430422", figuresDueDay: 5, actor: "staff:li" });
    const invite = await createInvite(deps, { unit: "430422106:township", actor: "staff:li" });
    await post(textUpdate(8401, `/start ${invite.token}`));
    const [liaison] = await liaisonRows(deps, 8401);

    await post(textUpdate(8401, "/duties"));
    const list = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 8401).at(-1)!;
    const lines = String(list.payload.text).split("\n");
    expect(lines[0]).toContain("共 9 项");
    expect(lines[1]).toBe("· 2018-06-15 截止｜强执法防事故行动实施方案｜宝盖镇人民政府");
    expect(lines[2]).toContain("2018-06-20 截止｜动员部署");
    expect(lines[3]).toContain("2018-07-05 截止｜安全监管“强执法防事故”行动情况月报表 (2018-06)");
    const plan = (
      await deps.db
        .select()
        .from(obligations)
        .where(and(eq(obligations.campaignId, campaign.campaignId), eq(obligations.unitId, liaison.unitId), eq(obligations.code, "implementation_plan")))
    )[0];
    const figures = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.campaignId, campaign.campaignId), eq(obligations.unitId, liaison.unitId), eq(obligations.kind, "figures")));
    const data = buttons(list.payload).map((b) => b.callback_data);
    expect(data[0]).toBe(`obl:done:${plan.id}`);
    expect(data.some((d) => figures.some((f) => d === `obl:done:${f.id}`))).toBe(false); // the form is filed with /figures

    // A liaison of another unit, and a stranger, cannot close it.
    const other = await createInvite(deps, { unit: "430422107:township", actor: "staff:li" });
    await post(textUpdate(8402, `/start ${other.token}`));
    await post(callbackUpdate(8402, `obl:done:${plan.id}`));
    await post(callbackUpdate(8403, `obl:done:${plan.id}`));
    expect(sentTexts(calls, 8402).at(-1)).toContain("您不是该事项所属单位的联络员");
    expect(sentTexts(calls, 8403).at(-1)).toContain("您不是该事项所属单位的联络员");
    expect((await deps.db.select().from(obligations).where(eq(obligations.id, plan.id)))[0].status).toBe("open");

    await post(callbackUpdate(8401, `obl:done:${plan.id}`));
    expect(sentTexts(calls, 8401).at(-1)).toContain("已记录完成：强执法防事故行动实施方案（宝盖镇人民政府）");
    expect(calls.filter((c) => c.method === "answerCallbackQuery").length).toBeGreaterThanOrEqual(3);
    const [done] = await deps.db.select().from(obligations).where(eq(obligations.id, plan.id));
    expect(done).toMatchObject({ status: "done", doneBy: `liaison:${liaison.id}` });
    expect(done.doneAt?.getTime()).toBe(now.getTime());

    // A download that fails keeps the duty waiting; the second try is stored byte for byte.
    await post(documentUpdate(8401, "BQACAgUAAxkBAAIB-missing", "实施方案.pdf"));
    expect(sentTexts(calls, 8401).at(-1)).toContain("未能保存该文件");
    const pdf = new TextEncoder().encode("%PDF-1.4\n% 强执法防事故行动实施方案\n%%EOF\n");
    api.files.set("documents/BQACAgUAAxkBAAIB-plan", pdf);
    await post(documentUpdate(8401, "BQACAgUAAxkBAAIB-plan", "实施方案.pdf"));
    expect(sentTexts(calls, 8401).at(-1)).toContain("已收到材料");
    const [doc] = await deps.db.select().from(obligationDocuments).where(eq(obligationDocuments.obligationId, plan.id));
    expect(doc).toMatchObject({
      liaisonId: liaison.id,
      telegramFileId: "BQACAgUAAxkBAAIB-plan",
      fileName: "实施方案.pdf",
      mimeType: "application/pdf",
      size: pdf.byteLength,
    });
    expect(Buffer.from(doc.body!).equals(Buffer.from(pdf))).toBe(true);
    expect(doc.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect((await deps.db.select().from(obligations).where(eq(obligations.id, plan.id)))[0].documentAttachmentId).toBe(doc.id);
    const [attached] = await deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "obligation.document_attached"), eq(auditLog.entityId, String(plan.id))));
    expect(attached.after).toMatchObject({
      documentId: doc.id,
      fileName: "实施方案.pdf",
      mimeType: "application/pdf",
      size: pdf.byteLength,
      sha256: doc.sha256,
    });

    // Only the first document after "done" belongs to the duty; pressing done again says so.
    await post(callbackUpdate(8401, `obl:done:${plan.id}`));
    expect(sentTexts(calls, 8401).at(-1)).toContain("已标记为完成");
    await post(callbackUpdate(8401, `obl:done:${figures[0].id}`));
    expect(sentTexts(calls, 8401).at(-1)).toContain("/figures");
    await post(textUpdate(8401, "/duties"));
    expect(sentTexts(calls, 8401).at(-1)).toContain("共 8 项");
  });

  it("marking a late duty says so; 'No document' forgets the pending upload", async () => {
    const { deps, calls, post } = setup();
    // A campaign of its own (the county's departments only), so this test needs no other test's data.
    const campaign = await startCampaign(deps, {
      template: {
        code: "late-check",
        nameZh: "测试行动",
        nameEn: "Test",
        source: "test",
        issuerLevel: "county",
        defaultIssuer: "430422",
        year: 2018,
        startsOn: "06-01",
        endsOn: "12-31",
        obligations: [
          {
            code: "deployment",
            kind: "deliverable",
            titleZh: "动员部署",
            titleEn: "Deployment",
            basis: "test",
            due: { on: "06-20" },
            assignees: [{ level: "issuer", kind: "department" }],
          },
        ],
      },
      jurisdictionCode: "430422",
      actor: "staff:li",
    });
    const invite = await createInvite(deps, { unit: "430422:emergency", actor: "staff:li" });
    await post(textUpdate(8501, `/start ${invite.token}`));
    const [liaison] = await liaisonRows(deps, 8501);
    const [deployment] = await deps.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.campaignId, campaign.campaignId), eq(obligations.unitId, liaison.unitId)));
    const before = now;
    now = new Date("2018-06-21T02:00:00Z"); // due 2018-06-20
    await post(callbackUpdate(8501, `obl:done:${deployment.id}`));
    now = before;
    const reply = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === 8501).at(-1)!;
    expect(String(reply.payload.text)).toContain("已超过截止日期 2018-06-20");
    expect(buttons(reply.payload).map((b) => b.callback_data)).toEqual(["obl:nodoc"]);
    await post(callbackUpdate(8501, "obl:nodoc"));
    expect(sentTexts(calls, 8501).at(-1)).toContain("不附材料");
    const sentBefore = sentTexts(calls, 8501).length;
    await post(documentUpdate(8501, "BQAC-late", "x.pdf"));
    expect(
      sentTexts(calls, 8501)
        .slice(sentBefore)
        .some((t) => t.includes("已收到材料")),
    ).toBe(false);
    expect(
      await deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "obligation.document_attached"), eq(auditLog.entityId, String(deployment.id)))),
    ).toHaveLength(0);
    expect(await deps.db.select().from(obligationDocuments).where(eq(obligationDocuments.obligationId, deployment.id))).toHaveLength(0);

    // A photo sent as a document loses its GPS and camera metadata before it is stored.
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#36c" } })
      .jpeg()
      .withExif({ IFD0: { Make: "LeakyPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "26/1 56/1 0/1" } })
      .toBuffer();
    api.files.set("documents/BQAC-photo", new Uint8Array(photo));
    await deps.db.update(obligations).set({ status: "open", doneAt: null, doneBy: null }).where(eq(obligations.id, deployment.id));
    await post(callbackUpdate(8501, `obl:done:${deployment.id}`));
    await post(documentUpdate(8501, "BQAC-photo", "现场.jpg", "image/jpeg", photo.byteLength));
    expect(sentTexts(calls, 8501).at(-1)).toContain("已收到材料");
    const [img] = await deps.db.select().from(obligationDocuments).where(eq(obligationDocuments.obligationId, deployment.id));
    expect(img).toMatchObject({ mimeType: "image/jpeg", fileName: "现场.jpg" });
    const meta = await sharp(Buffer.from(img.body!)).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Buffer.from(img.body!).includes("LeakyPhone")).toBe(false);
    expect(img.sha256).toBe(createHash("sha256").update(img.body!).digest("hex"));
  });

  it("/phone stores the liaison's own number encrypted (audit without it); a liaison without Telegram gets the reminder by SMS through the outbox", async () => {
    // A local SMS gateway (the generic provider) records what the outbox dispatcher sends.
    const smsSent: { to: string; text: string }[] = [];
    const gateway: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        smsSent.push(JSON.parse(body));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `sms-${smsSent.length}` }));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    try {
      const { deps, calls, post } = setup({
        SMS_PROVIDER: "generic",
        SMS_GATEWAY_SECRET: "gw-secret",
        SMS_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
      });
      await post(textUpdate(8601, "/phone 13800138000"));
      expect(sentTexts(calls, 8601).at(-1)).toContain("您目前不是任何单位的联络员");
      const invite = await createInvite(deps, { unit: "430422108:township", actor: "staff:li" });
      await post(textUpdate(8601, `/start ${invite.token}`));
      await post(textUpdate(8601, "/phone 12345"));
      expect(sentTexts(calls, 8601).at(-1)).toContain("不是有效的中国大陆手机号");
      await post(textUpdate(8601, "/phone +86 139-0013-8000"));
      expect(sentTexts(calls, 8601).at(-1)).toContain("已保存手机号 +86139****8000");
      const [row] = await liaisonRows(deps, 8601);
      expect(deps.crypto.decrypt(row.phoneEnc!)).toBe("+8613900138000");
      const audits = await deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "liaison.phone_set"), eq(auditLog.entityId, String(row.id))));
      expect(audits).toHaveLength(1);
      expect(JSON.stringify(audits[0])).not.toContain("8000");

      // Staff set the phone of a liaison who has no Telegram (the CLI's verb), then a deliverable falls due.
      const [smsOnly] = await deps.db.insert(liaisons).values({ unitId: row.unitId }).returning();
      const { setLiaisonPhone } = await import("../../src/app/liaisons/set-liaison-phone.js");
      expect(await setLiaisonPhone(deps, { liaisonId: smsOnly.id, phone: "13700137000", actor: "staff:li" })).toMatchObject({
        ok: true,
        phone: "+8613700137000",
      });
      const [c] = await deps.db
        .insert(campaigns)
        .values({
          name: "短信测试行动",
          issuingJurisdictionCode: "430422",
          startsOn: "2018-06-01",
          endsOn: "2018-12-31",
          createdBy: "test",
        })
        .returning({ id: campaigns.id });
      const [duty] = await deps.db
        .insert(obligations)
        .values({
          campaignId: c.id,
          unitId: row.unitId,
          kind: "deliverable",
          code: "phone-check",
          title: "短信测试事项",
          period: "",
          dueOn: "2018-06-20",
        })
        .returning();
      const before = now;
      now = shanghaiInstant("2018-06-15", "09:00"); // Friday, 3 working days before
      try {
        await planReminders(deps);
        const sent = await sendDueReminders(deps);
        expect(sent.messages).toBeGreaterThanOrEqual(2);
        // The outbox stamps rows with the database's time, so the dispatcher runs on the real clock.
        await drainOutbox({ ...deps, clock: () => new Date() }, { maxMs: 10_000 });
      } finally {
        now = before;
      }
      const mine = smsSent.filter((m) => m.text.includes("短信测试事项"));
      expect(mine.map((m) => m.to).sort()).toEqual(["+8613700137000"]); // the Telegram liaison gets Telegram, not SMS
      // The duty's reminder made one Telegram and one SMS outbox row, and the dispatcher sent both.
      const [rem] = await deps.db.select().from(reminders).where(eq(reminders.obligationId, duty.id));
      const rowsOut = await deps.db
        .select()
        .from(outbox)
        .where(inArray(outbox.id, rem.outboxIds as number[]));
      expect(rowsOut.map((o) => [o.channel, o.status, o.dedupeKey]).sort()).toEqual([
        ["sms", "sent", `reminder:${rem.id}:liaison:${smsOnly.id}`],
        ["telegram", "sent", `reminder:${rem.id}:liaison:${row.id}`],
      ]);
    } finally {
      await new Promise<void>((r) => gateway.close(() => r()));
    }
  });
});
