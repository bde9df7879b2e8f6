import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { harness } from "../bot/report-harness.js";

const SMS_SECRET = "gateway-shared-secret-channels";

/**
 * One description typed badly: stray spaces, tabs and ideographic spaces, a zero-width space, a bidi
 * override, a bell, Windows line breaks, four empty lines and a decomposed é. Every channel must store
 * it as the same bytes (issue 11 item 2: one cleaner, applied by submitTip itself).
 */
const MESSY = "  南宁市兴宁区\u200b朝阳路商场把消防通道\u202e堵死了 \r\n\r\n\r\n\r\n三楼\u0007也是  \t\u3000 Cafe\u0301 人很多  ";
const CLEAN = "南宁市兴宁区朝阳路商场把消防通道堵死了\n\n三楼也是 Café 人很多";

describe.each(DB_KINDS)("the same messy text by bot, form, API and SMS on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { SMS_GATEWAY_SECRET: SMS_SECRET } });
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const storedText = async (code: string) => (await deps.db.select({ text: tips.text }).from(tips).where(eq(tips.trackingCode, code)))[0]?.text;

  async function byBot(): Promise<string | undefined> {
    const chatId = 71_311;
    const h = harness(database, chatId);
    for (const step of [
      () => h.say("/report"),
      () => h.press("rp:s:fire_safety"),
      () => h.press("rp:p:skip"),
      () => h.press("rp:e:skip"),
      () => h.say(MESSY),
      () => h.press("rp:f:done"),
      () => h.press("rp:u:no"),
      () => h.press("rp:c:anon"),
      () => h.press("rp:r:submit"),
    ]) {
      expect((await step()).status).toBe(200);
    }
    const rows = await deps.db
      .select({ text: tips.text })
      .from(tips)
      .where(eq(tips.reporterChannelHash, deps.crypto.hash("reporter:telegram", String(chatId))));
    expect(rows).toHaveLength(1);
    return rows[0].text;
  }

  async function byForm(): Promise<string | undefined> {
    const res = await app.request("/tips", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ text: MESSY, county: "450102" }).toString(),
    });
    expect(res.status).toBe(200);
    return storedText(/id="tracking-code">([^<]+)</.exec(await res.text())![1]);
  }

  async function byApi(): Promise<string | undefined> {
    const res = await app.request("/api/v1/tips", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: MESSY }) });
    expect(res.status).toBe(201);
    return storedText(((await res.json()) as { trackingCode: string }).trackingCode);
  }

  async function bySms(): Promise<string | undefined> {
    const body = JSON.stringify({ from: "+8613900139311", text: MESSY, id: "gw-channels-1", receivedAt: "2024-05-01T08:00:00Z" });
    const res = await app.request("/sms/inbound", {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", SMS_SECRET).update(body).digest("hex") },
      body,
    });
    expect(res.status).toBe(200);
    const { reply } = (await res.json()) as { reply: string };
    return storedText(/查询码([A-Z0-9-]{11})/.exec(reply)![1]);
  }

  it("stores identical bytes whichever channel it came by", async () => {
    const stored = { bot: await byBot(), form: await byForm(), api: await byApi(), sms: await bySms() };
    const bytes = Object.fromEntries(Object.entries(stored).map(([channel, text]) => [channel, Buffer.from(text ?? "", "utf8").toString("hex")]));
    const expected = Buffer.from(CLEAN, "utf8").toString("hex");
    expect(bytes).toEqual({ bot: expected, form: expected, api: expected, sms: expected });
  });
});
