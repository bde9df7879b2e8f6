import { and, asc, desc, eq, gt, lt, lte } from "drizzle-orm";
import { auditLog, auditRoots } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { auditHash, GENESIS_HASH } from "./append-audit.js";

export interface PublishedRoot {
  publishedAt: Date;
  /** The last audit entry the root covers (0 when the log was empty). */
  entryId: number;
  hash: string;
}

/**
 * Record the current head of the audit chain (the last committed entry's id and hash) as a published
 * root, and write one log line carrying the root and nothing else from the log. Not itself audited:
 * that would move the head it has just published.
 */
export async function publishAuditRoot(deps: Pick<Deps, "db" | "clock" | "logger">): Promise<PublishedRoot> {
  const [last] = await deps.db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const root = { publishedAt: deps.clock(), entryId: last?.id ?? 0, hash: last?.hash ?? GENESIS_HASH };
  await deps.db.insert(auditRoots).values(root);
  deps.logger.info("audit root published", { entryId: root.entryId, hash: root.hash, publishedAt: root.publishedAt.toISOString() });
  return root;
}

/** Published roots, newest first: public (a root says nothing about what the entries hold). */
export async function listAuditRoots(deps: Pick<Deps, "db">, opts: { limit?: number } = {}): Promise<PublishedRoot[]> {
  const limit = Math.min(Math.max(opts.limit ?? 400, 1), 2_000);
  return deps.db
    .select({ publishedAt: auditRoots.publishedAt, entryId: auditRoots.entryId, hash: auditRoots.hash })
    .from(auditRoots)
    .orderBy(desc(auditRoots.id))
    .limit(limit);
}

/** `--at`: an entry id, or a publication date (YYYY-MM-DD, Asia/Shanghai) — then any entry up to that day's end. */
export type RootAt = { entryId: number } | { date: string };

export type RootVerification =
  | { ok: true; entryId: number; checked: number; published: boolean }
  /** The stored chain itself does not hold before the entry: an entry's hash or link was rewritten. */
  | { ok: false; problem: "chain_broken"; brokenId: number; checked: number }
  /** Today's chain has no such entry (it was removed, or the id is wrong). */
  | { ok: false; problem: "no_entry"; entryId: number; checked: number }
  /** The chain recomputed to the entry gives another hash: history up to it differs from when the root was seen. */
  | { ok: false; problem: "mismatch"; entryId: number; recomputed: string; checked: number }
  /** No entry up to the end of that day recomputes to the root. */
  | { ok: false; problem: "not_in_day"; date: string; lastEntryId: number | null; checked: number };

const HASH_RE = /^[0-9a-f]{64}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse `--at`: a positive integer is an entry id, YYYY-MM-DD a date; anything else is null. */
export function parseRootAt(value: string): RootAt | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return { entryId: Number(v) };
  if (DATE_RE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00+08:00`))) return { date: v };
  return null;
}

export function isRootHash(value: string): boolean {
  return HASH_RE.test(value.trim().toLowerCase());
}

/**
 * Prove that `root` is a prefix of today's chain: recompute the chain from the genesis hash through
 * the entry named by `at` (or, for a date, through the last entry of that day in Asia/Shanghai,
 * accepting any entry whose recomputed hash is the root) and compare. Every entry on the way is
 * checked against its stored hash and link, so a rewrite that was re-chained after it is still named.
 * Does not trust audit_roots: the root is the outsider's copy; `published` only says whether the
 * table also holds it.
 */
export async function verifyAuditRoot(deps: Pick<Deps, "db">, input: { root: string; at: RootAt; pageSize?: number }): Promise<RootVerification> {
  const root = input.root.trim().toLowerCase();
  const pageSize = input.pageSize ?? 5_000;
  const published = async (entryId: number) =>
    (
      await deps.db
        .select({ id: auditRoots.id })
        .from(auditRoots)
        .where(and(eq(auditRoots.entryId, entryId), eq(auditRoots.hash, root)))
        .limit(1)
    ).length > 0;

  let target: number | null;
  let dayEnd: Date | null = null;
  if ("entryId" in input.at) {
    target = input.at.entryId;
    if (target === 0) {
      return root === GENESIS_HASH
        ? { ok: true, entryId: 0, checked: 0, published: await published(0) }
        : { ok: false, problem: "mismatch", entryId: 0, recomputed: GENESIS_HASH, checked: 0 };
    }
    const [row] = await deps.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.id, target)).limit(1);
    if (!row) return { ok: false, problem: "no_entry", entryId: target, checked: 0 };
  } else {
    dayEnd = new Date(Date.parse(`${input.at.date}T00:00:00+08:00`) + 24 * 3600_000);
    const [row] = await deps.db.select({ id: auditLog.id }).from(auditLog).where(lt(auditLog.at, dayEnd)).orderBy(desc(auditLog.id)).limit(1);
    target = row?.id ?? null;
    if (root === GENESIS_HASH) return { ok: true, entryId: 0, checked: 0, published: await published(0) };
    if (target === null) return { ok: false, problem: "not_in_day", date: input.at.date, lastEntryId: null, checked: 0 };
  }

  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const page = await deps.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, lastId), lte(auditLog.id, target)))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.prevHash !== prevHash) return { ok: false, problem: "chain_broken", brokenId: r.id, checked };
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
      if (expected !== r.hash) return { ok: false, problem: "chain_broken", brokenId: r.id, checked };
      checked++;
      prevHash = expected;
      lastId = r.id;
      if (dayEnd && expected === root) return { ok: true, entryId: r.id, checked, published: await published(r.id) };
    }
  }
  if (dayEnd) return { ok: false, problem: "not_in_day", date: (input.at as { date: string }).date, lastEntryId: target, checked };
  if (lastId !== target) return { ok: false, problem: "no_entry", entryId: target, checked };
  if (prevHash !== root) return { ok: false, problem: "mismatch", entryId: target, recomputed: prevHash, checked };
  return { ok: true, entryId: target, checked, published: await published(target) };
}
