import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { runCli } from "../support/run-cli.js";
import { serviceDb, startService, type Service, type ServiceDb } from "../support/service.js";
import { expectSecurityHeaders } from "./http-support.js";

/**
 * Published audit roots over the wire: tips posted to `npm start` make audit entries; `audit:publish`
 * (the CLI, on the same database) records the head; after more tips, /public/audit and
 * /api/v1/audit/roots show it, and `audit:verify --root` proves it a prefix of the grown chain and
 * refuses a forged one. PGlite lets one process at a time open the data directory, so the service is
 * stopped while the CLI runs (on both kinds, the same sequence).
 */
describe.each(DB_KINDS)("published audit roots on the wire (npm start on %s)", (kind) => {
  let db: ServiceDb;
  let svc: Service | undefined;

  const tip = async (text: string) => {
    const res = await fetch(`${svc!.url}/api/v1/tips`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, jurisdictionCode: "450102", sector: "fire_safety" }),
    });
    expect(res.status).toBe(201);
    await res.arrayBuffer();
  };

  beforeAll(async () => {
    db = await serviceDb(kind);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  }, 60_000);

  it("publish, show on the page and in JSON, prove the root after more entries, refuse a forged one", async () => {
    svc = await startService(db.env);
    await tip("南宁市兴宁区某商场把消防通道堵死了，安全出口也锁着");
    await svc.stop();
    svc = undefined;

    const published = await runCli(db.env, ["audit:publish"]);
    const m = /entry (\d+) hash ([0-9a-f]{64})/.exec(published);
    expect(m, published).not.toBeNull();
    const [, entryId, hash] = m!;
    expect(Number(entryId)).toBeGreaterThan(0);

    svc = await startService(db.env);
    await tip("南宁市兴宁区某工地塔吊没有检验就在使用，很危险");
    const page = await fetch(`${svc.url}/public/audit`);
    expect(page.status).toBe(200);
    expectSecurityHeaders(page, "GET /public/audit");
    const html = await page.text();
    expect(html).toContain("审计日志公开根值");
    expect(html).toContain(hash);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("消防通道");
    const en = await (await fetch(`${svc.url}/public/audit?lang=en`)).text();
    expect(en).toContain("Published audit roots");
    expect(en).toContain(hash);

    const api = await fetch(`${svc.url}/api/v1/audit/roots`);
    expect(api.status).toBe(200);
    expect(api.headers.get("content-type")).toContain("application/json");
    const body = (await api.json()) as { roots: { entryId: number; hash: string; publishedAt: string }[] };
    expect(body.roots).toEqual([{ entryId: Number(entryId), hash, publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    await svc.stop();
    svc = undefined;

    const ok = await runCli(db.env, ["audit:verify", "--root", hash, "--at", entryId]);
    expect(ok).toContain(`audit root OK: ${hash} is the hash of entry ${entryId}`);
    // --at by the publication date as /public/audit shows it (Asia/Shanghai).
    const shanghaiDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(body.roots[0].publishedAt));
    expect(await runCli(db.env, ["audit:verify", "--root", hash, "--at", shanghaiDay])).toContain("audit root OK");

    const forged = `${hash.slice(0, 63)}${hash.endsWith("0") ? "1" : "0"}`;
    await expect(runCli(db.env, ["audit:verify", "--root", forged, "--at", entryId])).rejects.toThrow(/ended with 1[\s\S]*REFUSED \(mismatch\)/);
    // The whole chain still verifies: publishing is not an audit entry and moved nothing.
    expect(await runCli(db.env, ["audit:verify"])).toContain("chain intact");
  }, 300_000);
});
