import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tips, type Tip } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import type { Deps } from "../deps.js";
import { answerFor } from "../tips/tip-answer.js";
import { lockMergeGroup } from "./merge-group.js";
import { notifyReporter, type ReporterDelivery } from "./notify-reporter.js";

export interface GroupFeedback {
  conclusion: string;
  summary: string;
  decision: string;
  rewardEligibility: string;
}

/**
 * A matter is handled once, on the tip everything else was merged into; each reporter of the group gets
 * the answer all the same, on their own channel, under their own tracking code, with every other tip's
 * code cut out. Each merged tip also gets a public event with that answer, so its receipt shows it on
 * every channel. Runs in the caller's transaction (the root's answer and the group's notices commit
 * together). `kind` is the event kind and `dedupe` names the answer ("closed", a review's), so each
 * reporter is told once per answer. The root reporter is the caller's business.
 */
export async function answerMergeGroup(
  tx: DbOrTx,
  deps: Pick<Deps, "crypto" | "i18n">,
  input: {
    root: Tip;
    feedback: GroupFeedback;
    /** Staff's English version, when written: a member who reports in English reads it, as the root's reporter does. */
    feedbackEn?: GroupFeedback;
    kind: string;
    messageKey: string;
    dedupe: string;
    actor: string;
    now: Date;
    /** More variables of the message for this member (e.g. the last day to object and how, on their channel). */
    vars?: (member: Tip) => Record<string, string>;
    /** Telegram buttons under the message for this member, by locale. */
    markup?: (member: Tip) => ((locale: string) => unknown) | undefined;
  },
): Promise<{ told: { tipId: number; delivery: ReporterDelivery }[] }> {
  const group = await lockMergeGroup(tx, input.root.id);
  const others = group.ids.filter((id) => id !== input.root.id);
  if (!others.length) return { told: [] };
  const rows = await tx.select().from(tips).where(inArray(tips.id, group.ids));
  const codes = rows.map((r) => r.trackingCode);
  const told: { tipId: number; delivery: ReporterDelivery }[] = [];
  for (const member of rows.filter((r) => r.id !== input.root.id)) {
    const feedback = answerFor(input.feedback, member.trackingCode, codes);
    const feedbackEn = input.feedbackEn && answerFor(input.feedbackEn, member.trackingCode, codes);
    const read = member.locale === "en" && feedbackEn ? feedbackEn : feedback;
    await tx.insert(tipEvents).values({
      tipId: member.id,
      kind: input.kind,
      actor: input.actor,
      data: { feedback, ...(feedbackEn ? { feedbackEn } : {}), viaGroup: true, from: member.status, to: member.status },
      public: true,
      at: input.now,
    });
    await tx.update(tips).set({ updatedAt: input.now }).where(eq(tips.id, member.id));
    const delivery = await notifyReporter(
      tx,
      deps,
      member,
      input.messageKey,
      { ...read, ...input.vars?.(member) },
      `tip:${member.id}:${input.dedupe}`,
      undefined,
      input.markup?.(member),
    );
    await appendAudit(
      tx,
      { actor: input.actor, action: `tip.group_${input.kind}`, entity: "tip", entityId: member.id, after: { rootId: input.root.id, delivery } },
      input.now,
    );
    told.push({ tipId: member.id, delivery });
  }
  return { told };
}
