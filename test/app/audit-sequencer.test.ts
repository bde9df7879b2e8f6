import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import type { Deps } from "../../src/app/deps.js";
import { appendAudit, auditHash, GENESIS_HASH, verifyAudit } from "../../src/app/audit/append-audit.js";
import { linkAudit } from "../../src/app/audit/link-audit.js";
import { publishAuditRoot, verifyAuditRoot } from "../../src/app/audit/audit-roots.js";
import { createDb, rows } from "../../src/db/client.js";
import { migrateDb } from "../../src/db/migrate.js";
import { auditLinks, auditLog, auditPending } from "../../src/db/schema.js";
import { DB_KINDS, openEmptyDb, openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";
import { MIGRATIONS_DIR } from "../support/paths.js";

const LATER = () => new Date(Date.now() + 10 * 60_000);

describe.each(DB_KINDS)("audit sequencer on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  beforeAll(async () => {
    database = await openTestDb(kind, { seeded: false });
    deps = testDeps(database);
  });
  afterAll(async () => database?.close());

  const write = (tag: string, i: number) =>
    deps.db.transaction(async (tx) =>
      appendAudit(tx, { actor: "staff:1:a", action: "test.write", entity: "tip", entityId: i, after: { tag, i, nested: { b: 1, a: [i] } } }),
    );

  const links = () => deps.db.select().from(auditLinks).orderBy(asc(auditLinks.seq));

  it("many parallel writers take no lock; one link run chains them all, in link order, and the chain verifies", async () => {
    const written = await Promise.all(Array.from({ length: 60 }, (_, i) => write("parallel", i)));
    expect(new Set(written.map((w) => w.id)).size).toBe(60);
    // Stored with their content hash only and queued; nothing is chained before the sequencer runs.
    expect(await links()).toEqual([]);
    expect((await deps.db.select().from(auditPending)).length).toBe(60);
    const stored = await deps.db.select().from(auditLog).where(eq(auditLog.id, written[0].id));
    expect(stored[0]).toMatchObject({ hash: null, prevHash: null, contentHash: written[0].hash });

    const run = await linkAudit(deps);
    expect(run).toMatchObject({ ran: true, linked: 60 });
    const chain = await links();
    expect(chain.map((l) => l.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(chain.map((l) => l.auditId))).toEqual(new Set(written.map((w) => w.id)));
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    expect(run.head).toEqual({ seq: 60, auditId: chain[59].auditId, hash: chain[59].hash });
    expect(await deps.db.select().from(auditPending)).toEqual([]);
    expect(await verifyAudit(deps, { now: LATER() })).toEqual({ ok: true, checked: 60, pending: 0 });
    // Nothing new: a second run links nothing and keeps the head.
    expect(await linkAudit(deps)).toMatchObject({ ran: true, linked: 0, head: run.head });
  });

  it("sequencers running at once beside the writers never link an entry twice or fork the chain", async () => {
    const before = (await links()).length;
    const work = await Promise.all([...Array.from({ length: 40 }, (_, i) => write("race", i)), linkAudit(deps), linkAudit(deps), linkAudit(deps)]);
    await linkAudit(deps);
    const chain = await links();
    expect(chain.length).toBe(before + 40);
    expect(new Set(chain.map((l) => l.auditId)).size).toBe(chain.length);
    expect(work.length).toBe(43);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: true, checked: before + 40, pending: 0 });
  });

  it.runIf(kind === "postgres")("links in commit order: an entry committed after a later id is chained after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let slowId = 0;
    const slow = deps.db.transaction(async (tx) => {
      slowId = (await appendAudit(tx, { actor: "staff:1:a", action: "test.slow", entity: "tip", entityId: 1 })).id;
      await gate;
    });
    while (slowId === 0) await new Promise((r) => setTimeout(r, 5));
    const fast = await write("fast", 2);
    expect(fast.id).toBeGreaterThan(slowId);
    await linkAudit(deps);
    const [fastLink] = await deps.db.select().from(auditLinks).where(eq(auditLinks.auditId, fast.id));
    expect(fastLink).toBeDefined();
    expect(await deps.db.select().from(auditLinks).where(eq(auditLinks.auditId, slowId))).toEqual([]);
    // The root names the last linked entry; the uncommitted one is not in it yet.
    const root = await publishAuditRoot(deps);
    expect(root.entryId).toBe(fast.id);
    release();
    await slow;
    await linkAudit(deps);
    const [slowLink] = await deps.db.select().from(auditLinks).where(eq(auditLinks.auditId, slowId));
    expect(slowLink.seq).toBe(fastLink.seq + 1);
    expect(await verifyAuditRoot(deps, { root: root.hash, at: { entryId: fast.id } })).toMatchObject({ ok: true, entryId: fast.id, published: true });
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: true });
  });

  it("a rolled-back transaction leaves neither a row nor a queued entry", async () => {
    const count = async () => (await deps.db.select().from(auditLog)).length;
    const n = await count();
    await expect(
      deps.db.transaction(async (tx) => {
        await appendAudit(tx, { actor: "staff:1:a", action: "test.rollback", entity: "tip", entityId: 9 });
        throw new Error("business failure");
      }),
    ).rejects.toThrow("business failure");
    expect(await count()).toBe(n);
    expect(await deps.db.select().from(auditPending)).toEqual([]);
  });

  it("crash between insert and link: committed rows wait, verify names them after the window, the next sequencer links them", async () => {
    // Another process commits audited work and dies before its sequencer runs (postgres: its own pool, closed).
    const other = kind === "postgres" ? await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 2 }) : null;
    const db = other?.db ?? deps.db;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await db.transaction((tx) => appendAudit(tx, { actor: "staff:1:a", action: "test.crash", entity: "tip", entityId: i }))).id);
    await other?.close();

    // Within the window they are pending, not an error.
    expect(await verifyAudit(deps)).toMatchObject({ ok: true, pending: 5 });
    // After it, verify names the first of them.
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: false, problem: "unlinked", brokenId: ids[0], unlinked: 5 });
    const run = await linkAudit(deps);
    expect(run.linked).toBe(5);
    expect(run.head?.auditId).toBe(ids[4]);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: true, pending: 0 });
  });

  it("the chain is append-only in the database", async () => {
    await expect(deps.db.execute(sql`update audit_links set hash = 'x'`)).rejects.toThrow();
    await expect(deps.db.execute(sql`delete from audit_links`)).rejects.toThrow();
    await expect(deps.db.execute(sql`truncate audit_links`)).rejects.toThrow();
  });

  it("tamper detection: a rewritten row, a rewritten link and a row kept out of the queue are each named", async () => {
    const chain = await links();
    const victim = chain[3].auditId;
    await deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await deps.db.execute(sql`update audit_log set reason = 'rewritten' where id = ${victim}`);
    await deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: false, problem: "hash", brokenId: victim, checked: 3 });
    await deps.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await deps.db.execute(sql`update audit_log set reason = null where id = ${victim}`);
    await deps.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: true });

    // Re-hashing a row's content hash to match a rewrite still breaks its link hash.
    const linkVictim = chain[5];
    await deps.db.execute(sql`alter table audit_links disable trigger audit_links_no_update`);
    await deps.db.execute(sql`update audit_links set hash = ${"f".repeat(64)} where seq = ${linkVictim.seq}`);
    await deps.db.execute(sql`alter table audit_links enable trigger audit_links_no_update`);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: false, problem: "hash", brokenId: linkVictim.auditId });
    await deps.db.execute(sql`alter table audit_links disable trigger audit_links_no_update`);
    await deps.db.execute(sql`update audit_links set hash = ${linkVictim.hash} where seq = ${linkVictim.seq}`);
    // A link removed from the middle: the next one no longer follows.
    await deps.db.execute(sql`delete from audit_links where seq = ${chain[7].seq}`);
    await deps.db.execute(sql`alter table audit_links enable trigger audit_links_no_update`);
    expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: false, problem: "link", brokenId: chain[8].auditId });
  });

  it("a row dropped from the queue before linking is named by verify once the window has passed", async () => {
    const fresh = await openTestDb(kind, { seeded: false });
    try {
      const d = testDeps(fresh);
      const a = await fresh.db.transaction((tx) => appendAudit(tx, { actor: "staff:1:a", action: "test.a", entity: "tip", entityId: 1 }));
      const b = await fresh.db.transaction((tx) => appendAudit(tx, { actor: "staff:1:a", action: "test.b", entity: "tip", entityId: 2 }));
      await fresh.db.delete(auditPending).where(eq(auditPending.auditId, a.id));
      await linkAudit(d);
      expect(await verifyAudit(d, { now: LATER() })).toMatchObject({ ok: false, problem: "unlinked", brokenId: a.id, unlinked: 1 });
      expect((await fresh.db.select().from(auditLinks)).map((l) => l.auditId)).toEqual([b.id]);
    } finally {
      await fresh.close();
    }
  });
});

describe.each(DB_KINDS)("migrating a chained audit log on %s", (kind) => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("backfills the links: existing rows keep their chain and the sequencer continues from its last hash", async () => {
    // The migrations as they were before the sequencer.
    const old = mkdtempSync(join(tmpdir(), "jubao-mig-"));
    dirs.push(old);
    cpSync(MIGRATIONS_DIR, old, { recursive: true });
    const journalFile = join(old, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8"));
    const cut = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith("_sequencer"));
    journal.entries = journal.entries.slice(0, cut);
    writeFileSync(journalFile, JSON.stringify(journal));

    const database = await openEmptyDb(kind);
    try {
      await migrateDb(database, old);
      let prev = GENESIS_HASH;
      const legacy: { id: number; hash: string }[] = [];
      for (let i = 0; i < 4; i++) {
        const row = {
          at: new Date(Date.UTC(2026, 0, 1, i)),
          actor: "staff:1:a",
          action: "legacy",
          entity: "tip",
          entityId: String(i),
          before: null,
          after: { i },
          reason: null,
        };
        const hash = auditHash(prev, row);
        const [r] = await rows<{ id: number }>(
          database.db,
          sql`insert into audit_log (at, actor, action, entity, entity_id, after, prev_hash, hash) values (${row.at.toISOString()}::timestamptz, ${row.actor}, ${row.action}, ${row.entity}, ${row.entityId}, ${JSON.stringify(row.after)}::jsonb, ${prev}, ${hash}) returning id`,
        );
        legacy.push({ id: Number(r.id), hash });
        prev = hash;
      }
      await migrateDb(database, MIGRATIONS_DIR);
      const deps = testDeps(database);
      const backfilled = await database.db.select().from(auditLinks).orderBy(asc(auditLinks.seq));
      expect(backfilled.map((l) => [l.seq, l.auditId, l.hash])).toEqual(legacy.map((l, i) => [i + 1, l.id, l.hash]));
      expect(await verifyAudit(deps, { now: LATER() })).toEqual({ ok: true, checked: 4, pending: 0 });

      const next = await database.db.transaction((tx) => appendAudit(tx, { actor: "staff:1:a", action: "after", entity: "tip", entityId: 5 }));
      await linkAudit(deps);
      const [link] = await database.db.select().from(auditLinks).where(eq(auditLinks.auditId, next.id));
      expect(link).toMatchObject({ seq: 5, prevHash: legacy[3].hash });
      expect(await verifyAudit(deps, { now: LATER() })).toEqual({ ok: true, checked: 5, pending: 0 });
      // A rewritten legacy row is still caught.
      await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await database.db.execute(sql`update audit_log set after = '{"i": 9}'::jsonb where id = ${legacy[1].id}`);
      expect(await verifyAudit(deps, { now: LATER() })).toMatchObject({ ok: false, problem: "hash", brokenId: legacy[1].id });
    } finally {
      await database.close();
    }
  });
});
