import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PassThrough, Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { createLogger } from "../../src/adapters/logger.js";
import { appendAudit } from "../../src/app/audit/append-audit.js";
import { listAuditRoots, publishAuditRoot, verifyAuditRoot } from "../../src/app/audit/audit-roots.js";
import { auditVerifyCommand } from "../../src/cli/admin-commands.js";
import { JOBS } from "../../src/jobs/schedule.js";
import { createApp } from "../../src/http/app.js";
import { auditLinks, auditLog } from "../../src/db/schema.js";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

function io() {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d) => (text += d));
  return { io: { stdin: Readable.from([]), stdout: out, stderr: out }, text: () => text };
}

describe.each(DB_KINDS)("published audit roots on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let now = new Date("2026-03-02T03:00:00Z");
  const lines: string[] = [];
  beforeAll(async () => {
    database = await openTestDb(kind);
    deps = testDeps(database, { clock: () => now, logger: createLogger("info", {}, (l) => lines.push(l)) });
  });
  afterAll(async () => database?.close());

  const append = (n: number, at: Date) =>
    deps.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++)
        await appendAudit(tx, { actor: "staff:1:a", action: "test.act", entity: "tip", entityId: i, after: { secret: "不得外泄", i } }, at);
    });

  it("publishes the chain's head, logs only the root, and refuses UPDATE and DELETE on the roots", async () => {
    await append(3, new Date("2026-03-02T02:00:00Z"));
    const [newest] = await deps.db.select().from(auditLog).orderBy(sql`id desc`).limit(1);
    // Not linked yet: the root names the last LINKED entry, so publishing runs the sequencer first.
    expect(await deps.db.select().from(auditLinks).where(eq(auditLinks.auditId, newest.id))).toEqual([]);
    const root = await publishAuditRoot(deps);
    const [head] = await deps.db.select().from(auditLinks).orderBy(sql`seq desc`).limit(1);
    expect(head.auditId).toBe(newest.id);
    expect(root).toEqual({ publishedAt: now, entryId: head.auditId, hash: head.hash });
    expect(await listAuditRoots(deps)).toEqual([root]);
    const logged = lines.filter((l) => l.includes("audit root published"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(head.hash);
    expect(logged[0]).not.toContain("不得外泄");
    expect(logged[0]).not.toContain("staff:1:a");
    await expect(deps.db.execute(sql`update audit_roots set hash = 'x'`)).rejects.toThrow();
    await expect(deps.db.execute(sql`delete from audit_roots`)).rejects.toThrow();
    await expect(deps.db.execute(sql`truncate audit_roots`)).rejects.toThrow();
    expect(await listAuditRoots(deps)).toEqual([root]);
  });

  it("a past root is still a prefix after more entries are appended, by entry id and by date", async () => {
    const [past] = await listAuditRoots(deps);
    now = new Date("2026-03-03T03:00:00Z");
    await append(4, new Date("2026-03-03T02:00:00Z"));
    await publishAuditRoot(deps);
    expect(await verifyAuditRoot(deps, { root: past.hash, at: { entryId: past.entryId } })).toMatchObject({
      ok: true,
      entryId: past.entryId,
      published: true,
    });
    // 2026-03-02 in Asia/Shanghai: the entries at 02:00Z are inside it, the later ones are not.
    expect(await verifyAuditRoot(deps, { root: past.hash, at: { date: "2026-03-02" } })).toMatchObject({ ok: true, entryId: past.entryId });
    const out = io();
    expect(await auditVerifyCommand(deps, { root: past.hash, at: String(past.entryId) }, out.io)).toBe(0);
    expect(out.text()).toContain("audit root OK");
    const byDate = io();
    expect(await auditVerifyCommand(deps, { root: past.hash.toUpperCase(), at: "2026-03-02" }, byDate.io)).toBe(0);
  });

  it("a tampered root is refused, saying which check failed", async () => {
    const [, past] = await listAuditRoots(deps);
    const forged = `${past.hash.slice(0, 63)}${past.hash.endsWith("0") ? "1" : "0"}`;
    expect(await verifyAuditRoot(deps, { root: forged, at: { entryId: past.entryId } })).toMatchObject({ ok: false, problem: "mismatch" });
    const out = io();
    expect(await auditVerifyCommand(deps, { root: forged, at: String(past.entryId) }, out.io)).toBe(1);
    expect(out.text()).toContain(`REFUSED (mismatch): recomputing the chain through entry ${past.entryId}`);
    const day = io();
    expect(await auditVerifyCommand(deps, { root: forged, at: "2026-03-02" }, day.io)).toBe(1);
    expect(day.text()).toContain("not_in_day");
    const missing = io();
    expect(await auditVerifyCommand(deps, { root: past.hash, at: "99999" }, missing.io)).toBe(1);
    expect(missing.text()).toContain("no entry 99999");
    const bad = io();
    expect(await auditVerifyCommand(deps, { root: "nothex", at: "2026-03-02" }, bad.io)).toBe(2);
    expect(await auditVerifyCommand(deps, { root: past.hash, at: "yesterday" }, io().io)).toBe(2);
  });

  it("a rewritten entry before the root breaks the proof, named by entry", async () => {
    const [, past] = await listAuditRoots(deps);
    const rows = await deps.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id);
    const victim = rows[1].id;
    await deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await deps.db.execute(sql`update audit_log set reason = 'rewritten' where id = ${victim}`);
    await deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAuditRoot(deps, { root: past.hash, at: { entryId: past.entryId } })).toMatchObject({
      ok: false,
      problem: "chain_broken",
      brokenId: victim,
    });
    const out = io();
    expect(await auditVerifyCommand(deps, { root: past.hash, at: String(past.entryId) }, out.io)).toBe(1);
    expect(out.text()).toContain(`chain is broken at entry ${victim}`);
  });

  it("/public/audit and /api/v1/audit/roots list the roots, newest first, and nothing of the entries", async () => {
    const app = createApp({ deps });
    const roots = await listAuditRoots(deps);
    const json = await app.request("/api/v1/audit/roots");
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      genesis: "0".repeat(64),
      roots: roots.map((r) => ({ publishedAt: r.publishedAt.toISOString(), entryId: r.entryId, hash: r.hash })),
    });
    const page = await app.request("/public/audit?lang=en");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain("Published audit roots");
    for (const r of roots) expect(html).toContain(r.hash);
    expect(html.indexOf(roots[0].hash)).toBeLessThan(html.indexOf(roots[1].hash));
    expect(html).not.toContain("不得外泄");
    expect(html).not.toContain("<script");
  });

  it("the daily job is in the schedule table at 00:10 Asia/Shanghai", () => {
    expect(JOBS.find((j) => j.name === "publish-audit-root")?.cron).toBe("10 16 * * *");
  });
});
