import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { storedOccurrences } from "./stored-bytes.js";

const GATEWAY_SECRET = "deployed-gateway-secret-7";

/**
 * `npm start` with the generic SMS gateway: signed SMS posted to the real server's POST /sms/inbound.
 * A reporter's objection "异议 <code> <secret> …" must become their message on that tip, never a new tip
 * whose text (read by staff, sent to liaisons) holds the secret.
 */
describe.each(DB_KINDS)("an SMS carrying a receipt secret, through the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  beforeAll(async () => {
    db = await serviceDb(kind);
  });
  afterAll(async () => {
    await svc?.kill9();
    await db?.drop();
  });

  let n = 0;
  const sms = async (from: string, text: string): Promise<string> => {
    const body = JSON.stringify({ from, text, id: `deployed-${++n}` });
    const res = await fetch(`${svc!.url}/sms/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": createHmac("sha256", GATEWAY_SECRET).update(body).digest("hex") },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { reply: string }).reply;
  };

  it("adds the objection to the tip without the secret, answers in the sender's language, and stores the secret nowhere", async () => {
    svc = await startService({ ...db.env, SMS_PROVIDER: "generic", SMS_GATEWAY_SECRET: GATEWAY_SECRET });
    const phone = "+8613900180001";
    const receipt = await sms(phone, "南宁市兴宁区某化工厂夜里偷偷排放有毒气体，附近居民头晕");
    const [, code, secret] = /查询码([A-Z0-9-]{11}) 密钥([A-Z0-9-]{29})/.exec(receipt) ?? [];
    expect(secret, receipt).toBeDefined();

    // Not answered yet: no objection, but the words are added to the tip (test/deployed/objection-review.test.ts objects to an answered one).
    expect(await sms(phone, `异议 ${code} ${secret} 我对处理结果不服，工厂晚上还在排放`)).toBe(`${code}尚未答复，收到答复后才能提出异议。您的话已补充到举报中`);
    expect(await sms(phone, `OBJECTION ${code} ${secret.replace(/-/g, " ").toLowerCase()} still venting at night`)).toBe(
      `${code} has no answer yet; object once you get it. Your words were added to the tip.`,
    );

    const res = await fetch(`${svc.url}/api/v1/tips/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ trackingCode: code, secret }),
    });
    const status = (await res.json()) as { history: { kind: string; text: string | null }[] };
    expect(status.history.filter((e) => e.kind === "reporter_info").map((e) => e.text)).toEqual([
      "异议 我对处理结果不服，工厂晚上还在排放",
      "OBJECTION still venting at night",
    ]);

    await svc.stop();
    svc = undefined;
    const compact = secret.replace(/-/g, "");
    expect(
      await storedOccurrences(
        db,
        [secret, compact, compact.toLowerCase(), secret.replace(/-/g, " ").toLowerCase()],
        ["tips", "tip_events", "conversations", "outbox", "audit_log"],
      ),
    ).toEqual([]);
  }, 240_000);
});
