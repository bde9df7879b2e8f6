import { asc, desc, gt, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { auditLog } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../deps.js";

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Serialises writers of the chain: each new row must see the hash of the row before it. */
const AUDIT_LOCK_ID = 7_245_002;
export const GENESIS_HASH = "0".repeat(64);

/**
 * Append to the hash-chained audit log inside the caller's transaction, so an action and its audit
 * row commit together or not at all. The transaction-scoped advisory lock orders concurrent writers.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry, at: Date = new Date()): Promise<{ id: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  };
  const hash = auditHash(prevHash, row);
  const [inserted] = await tx
    .insert(auditLog)
    .values({ ...row, prevHash, hash })
    .returning({ id: auditLog.id });
  return { id: inserted.id, hash };
}

/**
 * Several entries at once (e.g. one per plan of a batch): one lock, one read of the chain's head, the hashes
 * chained in order, one insert whose rows take their ids in that order. Same chain as appending them one by one.
 */
export async function appendAuditMany(tx: DbOrTx, entries: AuditEntry[], at: Date = new Date()): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_ID})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const row = {
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    };
    const hash = auditHash(prevHash, row);
    const out = { ...row, prevHash, hash };
    prevHash = hash;
    return out;
  });
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
}

type HashedFields = {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
};

/** sha256 over the previous hash and a canonical JSON of the row (keys sorted, so jsonb's reordering is harmless). */
export function auditHash(prevHash: string, row: HashedFields): string {
  const body = canonical({ ...row, at: row.at.toISOString() });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; brokenId: number; problem: "hash" | "link" };

/** Walk the chain in id order, in pages; name the first row whose hash or link does not hold. */
export async function verifyAudit(deps: Pick<Deps, "db">, opts: { pageSize?: number } = {}): Promise<AuditVerification> {
  const { db } = deps;
  const pageSize = opts.pageSize ?? 5_000;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) return { ok: true, checked };
    for (const r of page) {
      if (r.prevHash !== prevHash) return { ok: false, checked, brokenId: r.id, problem: "link" };
      const expected = auditHash(prevHash, {
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        reason: r.reason,
      });
      if (expected !== r.hash) return { ok: false, checked, brokenId: r.id, problem: "hash" };
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
