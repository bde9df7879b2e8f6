import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { monthlyReports, obligations } from "../../db/schema.js";
import { isUniqueViolation } from "../../db/errors.js";
import { validateFigures, type Figures } from "../../domain/figures.js";
import { endOfShanghaiDay } from "../../domain/deadlines.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { toStored, PERIOD_RE } from "./stored-values.js";

export const figuresKeyInput = z.object({
  campaignId: z.number().int().positive(),
  unitId: z.number().int().positive(),
  period: z.string().regex(PERIOD_RE),
});

export const submitFiguresInput = figuresKeyInput.extend({
  values: z.record(z.string(), z.number()),
  /** Who files: "liaison:<id>" or "staff:<username>". */
  by: z.string().min(1).max(100),
});
export type SubmitFiguresInput = z.input<typeof submitFiguresInput>;

export interface SubmittedFigures {
  reportId: number;
  version: number;
  late: boolean;
}

export function parseFiguresInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid figures input",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  return parsed.data;
}

export function checkedFigures(values: Record<string, number>): Figures {
  const checked = validateFigures(values);
  if (!checked.ok) throw new AppError("invalid_input", "invalid figures", checked.errors);
  return checked.values;
}

/**
 * First filing of a unit's month: version 1, `late` if after the end of the due day in Asia/Shanghai,
 * and the figures obligation done — all in one transaction with its audit row. A second first filing
 * is a conflict (the partial unique index on current versions makes that a database fact): later
 * changes are corrections, with a reason.
 */
export async function submitFigures(deps: Deps, raw: SubmitFiguresInput): Promise<SubmittedFigures> {
  const input = parseFiguresInput(submitFiguresInput, raw);
  const figures = checkedFigures(input.values);
  const now = deps.clock();
  try {
    return await deps.db.transaction(async (tx) => {
      const [obligation] = await tx
        .select()
        .from(obligations)
        .where(
          and(
            eq(obligations.campaignId, input.campaignId),
            eq(obligations.unitId, input.unitId),
            eq(obligations.kind, "figures"),
            eq(obligations.period, input.period),
          ),
        )
        .for("update");
      if (!obligation || obligation.status === "cancelled") throw new AppError("not_found", "no figures obligation for this unit and month");
      const [existing] = await tx
        .select({ id: monthlyReports.id })
        .from(monthlyReports)
        .where(and(eq(monthlyReports.campaignId, input.campaignId), eq(monthlyReports.unitId, input.unitId), eq(monthlyReports.period, input.period)))
        .limit(1);
      if (existing) throw new AppError("conflict", "already submitted: file a correction instead");
      const late = now.getTime() > endOfShanghaiDay(obligation.dueOn).getTime();
      const values = toStored(figures);
      const [report] = await tx
        .insert(monthlyReports)
        .values({
          campaignId: input.campaignId,
          unitId: input.unitId,
          period: input.period,
          version: 1,
          current: true,
          values,
          late,
          submittedBy: input.by,
          submittedAt: now,
        })
        .returning({ id: monthlyReports.id });
      await tx.update(obligations).set({ status: "done", doneAt: now, doneBy: input.by }).where(eq(obligations.id, obligation.id));
      await appendAudit(
        tx,
        {
          actor: input.by,
          action: "figures.submit",
          entity: "monthly_report",
          entityId: report.id,
          after: { campaignId: input.campaignId, unitId: input.unitId, period: input.period, version: 1, late, values },
        },
        now,
      );
      return { reportId: report.id, version: 1, late };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "already submitted: file a correction instead");
    throw err;
  }
}
