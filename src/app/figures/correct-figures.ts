import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { monthlyReports } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { toStored } from "./stored-values.js";
import { isUniqueViolation } from "../../db/errors.js";
import { checkedFigures, parseFiguresInput, submitFiguresInput, type SubmittedFigures } from "./submit-figures.js";

export const correctFiguresInput = submitFiguresInput.extend({
  reason: z.string().trim().min(2).max(500),
});
export type CorrectFiguresInput = z.input<typeof correctFiguresInput>;

/**
 * A correction after submission: version n+1 becomes current and version n stops being current, in
 * one transaction (the old row is switched off first, because the partial unique index allows one
 * current version). Who and why are kept on the row and in the audit log. `late` stays the first
 * filing's: lateness is about when the unit filed, the version history shows when it amended.
 */
export async function correctFigures(deps: Deps, raw: CorrectFiguresInput): Promise<SubmittedFigures> {
  const input = parseFiguresInput(correctFiguresInput, raw);
  const figures = checkedFigures(input.values);
  const now = deps.clock();
  try {
    return await deps.db.transaction(async (tx) => {
      const key = and(eq(monthlyReports.campaignId, input.campaignId), eq(monthlyReports.unitId, input.unitId), eq(monthlyReports.period, input.period));
      // FOR UPDATE serialises two corrections: the second sees current = false and reports a conflict.
      const [previous] = await tx
        .select()
        .from(monthlyReports)
        .where(and(key, eq(monthlyReports.current, true)))
        .for("update");
      if (!previous) {
        // Under READ COMMITTED a correction that waited on the lock finds the row it waited for no
        // longer current: that is a concurrent correction, not a month never filed.
        const [any] = await tx.select({ id: monthlyReports.id }).from(monthlyReports).where(key).limit(1);
        throw any ? new AppError("conflict", "corrected concurrently") : new AppError("not_found", "nothing submitted yet for this unit and month");
      }
      const switched = await tx
        .update(monthlyReports)
        .set({ current: false })
        .where(and(eq(monthlyReports.id, previous.id), eq(monthlyReports.current, true)))
        .returning({ id: monthlyReports.id });
      if (switched.length === 0) throw new AppError("conflict", "corrected concurrently");
      const values = toStored(figures);
      const version = previous.version + 1;
      const [report] = await tx
        .insert(monthlyReports)
        .values({
          campaignId: input.campaignId,
          unitId: input.unitId,
          period: input.period,
          version,
          current: true,
          values,
          late: previous.late,
          submittedBy: input.by,
          reason: input.reason,
          submittedAt: now,
        })
        .returning({ id: monthlyReports.id });
      await appendAudit(
        tx,
        {
          actor: input.by,
          action: "figures.correct",
          entity: "monthly_report",
          entityId: report.id,
          reason: input.reason,
          before: { version: previous.version, values: previous.values },
          after: { version, values },
        },
        now,
      );
      return { reportId: report.id, version, late: previous.late };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "corrected concurrently");
    throw err;
  }
}
