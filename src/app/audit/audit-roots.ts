import { and, desc, eq, lt } from "drizzle-orm";
import { auditLinks, auditLog, auditRoots } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { GENESIS_HASH, walkChain } from "./append-audit.js";
import { linkAudit } from "./link-audit.js";

export interface PublishedRoot {
  publishedAt: Date;
  /** The last audit entry the root covers (0 when the log was empty). */
  entryId: number;
  hash: string;
}

/**
 * Record the current head of the audit chain (the last LINKED entry's id and its link hash) as a published
 * root, and write one log line carrying the root and nothing else from the log. Not itself audited:
 * that would move the head it has just published.
 */
export async function publishAuditRoot(deps: Pick<Deps, "db" | "clock" | "logger">): Promise<PublishedRoot> {
  // Link what is committed first, so the root is as fresh as it can be (busy elsewhere: that replica links).
  await linkAudit(deps);
  const [last] = await deps.db.select({ id: auditLinks.auditId, hash: auditLinks.hash }).from(auditLinks).orderBy(desc(auditLinks.seq)).limit(1);
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
  const published = async (entryId: number) =>
    (
      await deps.db
        .select({ id: auditRoots.id })
        .from(auditRoots)
        .where(and(eq(auditRoots.entryId, entryId), eq(auditRoots.hash, root)))
        .limit(1)
    ).length > 0;

  if ("entryId" in input.at) {
    const target = input.at.entryId;
    if (target === 0) {
      return root === GENESIS_HASH
        ? { ok: true, entryId: 0, checked: 0, published: await published(0) }
        : { ok: false, problem: "mismatch", entryId: 0, recomputed: GENESIS_HASH, checked: 0 };
    }
    // The chain is in link order: the entry's place in it is its link's seq.
    const [link] = await deps.db.select({ seq: auditLinks.seq }).from(auditLinks).where(eq(auditLinks.auditId, target)).limit(1);
    if (!link) return { ok: false, problem: "no_entry", entryId: target, checked: 0 };
    const walked = await walkChain(deps.db, { toSeq: link.seq, pageSize: input.pageSize });
    if (!walked.ok) return { ok: false, problem: "chain_broken", brokenId: walked.brokenId, checked: walked.checked };
    if (walked.last?.seq !== link.seq) return { ok: false, problem: "no_entry", entryId: target, checked: walked.checked };
    if (walked.last.hash !== root) return { ok: false, problem: "mismatch", entryId: target, recomputed: walked.last.hash, checked: walked.checked };
    return { ok: true, entryId: target, checked: walked.checked, published: await published(target) };
  }

  // A date: any link up to the last one of an entry written before that day's end (a root published
  // that day names a link of an entry written before it was published).
  const date = input.at.date;
  const dayEnd = new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600_000);
  if (root === GENESIS_HASH) return { ok: true, entryId: 0, checked: 0, published: await published(0) };
  const [last] = await deps.db
    .select({ seq: auditLinks.seq, auditId: auditLinks.auditId })
    .from(auditLinks)
    .innerJoin(auditLog, eq(auditLog.id, auditLinks.auditId))
    .where(lt(auditLog.at, dayEnd))
    .orderBy(desc(auditLinks.seq))
    .limit(1);
  if (!last) return { ok: false, problem: "not_in_day", date, lastEntryId: null, checked: 0 };
  let found: number | null = null;
  const walked = await walkChain(deps.db, {
    toSeq: last.seq,
    pageSize: input.pageSize,
    visit: (step) => {
      if (step.hash !== root) return false;
      found = step.auditId;
      return true;
    },
  });
  if (!walked.ok) return { ok: false, problem: "chain_broken", brokenId: walked.brokenId, checked: walked.checked };
  if (found === null) return { ok: false, problem: "not_in_day", date, lastEntryId: last.auditId, checked: walked.checked };
  return { ok: true, entryId: found, checked: walked.checked, published: await published(found) };
}
