import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";

/**
 * `npm start` on a seeded database: a tip typed SMS-style (spaces between Chinese words, no place
 * field, no urgent flag) is read as urgent from its parts, and a township name alone places it; the
 * same scene told as resolved is not urgent. (#14 round 2)
 */
describe.each(DB_KINDS)("urgency and places read from SMS-spaced text by the deployed service, on %s", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;
  beforeAll(async () => {
    db = await serviceDb(kind);
    svc = await startService(db.env);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  });

  const post = async (text: string) => {
    const res = await fetch(`${svc!.url}/api/v1/tips`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({ text }),
    });
    const body = (await res.json()) as { routing: { urgent: boolean; explanation: string } };
    return { status: res.status, body };
  };

  it("flags a person down, typed with spaces, and places it by the township alone", async () => {
    const { status, body } = await post("拉堡 工地 地下室 有 人 晕倒 快");
    expect(status).toBe(201);
    expect(body.routing.urgent).toBe(true);
    expect(body.routing.explanation).toContain("柳江区");
  }, 60_000);

  it("does not flag the same kind of scene told as over", async () => {
    const { status, body } = await post("拉堡 饭店 煤气罐 漏气 换了 阀 现在 没事了");
    expect(status).toBe(201);
    expect(body.routing.urgent).toBe(false);
  }, 60_000);
});
