import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";

/**
 * `npm start` stores tips that arrive together in one transaction (group commit). Seen from outside:
 * simultaneous POST /api/v1/tips each get their own receipt — a tracking code and a secret that open
 * their own tip on /api/v1/tips/status, not a neighbour's — and a refused tip among them gets its own
 * error (400, field errors) without disturbing the others.
 */
describe.each(DB_KINDS)("POST /api/v1/tips under concurrent load (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  beforeAll(async () => {
    db = await serviceDb(kind);
    svc = await startService({ ...db.env, INTAKE_LIMIT_PER_HOUR: "0" });
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("simultaneous tips are each acknowledged with their own receipt; a refused one fails alone", async () => {
    const text = (i: number) => `南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着（并发第${i}条）`;
    const post = (body: object) =>
      fetch(`${svc!.url}/api/v1/tips`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const n = 24;
    const answers = await Promise.all([
      ...Array.from({ length: n }, (_, i) => post({ text: text(i), jurisdictionCode: "450102", sector: "fire_safety" })),
      post({ text: "太短" }),
    ]);
    const refused = answers.pop()!;
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_input" });
    expect(answers.map((a) => a.status)).toEqual(Array(n).fill(201));
    const receipts = answers.map((a) => a.body as { trackingCode: string; secret: string });
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(n);
    for (const [i, r] of receipts.entries()) {
      const res = await fetch(`${svc!.url}/api/v1/tips/status`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ trackingCode: r.trackingCode, secret: r.secret }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toBe(text(i));
    }
  }, 120_000);
});
