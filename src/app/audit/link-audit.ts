import { desc, sql } from "drizzle-orm";
import { auditLinks } from "../../db/schema.js";
import { rows } from "../../db/client.js";
import type { Deps } from "../deps.js";
import { GENESIS_HASH, linkHash } from "./append-audit.js";

/** Held (transaction-scoped) by the sequencer only: one replica links at a time; intake never takes it. */
const SEQUENCER_LOCK_ID = 7_245_003;

export interface LinkResult {
  /** False when another replica's sequencer held the lock: it links meanwhile. */
  ran: boolean;
  linked: number;
  head: { seq: number; auditId: number; hash: string } | null;
}

/**
 * The sequencer: chain committed, unlinked audit rows (audit_pending) after the current head, in
 * audit id order within a batch, writing one audit_links row each and removing them from the queue in
 * the same transaction — so a crash before the commit leaves them queued for the next run and a link
 * is never written twice. Rows still in an open transaction are not visible yet; a later run links them.
 */
export async function linkAudit(deps: Pick<Deps, "db">, opts: { batch?: number; maxBatches?: number } = {}): Promise<LinkResult> {
  const batch = opts.batch ?? 2_000;
  const maxBatches = opts.maxBatches ?? 50;
  return deps.db.transaction(async (tx) => {
    const [lock] = await rows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK_ID}) as got`);
    if (!lock.got) return { ran: false, linked: 0, head: null };
    const [top] = await tx
      .select({ seq: auditLinks.seq, auditId: auditLinks.auditId, hash: auditLinks.hash })
      .from(auditLinks)
      .orderBy(desc(auditLinks.seq))
      .limit(1);
    let head = top ?? null;
    let linked = 0;
    for (let b = 0; b < maxBatches; b++) {
      const due = await rows<{ id: string | number; content_hash: string }>(
        tx,
        sql`with p as (
          delete from audit_pending where audit_id in (select audit_id from audit_pending order by audit_id limit ${batch})
          returning audit_id
        )
        select a.id, a.content_hash from audit_log a join p on p.audit_id = a.id order by a.id`,
      );
      if (due.length === 0) break;
      const links = [];
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      for (const d of due) {
        const hash = linkHash(prev, d.content_hash);
        links.push({ seq: ++seq, auditId: Number(d.id), prevHash: prev, hash });
        prev = hash;
      }
      await tx.insert(auditLinks).values(links);
      const end = links[links.length - 1];
      head = { seq: end.seq, auditId: end.auditId, hash: end.hash };
      linked += links.length;
      if (due.length < batch) break;
    }
    return { ran: true, linked, head };
  });
}
