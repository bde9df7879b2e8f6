import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { conversations, tipAttachments, tips } from "../../src/db/schema.js";
import { startReport, cancelReport } from "../../src/app/report/start-report.js";
import { reportTurn, type ReportTurnInput } from "../../src/app/report/report-turn.js";
import { reportKey } from "../../src/app/report/report-conversation.js";
import type { ReportReply } from "../../src/app/report/report-view.js";
import type { Deps } from "../../src/app/deps.js";
import type { DownloadFile } from "../../src/app/tips/chat-attachment.js";
import { MAX_ATTACHMENTS_PER_TIP } from "../../src/domain/tip-input.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/** The report conversation driven through its verbs alone: no bot, no Telegram. */
describe.each(DB_KINDS)("the report conversation's verbs on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const noDownload: DownloadFile = async () => {
    throw new Error("no files expected");
  };
  const turn = (chatId: number, input: ReportTurnInput["input"], download: DownloadFile = noDownload) =>
    reportTurn(deps, { chatId, locale: "zh-CN", input }, download);
  const press = (chatId: number, step: string, action: string, arg?: string) => turn(chatId, { kind: "button", step: step as never, action, arg });
  const stepOf = (r: ReportReply) => (r.kind === "prompt" ? r.view.state.step : r.kind);

  it("starts, resumes, walks the steps and submits; files are fetched before the conversation is closed", async () => {
    const chatId = 82_001;
    expect(await turn(chatId, { kind: "text", text: "hello" })).toEqual({ kind: "none" });
    const first = await startReport(deps, { chatId });
    expect(first).toMatchObject({ kind: "prompt", view: { notice: { key: "report-intro" }, state: { step: "sector" } } });
    expect(await startReport(deps, { chatId })).toMatchObject({ kind: "prompt", view: { notice: { key: "report-resume" } } });

    const place = await press(chatId, "sector", "fire_safety");
    expect(place.kind === "prompt" && place.view.level?.children.some((c) => c.code === "450100")).toBe(true);
    expect(stepOf(await press(chatId, "place", "ok", "450102"))).toBe("enterprise");
    expect(stepOf(await press(chatId, "enterprise", "skip"))).toBe("text");
    expect(await turn(chatId, { kind: "text", text: "太短" })).toMatchObject({ view: { notice: { key: "report-text-too-short" }, state: { step: "text" } } });
    expect(stepOf(await turn(chatId, { kind: "text", text: "商场把消防通道和安全出口都堵死了，晚上人很多" }))).toBe("files");
    for (let i = 0; i < MAX_ATTACHMENTS_PER_TIP; i++) {
      await turn(chatId, { kind: "file", file: { fileId: `f${i}`, kind: "photo", mimeType: "image/jpeg", size: 1000 } });
    }
    // One per tip beyond the limit is refused with the limit, on the bot as on every channel.
    expect(await turn(chatId, { kind: "file", file: { fileId: "f-extra", kind: "photo", mimeType: "image/jpeg", size: 1000 } })).toMatchObject({
      view: { notice: { key: "report-file-too-many", vars: { max: MAX_ATTACHMENTS_PER_TIP } } },
    });
    expect(stepOf(await press(chatId, "files", "done"))).toBe("urgent");
    expect(stepOf(await press(chatId, "urgent", "no"))).toBe("contact");
    expect(stepOf(await press(chatId, "contact", "anon"))).toBe("review");

    const jpeg = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } })
        .jpeg()
        .toBuffer(),
    );
    const fetched: { fileId: string; conversationOpen: boolean; tipsStored: number }[] = [];
    const download = async (fileId: string) => {
      // Outside the finish's transaction: the conversation is still open and nothing is stored yet.
      const open = await deps.db
        .select()
        .from(conversations)
        .where(eq(conversations.key, reportKey(deps, chatId)));
      const stored = await deps.db
        .select({ id: tips.id })
        .from(tips)
        .where(eq(tips.reporterChannelHash, deps.crypto.hash("reporter:telegram", String(chatId))));
      fetched.push({ fileId, conversationOpen: open.length === 1, tipsStored: stored.length });
      if (fileId === "f4") throw new Error("gone from Telegram");
      return jpeg;
    };
    const done = await turn(chatId, { kind: "button", step: "review", action: "submit" }, download);
    expect(done).toMatchObject({ kind: "submitted", urgent: false, droppedFiles: 1, unit: { name: expect.any(String) } });
    expect(fetched.map((f) => f.fileId)).toEqual(["f0", "f1", "f2", "f3", "f4"]);
    expect(fetched.every((f) => f.conversationOpen && f.tipsStored === 0)).toBe(true);
    const [tip] = await deps.db
      .select()
      .from(tips)
      .where(eq(tips.reporterChannelHash, deps.crypto.hash("reporter:telegram", String(chatId))));
    expect(tip).toMatchObject({ channel: "telegram", jurisdictionCode: "450102", anonymous: true });
    expect(await deps.db.select({ id: tipAttachments.id }).from(tipAttachments).where(eq(tipAttachments.tipId, tip.id))).toHaveLength(4);
    expect(
      await deps.db
        .select()
        .from(conversations)
        .where(eq(conversations.key, reportKey(deps, chatId))),
    ).toHaveLength(0);
    expect(await turn(chatId, { kind: "button", step: "review", action: "submit" })).toEqual({ kind: "none" });
  });

  it("keeps the contact sealed in the stored state and cancels whatever the version", async () => {
    const chatId = 82_002;
    await startReport(deps, { chatId });
    for (const [step, action] of [
      ["sector", "unsure"],
      ["place", "skip"],
      ["enterprise", "skip"],
    ])
      await press(chatId, step, action);
    await turn(chatId, { kind: "text", text: "仓库里堆放烟花爆竹，没有人看管，很危险" });
    for (const [step, action] of [
      ["files", "done"],
      ["urgent", "yes"],
      ["contact", "contact"],
    ])
      await press(chatId, step, action);
    const review = await turn(chatId, { kind: "text", text: "张三 13800138000" });
    expect(review).toMatchObject({ view: { state: { step: "consent", contact: "张三 13800138000" } } });
    const [row] = await deps.db
      .select()
      .from(conversations)
      .where(eq(conversations.key, reportKey(deps, chatId)));
    expect(JSON.stringify(row.state)).not.toContain("13800138000");
    expect(row.state).toHaveProperty("contactEnc");
    expect(await cancelReport(deps, { chatId })).toBe(true);
    expect(await cancelReport(deps, { chatId })).toBe(false);
  });
});
