import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import twilio from "twilio";
import { createApp } from "../../src/http/app.js";
import type { Deps } from "../../src/app/deps.js";
import { inboundDedupe, tips } from "../../src/db/schema.js";
import { twilioSignature, verifyTwilioSignature } from "../../src/adapters/sms/signatures.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * The Twilio side of the contract checked with Twilio's own helper library rather than a re-implementation:
 * the request is signed by twilio.getExpectedTwilioSignature, and our signer/verifier must agree with
 * twilio.validateRequest on arbitrary URLs and parameters.
 */
const PUBLIC_URL = "https://jubao.example.org";
const TOKEN = "twilio-official-auth-token-9876543210";
const URL_SMS = `${PUBLIC_URL}/sms/twilio`;

let sid = 0;
const params = (from: string, body: string): Record<string, string> => {
  const messageSid = `SM${String(++sid).padStart(32, "7")}`;
  return {
    AccountSid: "AC11111111111111111111111111111111",
    ApiVersion: "2010-04-01",
    Body: body,
    From: from,
    MessageSid: messageSid,
    NumMedia: "0",
    SmsSid: messageSid,
    To: "+15550002222",
  };
};

describe.each(DB_KINDS)("POST /sms/twilio signed by the twilio package on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { env: { PUBLIC_URL, TWILIO_AUTH_TOKEN: TOKEN } });
    app = createApp({ deps });
  });
  afterAll(async () => database?.close());

  const post = (p: Record<string, string>, signature: string) =>
    app.request("/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(p).toString(),
    });
  const counts = async () => [
    Number((await deps.db.select({ n: sql<number>`count(*)` }).from(tips))[0].n),
    Number((await deps.db.select({ n: sql<number>`count(*)` }).from(inboundDedupe))[0].n),
  ];

  it("accepts a request signed with twilio.getExpectedTwilioSignature and stores the tip", async () => {
    const p = params("+8613700137001", "南宁市兴宁区一家网吧把安全出口锁上了，里面有很多人 & <没人管>");
    const signature = twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, p);
    // The header we send is one Twilio's own validator accepts for the URL we configured.
    expect(twilio.validateRequest(TOKEN, signature, URL_SMS, p)).toBe(true);
    const res = await post(p, signature);
    expect(res.status).toBe(200);
    const xml = await res.text();
    const code = /查询码([A-Z0-9-]{11})/.exec(xml)?.[1];
    expect(code, xml).toBeDefined();
    const [tip] = await deps.db.select().from(tips).where(eq(tips.trackingCode, code!));
    expect(tip).toMatchObject({ channel: "sms", text: p.Body });
  });

  it("refuses requests Twilio's validator also refuses: other token, other URL, tampered body — 403, nothing stored", async () => {
    const before = await counts();
    const p = params("+8613700137002", "南宁市兴宁区某工厂锅炉房漏气，工人没有防护");
    const forgeries: [Record<string, string>, string][] = [
      [p, twilio.getExpectedTwilioSignature("some-other-token", URL_SMS, p)],
      [p, twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}/sms/inbound`, p)],
      [p, twilio.getExpectedTwilioSignature(TOKEN, "https://evil.example/sms/twilio", p)],
      [{ ...p, Body: p.Body + "。" }, twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, p)],
      [{ ...p, From: "+8613700137003" }, twilio.getExpectedTwilioSignature(TOKEN, URL_SMS, p)],
      [p, ""],
    ];
    for (const [sent, signature] of forgeries) {
      expect(twilio.validateRequest(TOKEN, signature, URL_SMS, sent)).toBe(false);
      expect((await post(sent, signature)).status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("src/adapters/sms/signatures.ts agrees with the twilio package", () => {
  const key = fc.string({ minLength: 1, maxLength: 12, unit: "grapheme" }).filter((k) => k !== "__proto__");
  const paramsArb = fc.dictionary(key, fc.string({ maxLength: 40, unit: "grapheme" }), { maxKeys: 8 });
  const pathArb = fc.array(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), { maxLength: 3 }).map((s) => "/" + s.join("/"));
  const hostArb = fc.constantFrom("https://jubao.example.org", "https://tips.example.cn:8443", "http://127.0.0.1:8080");
  const tokenArb = fc.string({ minLength: 1, maxLength: 40 });

  it("computes the same signature as twilio.getExpectedTwilioSignature", () => {
    fc.assert(
      fc.property(tokenArb, hostArb, pathArb, paramsArb, (token, host, path, p) => {
        const url = host + path;
        expect(twilioSignature(token, url, Object.entries(p))).toBe(twilio.getExpectedTwilioSignature(token, url, p));
      }),
      { numRuns: 200 },
    );
  });

  it("accepts and refuses exactly what twilio.validateRequest accepts and refuses", () => {
    fc.assert(
      fc.property(tokenArb, hostArb, pathArb, paramsArb, fc.boolean(), fc.string({ maxLength: 30 }), (token, host, path, p, genuine, junk) => {
        const url = host + path;
        const header = genuine ? twilio.getExpectedTwilioSignature(token, url, p) : junk;
        const ours = verifyTwilioSignature(token, url, Object.entries(p), header);
        expect(ours).toBe(twilio.validateRequest(token, header, url, p));
        expect(ours).toBe(genuine || header === twilioSignature(token, url, Object.entries(p)));
      }),
      { numRuns: 200 },
    );
  });
});
