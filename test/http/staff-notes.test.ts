import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { checkStatus } from "../../src/app/tips/check-status.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { statusReply } from "../../src/app/sms/sms-replies.js";
import { auditLog, outbox, tipEvents } from "../../src/db/schema.js";
import { createApp } from "../../src/http/app.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { harness } from "../bot/report-harness.js";
import { login, makeStaff, post } from "./admin-support.js";

const NOTE_ACCEPT = "内部：老板是熟人，先别声张";
const NOTE_INVESTIGATE = "内部：下周一突击检查";
const MESSAGE = "我们已安排执法人员核查，请保持电话畅通";

/**
 * Item #12.2: what staff type as an internal note never reaches the reporter on any channel; what they
 * type as a message does; and the reporter's history names each step once ("已受理", "正在核查",
 * "工作人员留言"), never a status name for a staff message.
 */
describe.each(DB_KINDS)("internal notes and messages to the reporter (%s)", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database);
    app = createApp({ deps });
    await makeStaff(deps, { username: "nn_notes", role: "committee", jurisdictionCode: "450100" });
    session = await login(app, "nn_notes");
  });
  afterAll(async () => database?.close());

  const act = async (tipId: number, action: string, form: Record<string, string>) => {
    const res = await post(app, `/admin/tips/${tipId}/${action}`, { _csrf: session.csrf, ...form }, session.cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain(`done=${action}`);
  };
  const apiStatus = async (trackingCode: string, secret: string) => {
    const res = await app.request("/api/v1/tips/status", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode, secret }),
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ status: string; history: { kind: string; event: string; status: string | null; text: string | null }[] }>;
  };

  it("keeps notes with staff and sends messages, on every channel the reporter reads", async () => {
    const tip = await submitTip(deps, {
      channel: "telegram",
      text: "兴宁区一家商场把消防通道和安全出口都锁上了",
      place: "南宁市兴宁区",
      reporter: { address: "733001" },
    });
    const form = await (await app.request(`/admin/tips/${tip.tipId}`, { headers: { Cookie: session.cookie } })).text();
    const acceptForm = /<form[^>]*id="form-accept"[\s\S]*?<\/form>/.exec(form)![0];
    expect(acceptForm).toContain("给举报人的留言（选填；举报人会看到");
    expect(acceptForm).toContain("内部备注（仅工作人员可见，不会告知举报人）");

    await act(tip.tipId, "accept", { note: NOTE_ACCEPT, message: MESSAGE });
    await act(tip.tipId, "investigate", { note: NOTE_INVESTIGATE });
    await act(tip.tipId, "message", { text: "请问现场还有其他出口被锁吗？" });

    // JSON API: event names, a status only where it changed, the message and never a note.
    const api = await apiStatus(tip.trackingCode, tip.secret);
    expect(api.history.map((e) => [e.event, e.status, e.text])).toEqual([
      ["received", null, null],
      ["accepted", "accepted", MESSAGE],
      ["investigating", "investigating", null],
      ["staff_message", null, "请问现场还有其他出口被锁吗？"],
    ]);
    expect(JSON.stringify(api)).not.toContain("内部");

    // /track: one name per step.
    const track = await (await app.request("/track", { method: "POST", body: new URLSearchParams({ code: tip.trackingCode, secret: tip.secret }) })).text();
    const steps = [...track.matchAll(/<li><time>[^<]*<\/time><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(steps).toEqual(["举报已接收", "已受理", "正在核查", "工作人员留言"]);
    expect(track).toContain(MESSAGE);
    expect(track).not.toContain("内部");
    const trackEn = await (
      await app.request("/track?lang=en", { method: "POST", body: new URLSearchParams({ code: tip.trackingCode, secret: tip.secret, lang: "en" }) })
    ).text();
    expect([...trackEn.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1])).toEqual(
      expect.arrayContaining(["Accepted", "Under verification", "Message from staff"]),
    );

    // SMS 查询 reply and Telegram /status.
    const status = await checkStatus(deps, { trackingCode: tip.trackingCode, secret: tip.secret });
    if (!status.ok) throw new Error("receipt refused");
    expect(statusReply(deps.i18n, "zh-CN", status.tip)).not.toContain("内部");
    const h = harness(database, 733_002);
    await h.say(`/status ${tip.trackingCode} ${tip.secret}`);
    const shown = h.texts().at(-1)!;
    expect(shown).toContain("已受理：我们已安排执法人员核查");
    expect(shown).toContain("正在核查");
    expect(shown).toContain("工作人员留言：请问现场");
    expect(shown).not.toContain("内部");

    // The reporter's Telegram chat got the acceptance with the message and without the note.
    const rows = await deps.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `tip:${tip.tipId}:%`));
    const texts = rows
      .filter((r) => deps.crypto.decrypt(r.recipientEnc) === "733001")
      .map((r) => JSON.parse(deps.crypto.decrypt(r.payloadEnc!)).text as string);
    expect(texts.find((t) => t.includes("已受理，将于"))).toContain(`工作人员留言：${MESSAGE}`);
    expect(texts.join("\n")).not.toContain("内部");

    // Staff still have the notes: on the tip page, marked, and in the audit trail.
    const page = await (await app.request(`/admin/tips/${tip.tipId}`, { headers: { Cookie: session.cookie } })).text();
    expect(page).toContain(`<b>内部备注: </b>${NOTE_ACCEPT}`);
    expect(page).toContain(`<b>内部备注: </b>${NOTE_INVESTIGATE}`);
    expect(page).toContain(`<b>给举报人的留言: </b>${MESSAGE}`);
    const audits = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(tip.tipId)));
    expect(audits.map((a) => a.reason)).toEqual(expect.arrayContaining([NOTE_ACCEPT, NOTE_INVESTIGATE]));
  });

  it("not accepting: the reason is told, the note is not", async () => {
    const tip = await submitTip(deps, { channel: "web", text: "兴宁区邻居家装修噪音太大，晚上也不停", place: "南宁市兴宁区" });
    const page = await (await app.request(`/admin/tips/${tip.tipId}`, { headers: { Cookie: session.cookie } })).text();
    expect(/<form[^>]*id="form-reject"[\s\S]*?<\/form>/.exec(page)![0]).toContain("不予受理的理由（会告知举报人）");
    await act(tip.tipId, "reject", { reason: "噪音扰民不属于安全生产举报范围，请拨打 12345", note: "内部：已电话转 12345" });
    const api = await apiStatus(tip.trackingCode, tip.secret);
    expect(api.history.at(-1)).toMatchObject({ event: "not_accepted", status: "not_accepted", text: "噪音扰民不属于安全生产举报范围，请拨打 12345" });
    expect(JSON.stringify(api)).not.toContain("内部");
  });

  it("a merge reason stays with staff; the merged reporter reads only the step", async () => {
    const a = await submitTip(deps, { channel: "web", text: "兴宁区工地塔吊司机无证上岗，吊装时没有指挥", place: "南宁市兴宁区" });
    const b = await submitTip(deps, { channel: "web", text: "兴宁区那个工地的塔吊司机没有证，吊东西没人指挥", place: "南宁市兴宁区" });
    await act(b.tipId, "merge", { intoTipId: a.trackingCode, reason: `内部：与 ${a.trackingCode} 同一工地` });
    const api = await apiStatus(b.trackingCode, b.secret);
    expect(api.history.at(-1)).toMatchObject({ event: "merged", status: "merged", text: null });
    expect(JSON.stringify(api)).not.toContain(a.trackingCode);
  });

  it("events stored before the split keep showing the 备注 reporters already read", async () => {
    const tip = await submitTip(deps, { channel: "web", text: "兴宁区一个仓库堆满了烟花爆竹，旁边就是居民楼", place: "南宁市兴宁区" });
    // As acceptTip wrote it before: the note in `reason` of a public event.
    await deps.db.insert(tipEvents).values({
      tipId: tip.tipId,
      kind: "accepted",
      actor: "staff:1",
      reason: "已联系属地核实",
      data: { from: "received", to: "accepted", verifyBy: "2026-02-01" },
      public: true,
    });
    const api = await apiStatus(tip.trackingCode, tip.secret);
    expect(api.history.at(-1)).toMatchObject({ event: "accepted", text: "已联系属地核实" });
  });
});
