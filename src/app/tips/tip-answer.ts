import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tips } from "../../db/schema.js";
import { withoutOtherCodes } from "../../domain/duplicates.js";
import { answerFromEventData, type AnswerItems, type TipAnswer } from "../../domain/tip-answer.js";

export type { TipAnswer };

type Feedback = AnswerItems;

/** Merges form a small tree; a bound keeps a corrupt cycle from looping forever. */
const MAX_DEPTH = 50;

/** The tip every tip of a matter was (transitively) merged into, and every tip of the matter — without locks, for reading. */
export async function readMergeGroup(db: DbOrTx, tipId: number): Promise<{ rootId: number; members: { id: number; trackingCode: string }[] }> {
  let rootId = tipId;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const [row] = await db.select({ mergedInto: tips.mergedInto }).from(tips).where(eq(tips.id, rootId));
    if (!row?.mergedInto || row.mergedInto === rootId) break;
    rootId = row.mergedInto;
  }
  const members = new Map<number, string>();
  let frontier = [rootId];
  const [root] = await db.select({ id: tips.id, trackingCode: tips.trackingCode }).from(tips).where(eq(tips.id, rootId));
  if (root) members.set(root.id, root.trackingCode);
  for (let i = 0; i < MAX_DEPTH && frontier.length; i++) {
    const children = await db.select({ id: tips.id, trackingCode: tips.trackingCode }).from(tips).where(inArray(tips.mergedInto, frontier));
    frontier = children.filter((c) => !members.has(c.id)).map((c) => c.id);
    for (const c of children) members.set(c.id, c.trackingCode);
  }
  return { rootId, members: [...members].map(([id, trackingCode]) => ({ id, trackingCode })) };
}

/** The latest four-item answer given on one tip (the closing answer, or a later one such as a review's), or null. */
export async function latestAnswerOn(db: DbOrTx, tipId: number): Promise<TipAnswer | null> {
  const rows = await db
    .select({ data: tipEvents.data, at: tipEvents.at })
    .from(tipEvents)
    .where(and(eq(tipEvents.tipId, tipId), eq(tipEvents.public, true)))
    .orderBy(desc(tipEvents.id))
    .limit(200);
  for (const r of rows) {
    const answer = answerFromEventData(r.data, r.at);
    if (answer) return answer;
  }
  return null;
}

/** The four items with every other tip's tracking code cut out, for the reporter holding `ownCode`. */
export function answerFor<T extends Feedback>(answer: T, ownCode: string, groupCodes: readonly string[]): T {
  const scrub = (s: string) => withoutOtherCodes(s, ownCode, groupCodes);
  return {
    ...answer,
    conclusion: scrub(answer.conclusion),
    summary: scrub(answer.summary),
    decision: scrub(answer.decision),
    rewardEligibility: scrub(answer.rewardEligibility),
  };
}

/**
 * The answer a reporter reads: a merged tip's is its group root's (the matter is handled, and answered,
 * once), with the other tips' tracking codes removed.
 */
export async function groupAnswer(db: DbOrTx, tip: { id: number; trackingCode: string }): Promise<TipAnswer | null> {
  const group = await readMergeGroup(db, tip.id);
  const answer = await latestAnswerOn(db, group.rootId);
  return (
    answer &&
    answerFor(
      answer,
      tip.trackingCode,
      group.members.map((m) => m.trackingCode),
    )
  );
}
