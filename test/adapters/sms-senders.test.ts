import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { createGenericSmsSender, createLogSmsSender, createSmsSender, createTwilioSmsSender } from "../../src/adapters/sms/index.js";
import { createLogger } from "../../src/adapters/logger.js";
import { testConfig } from "../support/deps.js";

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A stand-in SMS provider on 127.0.0.1 that records requests and answers with the next queued status. */
let server: Server;
let root: string;
const recorded: Recorded[] = [];
const answers: { status: number; body: unknown; headers?: Record<string, string> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      recorded.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const a = answers.shift() ?? { status: 201, body: { sid: "SM123" } };
      res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  recorded.length = 0;
  answers.length = 0;
});

const PHONE = "+8613800138000";
const TEXT = "已受理。查询码K7M-4QX-9PA 密钥7HQ2-MXKD-4R9T-WNZC-3PEV-8GJY";

describe("twilio sender", () => {
  const sender = () => createTwilioSmsSender({ accountSid: "AC0123", authToken: "tok-secret", from: "+15550001111", apiRoot: root });

  it("POSTs the Messages resource with basic auth and form fields To, From, Body", async () => {
    answers.push({ status: 201, body: { sid: "SMabc" } });
    expect(await sender().send(PHONE, TEXT)).toEqual({ ok: true, providerId: "SMabc" });
    expect(recorded).toHaveLength(1);
    const [r] = recorded;
    expect(r.method).toBe("POST");
    expect(r.url).toBe("/2010-04-01/Accounts/AC0123/Messages.json");
    expect(r.headers.authorization).toBe("Basic " + Buffer.from("AC0123:tok-secret").toString("base64"));
    expect(r.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(r.body);
    expect(Object.fromEntries(form)).toEqual({ To: PHONE, From: "+15550001111", Body: TEXT });
  });

  it("maps 429 and 5xx to retryable (with Retry-After), other 4xx to not retryable, without quoting the provider's message", async () => {
    answers.push({ status: 429, body: { code: 20429, message: "Too many requests" }, headers: { "retry-after": "7" } });
    expect(await sender().send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true, retryAfterSeconds: 7 });
    answers.push({ status: 500, body: {} });
    expect(await sender().send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true });
    answers.push({ status: 503, body: {} });
    expect(await sender().send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true });
    answers.push({ status: 400, body: { code: 21211, message: `The 'To' number ${PHONE} is not a valid phone number.` } });
    const bad = await sender().send(PHONE, TEXT);
    expect(bad).toMatchObject({ ok: false, retryable: false });
    expect(bad.ok === false && bad.error).toContain("21211");
    expect(JSON.stringify(bad)).not.toContain(PHONE);
  });

  it("treats an unreachable provider as retryable", async () => {
    const down = createTwilioSmsSender({ accountSid: "AC0123", authToken: "t", from: "+1", apiRoot: "http://127.0.0.1:1" });
    expect(await down.send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true });
  });
});

describe("generic sender", () => {
  it("POSTs JSON {to, text} signed with hex HMAC-SHA256 of the body in X-Signature", async () => {
    answers.push({ status: 200, body: { id: "g-1" } });
    const sender = createGenericSmsSender({ url: `${root}/send`, secret: "gw-secret" });
    expect(await sender.send(PHONE, TEXT)).toEqual({ ok: true, providerId: "g-1" });
    const [r] = recorded;
    expect(r.url).toBe("/send");
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ to: PHONE, text: TEXT });
    expect(r.headers["x-signature"]).toBe(createHmac("sha256", "gw-secret").update(r.body).digest("hex"));
  });

  it("maps 429/500 to retryable and 400 to not retryable; no URL configured is a clear non-retryable error", async () => {
    const sender = createGenericSmsSender({ url: `${root}/send`, secret: "s" });
    answers.push({ status: 429, body: {} }, { status: 500, body: {} }, { status: 400, body: {} });
    expect(await sender.send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true });
    expect(await sender.send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: true });
    expect(await sender.send(PHONE, TEXT)).toMatchObject({ ok: false, retryable: false });
    const noUrl = await createGenericSmsSender({ secret: "s" }).send(PHONE, TEXT);
    expect(noUrl).toMatchObject({ ok: false, retryable: false });
    expect(noUrl.ok === false && noUrl.error).toMatch(/SMS_GATEWAY_URL/);
  });
});

describe("log sender and the choice from config", () => {
  it("logs that an SMS was sent, never the number or the text", async () => {
    const lines: string[] = [];
    const sender = createLogSmsSender(createLogger("debug", {}, (l) => lines.push(l)));
    expect(await sender.send(PHONE, TEXT)).toMatchObject({ ok: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("sms sent");
    expect(lines[0]).not.toContain("13800138000");
    expect(lines[0]).not.toContain("K7M");
    expect(lines[0]).not.toContain("已受理");
  });

  it("SMS_PROVIDER picks the adapter; log is the default", async () => {
    expect(createSmsSender(testConfig(), createLogger("error")).name).toBe("log");
    const twilio = createSmsSender(
      testConfig({ SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: "AC9", TWILIO_AUTH_TOKEN: "t", TWILIO_FROM: "+1", TWILIO_API_ROOT: root }),
      createLogger("error"),
    );
    expect(twilio.name).toBe("twilio");
    expect(await twilio.send(PHONE, "hi")).toMatchObject({ ok: true });
    expect(recorded[0].url).toBe("/2010-04-01/Accounts/AC9/Messages.json");
    expect(createSmsSender(testConfig({ SMS_PROVIDER: "generic", SMS_GATEWAY_SECRET: "s" }), createLogger("error")).name).toBe("generic");
  });
});
