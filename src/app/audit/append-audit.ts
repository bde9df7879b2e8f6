import { and, asc, gt, lte, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { auditLinks, auditLog, auditPending } from "../../db/schema.js";
import { rows, type DbOrTx } from "../../db/client.js";
import { type RawStatement, rawRows, withInserts } from "../../db/raw.js";
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

export const GENESIS_HASH = "0".repeat(64);

/**
 * Append to the audit log inside the caller's transaction, so an action and its audit row commit
 * together or not at all. No lock and no read: the row is stored with its content hash and queued in
 * audit_pending in one statement; the sequencer (linkAudit, every second in Node) chains it within
 * seconds. Returns the row's id and its CONTENT hash (its chain hash exists only once it is linked).
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry, at: Date = new Date()): Promise<{ id: number; hash: string }> {
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
  const contentHash = auditContentHash(row);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const [inserted] = await rows<{ id: string | number }>(
    tx,
    sql`with a as (
      insert into audit_log (at, actor, action, entity, entity_id, before, after, reason, content_hash)
      values (${at.toISOString()}::timestamptz, ${row.actor}, ${row.action}, ${row.entity}, ${row.entityId},
              ${json(row.before)}::jsonb, ${json(row.after)}::jsonb, ${row.reason}, ${contentHash})
      returning id
    )
    insert into audit_pending (audit_id) select id from a returning audit_id as id`,
  );
  return { id: Number(inserted.id), hash: contentHash };
}

/**
 * Several entries at once (e.g. one per plan of a batch): one multi-row insert with their content hashes
 * and their queue entries, in order; the sequencer chains them like entries appended one by one.
 */
export async function appendAuditMany(tx: DbOrTx, entries: AuditEntry[], at: Date = new Date()): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    const values = entries.slice(i, i + 1000).map((entry) => {
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
      return { ...row, contentHash: auditContentHash(row) };
    });
    const inserted = await tx.insert(auditLog).values(values).returning({ id: auditLog.id });
    await tx.insert(auditPending).values(inserted.map((r) => ({ auditId: r.id })));
  }
}

/**
 * Entries each with its own time (e.g. the tips of one group commit), in ONE statement: the rows with
 * their content hashes and their queue entries, in order; the sequencer chains them like entries appended
 * one by one.
 */
export async function appendAuditRows(tx: DbOrTx, entries: (AuditEntry & { at: Date })[]): Promise<void> {
  if (entries.length === 0) return;
  const q = withInserts([["a", auditRowsInsert(entries)]], QUEUE_AUDIT_ROWS);
  await rawRows(tx, q.text, q.params);
}

/** The statement that queues the rows of CTE `a` (auditRowsInsert) for the sequencer: follows it in one statement. */
export const QUEUE_AUDIT_ROWS = "insert into audit_pending (audit_id) select id from a";

/**
 * The insert of audit rows with their content hashes, `returning id`, with parameters numbered from
 * `first`: a part of a caller's one statement (withInserts), followed by QUEUE_AUDIT_ROWS.
 */
export function auditRowsInsert(entries: (AuditEntry & { at: Date })[], first = 1): RawStatement {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const params: unknown[] = [];
  for (const entry of entries) {
    const row = {
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    };
    params.push(row.at.toISOString(), row.actor, row.action, row.entity, row.entityId, json(row.before), json(row.after), row.reason, auditContentHash(row));
  }
  return { text: auditInsertText(entries.length, first), params };
}

const auditTexts = new Map<string, string>();
/** The text of auditRowsInsert for `n` rows of 9 parameters from `first`, kept per shape so the server prepares it once. */
function auditInsertText(n: number, first: number): string {
  const key = `${n}|${first}`;
  let text = auditTexts.get(key);
  if (text === undefined) {
    const row = (i: number) => {
      const p = (k: number) => `$${first + i * 9 + k}`;
      return `(${p(0)}::timestamptz, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::jsonb, ${p(6)}::jsonb, ${p(7)}, ${p(8)})`;
    };
    text = `insert into audit_log (at, actor, action, entity, entity_id, before, after, reason, content_hash)
      values ${Array.from({ length: n }, (_, i) => row(i)).join(", ")} returning id`;
    if (auditTexts.size >= 2_000) auditTexts.clear();
    auditTexts.set(key, text);
  }
  return text;
}

export type HashedFields = {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
};

const sha256 = (...parts: string[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

/** Legacy chain hash (rows from before the sequencer): sha256 over the previous hash and the canonical row. */
export function auditHash(prevHash: string, row: HashedFields): string {
  return sha256(prevHash, "\n", canonicalRow(row));
}

/** A row's content hash, stored with it at insert: sha256 of the canonical row (keys sorted, so jsonb's reordering is harmless). */
export function auditContentHash(row: HashedFields): string {
  return sha256(canonicalRow(row));
}

/** A link's chain hash: the previous link's hash and the linked row's content hash. */
export function linkHash(prevHash: string, contentHash: string): string {
  return sha256(prevHash, "\n", contentHash);
}

function canonicalRow(row: HashedFields): string {
  return canonical({ ...row, at: row.at.toISOString() });
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

export type ChainProblem = "hash" | "link";
export type ChainStep = { seq: number; auditId: number; hash: string; linkedAt: Date };

/**
 * Walk the chain in link order (audit_links.seq from 1, in pages), checking for each link that seq has
 * no gap, prev_hash is the previous link's hash, the row's content hash matches its content and the
 * link's hash matches both (legacy rows: the stored legacy hash recomputed from the row). `visit` sees
 * every verified link and may stop the walk by returning true.
 */
export async function walkChain(
  db: DbOrTx,
  opts: { toSeq?: number; pageSize?: number; visit?: (step: ChainStep) => boolean | undefined },
): Promise<{ ok: true; checked: number; last: ChainStep | null } | { ok: false; checked: number; brokenId: number; problem: ChainProblem }> {
  const pageSize = opts.pageSize ?? 5_000;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  let last: ChainStep | null = null;
  for (;;) {
    const page = await db
      .select({ link: auditLinks, row: auditLog })
      .from(auditLinks)
      .leftJoin(auditLog, sql`${auditLog.id} = ${auditLinks.auditId}`)
      .where(and(gt(auditLinks.seq, lastSeq), opts.toSeq === undefined ? undefined : lte(auditLinks.seq, opts.toSeq)))
      .orderBy(asc(auditLinks.seq))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, checked, last };
    for (const { link, row: r } of page) {
      if (!r) return { ok: false, checked, brokenId: link.auditId, problem: "link" };
      if (link.seq !== lastSeq + 1 || link.prevHash !== prevHash) return { ok: false, checked, brokenId: r.id, problem: "link" };
      const fields: HashedFields = {
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        reason: r.reason,
      };
      if (r.contentHash === null) {
        // A legacy row: its own prev_hash/hash were the chain, copied into its link by the migration.
        if (r.prevHash !== link.prevHash || r.hash !== link.hash || auditHash(prevHash, fields) !== link.hash) {
          return { ok: false, checked, brokenId: r.id, problem: "hash" };
        }
      } else if (auditContentHash(fields) !== r.contentHash || linkHash(prevHash, r.contentHash) !== link.hash) {
        return { ok: false, checked, brokenId: r.id, problem: "hash" };
      }
      prevHash = link.hash;
      lastSeq = link.seq;
      checked++;
      last = { seq: link.seq, auditId: r.id, hash: link.hash, linkedAt: link.linkedAt };
      if (opts.visit?.(last)) return { ok: true, checked, last };
    }
  }
}

/** How long a committed audit row may wait for the sequencer before audit:verify calls it missing from the chain. */
export const UNLINKED_WINDOW_MS = 60_000;

export type AuditVerification =
  | { ok: true; checked: number; pending: number }
  | { ok: false; checked: number; brokenId: number; problem: ChainProblem }
  /** A row older than the window that no link names: the sequencer did not run, or the row was kept out of the chain. */
  | { ok: false; checked: number; brokenId: number; problem: "unlinked"; unlinked: number };

/**
 * Check the whole chain (walkChain) and that every audit row older than `windowMs` is linked; younger
 * unlinked rows are counted as `pending`. Names the first broken entry.
 */
export async function verifyAudit(deps: Pick<Deps, "db">, opts: { pageSize?: number; windowMs?: number; now?: Date } = {}): Promise<AuditVerification> {
  const walked = await walkChain(deps.db, { pageSize: opts.pageSize });
  if (!walked.ok) return walked;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - (opts.windowMs ?? UNLINKED_WINDOW_MS));
  const [u] = await rows<{ first: string | number | null; old: string | number; young: string | number }>(
    deps.db,
    sql`select min(a.id) filter (where a.at < ${cutoff.toISOString()}::timestamptz) as first,
               count(*) filter (where a.at < ${cutoff.toISOString()}::timestamptz) as old,
               count(*) filter (where a.at >= ${cutoff.toISOString()}::timestamptz) as young
          from audit_log a where not exists (select 1 from audit_links l where l.audit_id = a.id)`,
  );
  if (u.first !== null) return { ok: false, checked: walked.checked, brokenId: Number(u.first), problem: "unlinked", unlinked: Number(u.old) };
  return { ok: true, checked: walked.checked, pending: Number(u.young) };
}
