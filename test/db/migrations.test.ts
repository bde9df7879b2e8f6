import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { rows } from "../../src/db/client.js";
import { migrateDb } from "../../src/db/migrate.js";
import { auditLog } from "../../src/db/schema.js";
import { DB_KINDS, openEmptyDb, type TestDb } from "../support/db.js";
import { MIGRATIONS_DIR } from "../support/paths.js";

const MIGRATION_COUNT: number = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")).entries.length;

const DOMAIN_TABLES = [
  "jurisdictions",
  "sectors",
  "units",
  "unit_sectors",
  "liaisons",
  "liaison_invites",
  "enterprises",
  "tips",
  "tip_events",
  "tip_attachments",
  "routing_rules",
  "campaigns",
  "campaign_templates",
  "obligations",
  "reminders",
  "monthly_reports",
  "metrics",
  "outbox",
  "obligation_documents",
  "audit_log",
  "staff_users",
  "staff_sessions",
  "conversations",
  "chat_prefs",
  "inbound_dedupe",
  "job_runs",
];

describe.each(DB_KINDS)("migrations on %s", (kind) => {
  const opened: TestDb[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  it("create the whole domain schema on an empty database, and a second run is a no-op", async () => {
    const database = await openEmptyDb(kind);
    opened.push(database);
    await migrateDb(database, MIGRATIONS_DIR);
    await migrateDb(database, MIGRATIONS_DIR);
    const tables = await rows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public'`);
    const names = tables.map((t) => t.table_name);
    for (const t of DOMAIN_TABLES) expect(names).toContain(t);
    const applied = await rows<{ n: string }>(database.db, sql`select count(*)::text as n from drizzle.__drizzle_migrations`);
    expect(Number(applied[0].n)).toBe(MIGRATION_COUNT);
  });

  it("make the audit log append-only in the database itself", async () => {
    const database = await openEmptyDb(kind);
    opened.push(database);
    await migrateDb(database, MIGRATIONS_DIR);
    await database.db.insert(auditLog).values({ actor: "t", action: "a", entity: "e", prevHash: "0", hash: "1" });
    await expect(database.db.update(auditLog).set({ actor: "x" })).rejects.toThrow();
    await expect(database.db.delete(auditLog)).rejects.toThrow();
    const left = await database.db.select().from(auditLog);
    expect(left.map((r) => r.actor)).toEqual(["t"]);
  });

  it.runIf(kind === "postgres")("let four replicas migrate one fresh database at once (advisory lock)", async () => {
    const database = await openEmptyDb(kind);
    opened.push(database);
    const { createDb } = await import("../../src/db/client.js");
    const replicas = await Promise.all([1, 2, 3, 4].map(() => createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 2 })));
    try {
      const results = await Promise.allSettled(replicas.map((r) => migrateDb(r, MIGRATIONS_DIR)));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      const applied = await rows<{ n: string }>(database.db, sql`select count(*)::text as n from drizzle.__drizzle_migrations`);
      expect(Number(applied[0].n)).toBe(MIGRATION_COUNT);
    } finally {
      for (const r of replicas) await r.close();
    }
  });
});
