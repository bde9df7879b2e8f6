import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { tipEvents, tips, type Tip } from "../../db/schema.js";
import type { TipStatus } from "../../domain/tip-status.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { isCommittee, lockVisibleTip, requireWriter } from "./scope.js";
import { nextDueColumns } from "./tip-clock-columns.js";

export interface TipActionSpec {
  /** Event kind and audit action suffix, e.g. "accepted" → tip event "accepted", audit "tip.accepted". */
  kind: string;
  /** Statuses the tip may be in for this action: anything else is a conflict. */
  from: readonly TipStatus[];
  to?: TipStatus;
  committeeOnly?: (tip: Tip) => boolean;
  /** A further check on who may act, inside the transaction (e.g. the review belongs to the tier above). */
  authorize?: (tx: DbOrTx, tip: Tip) => Promise<void>;
  /**
   * A reason meant for the reporter (不予受理's reason). On a public event it is shown to them; events
   * written before notes were split kept staff's 备注 here and, having been shown, keep being shown.
   */
  reason?: string | null;
  /** Staff-only note: stored as data.note and as the audit reason; never part of what the reporter reads. */
  note?: string | null;
  /** Words for the reporter, stored as data.message: what a public event shows them. */
  message?: string | null;
  data?: Record<string, unknown>;
  /** Shown to the reporter with their receipt. */
  public?: boolean;
  /** Extra column changes (unit, merged_into, deadlines). */
  set?: Partial<typeof tips.$inferInsert>;
  /**
   * Runs on the locked tip once the status check passed: may refuse (throw an AppError) and may add
   * what depends on the tip's current row (a deadline moved from its stored value, data naming it).
   */
  prepare?: (tip: Tip) => Pick<TipActionSpec, "set" | "data" | "reason" | "message">;
  /** More work in the same transaction (reporter message, unit alert, the other tip of a merge). */
  // biome-ignore lint/suspicious/noConfusingVoidType: most actions add nothing and return nothing
  after?: (tx: DbOrTx, tip: Tip, now: Date) => Promise<Record<string, unknown> | void>;
}

export interface TipActionResult {
  tipId: number;
  status: TipStatus;
  extra: Record<string, unknown>;
}

/**
 * The one path every staff action on a tip takes: role check, visibility (404 outside scope), status
 * check, the change, its tip event and its audit row — one transaction, so the trail never disagrees
 * with the record.
 */
export async function runTipAction(deps: Deps, actor: StaffActor, tipId: number, spec: TipActionSpec): Promise<TipActionResult> {
  requireWriter(actor);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const tip = await lockVisibleTip(tx, actor, tipId);
    if (spec.committeeOnly?.(tip) && !isCommittee(actor)) throw new AppError("forbidden", `${spec.kind} requires the committee role`);
    await spec.authorize?.(tx, tip);
    if (!spec.from.includes(tip.status)) throw new AppError("conflict", `cannot ${spec.kind} a tip that is ${tip.status}`, { status: tip.status });
    const more = spec.prepare?.(tip);
    const act: TipActionSpec = more ? { ...spec, ...more, set: { ...spec.set, ...more.set }, data: { ...spec.data, ...more.data } } : spec;
    const status = act.to ?? tip.status;
    const changed = { ...tip, ...act.set, status };
    await tx
      .update(tips)
      .set({ ...act.set, status, ...nextDueColumns(changed), updatedAt: now })
      .where(eq(tips.id, tip.id));
    const words = { ...(act.note ? { note: act.note } : {}), ...(act.message ? { message: act.message } : {}) };
    const data = { from: tip.status, to: status, ...act.data, ...words };
    await tx
      .insert(tipEvents)
      .values({ tipId: tip.id, kind: act.kind, actor: actorLabel(actor), reason: act.reason ?? null, data, public: act.public ?? false, at: now });
    const extra = (await act.after?.(tx, tip, now)) ?? {};
    await appendAudit(
      tx,
      {
        actor: actorLabel(actor),
        action: `tip.${act.kind}`,
        entity: "tip",
        entityId: tip.id,
        before: { status: tip.status, unitId: tip.unitId },
        after: { status, unitId: act.set?.unitId ?? tip.unitId, ...act.data, ...words },
        reason: act.reason ?? act.note ?? null,
      },
      now,
    );
    return { tipId: tip.id, status, extra };
  });
}

export const OPEN_STATUSES = ["received", "accepted", "investigating"] as const satisfies readonly TipStatus[];
export const RESULT_STATUSES = ["substantiated", "partly_substantiated", "unsubstantiated"] as const satisfies readonly TipStatus[];

export function parseInput<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; code: string }[] } } },
  raw: unknown,
): T {
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new AppError(
      "invalid_input",
      "invalid input",
      r.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  return r.data;
}
