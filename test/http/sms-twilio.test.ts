import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { conversations, inboundDedupe, outbox, tipEvents, tips } from "../../src/db/schema.js";
import { smsSize } from "../../src/domain/sms-text.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { unreachableDb } from "./sms-support.js";
import { testDeps } from "../support/deps.js";

const PUBLIC_URL = "https://jubao.example.org";
const TOKEN = "twilio-auth-token-0123456789";
const ENV = { PUBLIC_URL, TWILIO_AUTH_TOKEN: TOKEN };

/** Twilio's algorithm, written out here independently of the code under test. */
function sign(url: string, params: Record<string, string>, token = TOKEN): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join("");
  return createHmac("sha1", token).update(Buffer.from(data, "utf-8")).digest("base64");
}

let sid = 0;
function twilioParams(from: string, body: string, messageSid = `SM${String(++sid).padStart(32, "0")}`): Record<string, string> {
  return {
    AccountSid: "AC00000000000000000000000000000000",
    ApiVersion: "2010-04-01",
    Body: body,
    From: from,
    FromCountry: "CN",
    MessageSid: messageSid,
    NumMedia: "0",
    SmsSid: messageSid,
    To: "+15550001111",
  };
}

function messageOf(xml: string): string {
  const m = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  return (m?.[1] ?? "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

const count = async (deps: Deps, table: typeof tips | typeof inboundDedupe | typeof tipEvents) =>
  Number((await deps.db.select({ n: sql<number>`count(*)` }).from(table))[0].n);

describe.each(DB_KINDS)("POST /sms/twilio on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: ENV });
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const post = (params: Record<string, string>, signature: string | null = sign(`${PUBLIC_URL}/sms/twilio`, params), headers: Record<string, string> = {}) =>
    app.request("/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}), ...headers },
      body: new URLSearchParams(params).toString(),
    });

  let receipt: { code: string; secret: string; phone: string };

  it("stores a one-SMS tip and answers with a TwiML receipt that fits one 70-character segment", async () => {
    const phone = "+8613800138001";
    // A standing defect with nobody said to be there: not "possible" danger, so the receipt asks nothing.
    const res = await post(twilioParams(phone, "南宁市兴宁区一家商场把消防通道和安全出口都堵死了"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml[^>]*\?><Response><Message>[\s\S]+<\/Message><\/Response>$/);
    const reply = messageOf(xml);
    const m = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(reply);
    expect(m, reply).not.toBeNull();
    receipt = { code: m![1], secret: m![2], phone };
    expect(reply).toContain("南宁市消防救援支队");
    expect(smsSize(reply)).toMatchObject({ encoding: "ucs2", segments: 1 });
    expect(reply.length).toBeLessThanOrEqual(70);

    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, receipt.code));
    expect(tip).toMatchObject({ channel: "sms", locale: "zh-CN", jurisdictionCode: "450102" });
    expect(deps.crypto.verifyHash("receipt-secret", receipt.secret, tip.secretHash)).toBe(true);
    expect(JSON.parse(deps.crypto.decrypt(tip.reporterContactEnc!))).toMatchObject({ channel: "sms", address: phone });
    expect(JSON.stringify(tip)).not.toContain("13800138001");
    // The receipt went back in the TwiML: nothing is queued for the reporter, so it arrives exactly once.
    const queued = await deps.db.select().from(outbox);
    expect(queued.map((o) => deps.crypto.decrypt(o.recipientEnc))).not.toContain(phone);
  });

  it("refuses unsigned, forged, re-targeted and tampered requests with 403 and stores nothing", async () => {
    const tipsBefore = await count(deps, tips);
    const dedupeBefore = await count(deps, inboundDedupe);
    const params = twilioParams("+8613800138002", "南宁市兴宁区某工地塔吊没有安全检查，工人没有安全帽");
    expect((await post(params, null)).status).toBe(403);
    expect((await post(params, sign(`${PUBLIC_URL}/sms/twilio`, params, "wrong-token"))).status).toBe(403);
    expect((await post(params, sign(`${PUBLIC_URL}/sms/inbound`, params))).status).toBe(403);
    expect(await post(params, "not base64 at all")).toMatchObject({ status: 403 });
    const signed = sign(`${PUBLIC_URL}/sms/twilio`, params);
    expect((await post({ ...params, Body: params.Body + "!" }, signed)).status).toBe(403);
    expect(await count(deps, tips)).toBe(tipsBefore);
    expect(await count(deps, inboundDedupe)).toBe(dedupeBefore);
  });

  it("processes a redelivered MessageSid once and gives it the same reply", async () => {
    const params = twilioParams("+8613800138003", "南宁市兴宁区化工厂仓库里堆满了危险化学品，没有人看管");
    const before = await count(deps, tips);
    // Twilio may redeliver while the first delivery is still being handled.
    const reply = async () => (await post(params)).text();
    const [first, second] = await Promise.all([reply(), reply()]);
    const third = await (await post(params)).text();
    expect(messageOf(first)).toMatch(/查询码/);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await count(deps, tips)).toBe(before + 1);
  });

  it("asks where when the SMS names no place, then stores the tip with the next SMS as the place", async () => {
    const phone = "+86 138-0013-8004";
    const before = await count(deps, tips);
    const asked = messageOf(await (await post(twilioParams(phone, "有家火锅店把消防通道堵死了，晚上人很多很危险"))).text());
    expect(asked).toContain("地点");
    expect(smsSize(asked).segments).toBe(1);
    expect(await count(deps, tips)).toBe(before);
    const key = "sms:" + deps.crypto.hash("sms-phone", "+8613800138004");
    const [draft] = await deps.db.select().from(conversations).where(eq(conversations.key, key));
    expect(draft.state).toMatchObject({ step: "place" });
    expect(JSON.stringify(draft)).not.toContain("13800138004");

    const done = messageOf(await (await post(twilioParams("+8613800138004", "南宁市兴宁区"))).text());
    const code = /查询码([A-Z0-9-]{11})/.exec(done)?.[1];
    expect(code, done).toBeDefined();
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code!));
    expect(tip).toMatchObject({ text: "有家火锅店把消防通道堵死了，晚上人很多很危险", placeText: "南宁市兴宁区", jurisdictionCode: "450102" });
    expect(await deps.db.select().from(conversations).where(eq(conversations.key, key))).toHaveLength(0);
  });

  it("asks for more when the SMS is too short, and 取消 drops the draft", async () => {
    const phone = "+8613800138005";
    expect(messageOf(await (await post(twilioParams(phone, "着火了"))).text())).toContain("至少10个字");
    expect(messageOf(await (await post(twilioParams(phone, "取消"))).text())).toContain("已取消");
    expect(messageOf(await (await post(twilioParams(phone, "取消"))).text())).toContain("没有进行中");
  });

  it("answers 查询 and STATUS with the status, 补充 adds information, a wrong secret is refused", async () => {
    const before = await count(deps, tipEvents);
    const zh = messageOf(await (await post(twilioParams(receipt.phone, `查询 ${receipt.code} ${receipt.secret}`))).text());
    expect(zh).toBe(`${receipt.code}：已收到，待受理`);
    const spaced = receipt.secret.toLowerCase().replace(/-/g, " ");
    const en = messageOf(await (await post(twilioParams("+447700900123", `status ${receipt.code} ${spaced}`))).text());
    expect(en).toBe(`${receipt.code}: received, awaiting acceptance`);
    const wrong = messageOf(await (await post(twilioParams(receipt.phone, `查询 ${receipt.code} ${"2".repeat(24)}`))).text());
    expect(wrong).toContain("查询码或密钥不对");

    const added = messageOf(await (await post(twilioParams(receipt.phone, `补充 ${receipt.code} ${receipt.secret} 今晚又把安全出口锁上了`))).text());
    expect(added).toBe(`已补充到${receipt.code}，承办单位会看到`);
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, receipt.code));
    const events = await deps.db.select().from(tipEvents).where(eq(tipEvents.tipId, tip.id));
    expect(events.find((e) => e.kind === "reporter_info")?.data).toMatchObject({ channel: "sms", text: "今晚又把安全出口锁上了" });
    expect(await count(deps, tipEvents)).toBe(before + 1);
  });

  it("shows the latest staff reply in the status, shortened to one segment", async () => {
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, receipt.code));
    await deps.db.insert(tipEvents).values({
      tipId: tip.id,
      kind: "staff_message",
      actor: "staff:1",
      public: true,
      data: { text: "我们已派人到现场检查，发现消防通道确实被堵塞，已责令立即整改，并将在一周后复查整改情况，请放心。" },
    });
    const reply = messageOf(await (await post(twilioParams(receipt.phone, `查询 ${receipt.code} ${receipt.secret}`))).text());
    expect(reply.startsWith(`${receipt.code}：已收到，待受理。答复：我们已派人`)).toBe(true);
    expect(reply.length).toBeLessThanOrEqual(70);
    expect(reply.endsWith("…")).toBe(true);
  });

  it("answers an English SMS in English, keeping the language through the 'where?' step", async () => {
    const phone = "+447700900124";
    const asked = messageOf(await (await post(twilioParams(phone, "The shopping mall locked every fire exit & the stairs are full of boxes <urgent>"))).text());
    expect(asked).toMatch(/^Got it\. Where is this\?/);
    const done = messageOf(await (await post(twilioParams(phone, "南宁市兴宁区"))).text());
    expect(done).toMatch(/^Tip received/);
    const code = /Code ([A-Z0-9-]{11})/.exec(done)![1];
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code));
    expect(tip).toMatchObject({ locale: "en", text: "The shopping mall locked every fire exit & the stairs are full of boxes <urgent>" });
    expect(smsSize(done).encoding).toBe("gsm7");
  });

  it("is not subject to CSRF checks: a cross-site form post from Twilio is accepted", async () => {
    const res = await post(twilioParams("+8613800138006", "帮助"), undefined, { origin: "https://evil.example" });
    expect(res.status).toBe(200);
    expect(messageOf(await res.text())).toContain("查询 查询码 密钥");
  });

  it("keeps nothing when handling fails after the tip was written, so Twilio's resend is stored once", async () => {
    const params = twilioParams("+8613800138008", "南宁市兴宁区有个加油站旁边有人违规卖散装汽油");
    const tipsBefore = await count(deps, tips);
    const dedupeBefore = await count(deps, inboundDedupe);
    // Fails at the last step inside the transaction (composing the receipt), after submitTip's inserts.
    const failing = {
      ...deps.i18n,
      t: (l: string, k: string, v?: Record<string, string | number>) => {
        if (k.startsWith("sms-receipt")) throw new Error("boom");
        return deps.i18n.t(l, k, v);
      },
    };
    const failingApp = createApp({ deps: { ...deps, i18n: failing } });
    const res = await failingApp.request("/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": sign(`${PUBLIC_URL}/sms/twilio`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    expect(messageOf(await res.text())).toBe("系统繁忙，本条短信未能保存，请稍后重发");
    expect(await count(deps, tips)).toBe(tipsBefore);
    expect(await count(deps, inboundDedupe)).toBe(dedupeBefore);
    const retry = messageOf(await (await post(params)).text());
    expect(retry).toMatch(/查询码/);
    expect(await count(deps, tips)).toBe(tipsBefore + 1);
  });

  it("answers 200 TwiML asking to resend later when the database is down, and stores nothing", async () => {
    const goneApp = createApp({ deps: testDeps(await unreachableDb(kind), { env: ENV }) });
    const params = twilioParams("+8613800138007", "南宁市兴宁区工地脚手架没有防护网，随时可能坠落");
    const res = await goneApp.request("/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": sign(`${PUBLIC_URL}/sms/twilio`, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(res.status).toBe(200);
    expect(messageOf(await res.text())).toBe("系统繁忙，本条短信未能保存，请稍后重发");
  });
});
