import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createApp } from "../../src/http/app.js";
import { tips } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

/**
 * The anonymous intake (web form, JSON API) takes at most INTAKE_LIMIT_PER_HOUR new tips per client
 * address per hour; the rest are refused — the sender told so in their language, nothing stored, what
 * they typed kept — and nothing about the address reaches the database.
 */
const nodeEnv = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const TEXT = "仓库里堆满了纸箱，消防通道全被堵死，晚上还有人睡在里面";

describe.each(DB_KINDS)("intake limit per client on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-03-02T02:00:00Z");

  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, env: { INTAKE_LIMIT_PER_HOUR: "2" } });
  });
  afterAll(async () => database?.close());

  const stored = async () => Number((await deps.db.select({ n: count() }).from(tips))[0].n);
  const form = (app: ReturnType<typeof createApp>, env: object, fields: Record<string, string>) =>
    app.request(
      "/tips",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ county: "450102", ...fields }).toString(),
      },
      env,
    );
  const api = (app: ReturnType<typeof createApp>, env: object, body: object, headers: Record<string, string> = {}) =>
    app.request("/api/v1/tips", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }, env);

  it("web form: the third new tip within the hour is refused in the user's language, with what they typed kept; others are unaffected", async () => {
    const app = createApp({ deps });
    const client = nodeEnv("203.0.113.5");
    const before = await stored();
    // Refused input is not counted: only tips about to be stored use the budget.
    expect((await form(app, client, { text: "太短" })).status).toBe(422);
    expect((await form(app, client, { text: `${TEXT}（一）` })).status).toBe(200);
    expect((await form(app, client, { text: `${TEXT}（二）` })).status).toBe(200);
    const refused = await form(app, client, { text: `${TEXT}（三）`, lang: "zh-CN" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(html).toContain("这条举报还没有提交");
    expect(html).toContain(`${TEXT}（三）`); // the textarea keeps it
    const en = await (await form(app, client, { text: `${TEXT}（三）`, lang: "en" })).text();
    expect(en).toContain("this tip has NOT been submitted");
    expect(await stored()).toBe(before + 2);

    expect((await form(app, nodeEnv("203.0.113.6"), { text: `${TEXT}（四）` })).status).toBe(200);
    now = new Date(now.getTime() + 3_600_000);
    expect((await form(app, client, { text: `${TEXT}（五）` })).status).toBe(200);
    expect(await stored()).toBe(before + 4);
  });

  it("JSON API: 429 with Retry-After and nothing stored; an Idempotency-Key replay of a stored tip still returns its receipt", async () => {
    const app = createApp({ deps });
    const client = nodeEnv("198.51.100.40");
    const first = await api(app, client, { text: `${TEXT}（甲）`, place: "南宁市兴宁区" }, { "Idempotency-Key": "limit-test-key-0001" });
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { trackingCode: string };
    expect((await api(app, client, { text: `${TEXT}（乙）`, place: "南宁市兴宁区" })).status).toBe(201);
    const before = await stored();
    const refused = await api(app, client, { text: `${TEXT}（丙）`, place: "南宁市兴宁区" }, { "Idempotency-Key": "limit-test-key-0002" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect(await stored()).toBe(before);

    const replay = await api(app, client, { text: `${TEXT}（甲）`, place: "南宁市兴宁区" }, { "Idempotency-Key": "limit-test-key-0001" });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toMatchObject({ trackingCode: receipt.trackingCode });

    // The refused request's key was released: the same request succeeds once the hour has passed.
    now = new Date(now.getTime() + 3_600_000);
    expect((await api(app, client, { text: `${TEXT}（丙）`, place: "南宁市兴宁区" }, { "Idempotency-Key": "limit-test-key-0002" })).status).toBe(201);
  });

  it("behind TRUST_PROXY=1 each client behind the proxy has its own budget; INTAKE_LIMIT_PER_HOUR=0 turns the limit off", async () => {
    const proxied = createApp({ deps: testDeps(database, { clock: () => now, env: { INTAKE_LIMIT_PER_HOUR: "1", TRUST_PROXY: "1" } }) });
    const proxy = nodeEnv("10.0.0.2");
    const xff = (ip: string) => ({ "X-Forwarded-For": ip });
    expect((await api(proxied, proxy, { text: `${TEXT}（A）` }, xff("192.0.2.1"))).status).toBe(201);
    expect((await api(proxied, proxy, { text: `${TEXT}（B）` }, xff("192.0.2.1"))).status).toBe(429);
    expect((await api(proxied, proxy, { text: `${TEXT}（C）` }, xff("192.0.2.2"))).status).toBe(201);

    const open = createApp({ deps: testDeps(database, { clock: () => now, env: { INTAKE_LIMIT_PER_HOUR: "0" } }) });
    for (let i = 0; i < 4; i++) expect((await api(open, nodeEnv("192.0.2.9"), { text: `${TEXT}（${i}）` })).status).toBe(201);
  });
});
