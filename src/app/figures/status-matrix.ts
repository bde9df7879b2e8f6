import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { monthlyReports, obligations, units } from "../../db/schema.js";
import { endOfShanghaiDay } from "../../domain/deadlines.js";
import type { Deps } from "../deps.js";
import { parseFiguresInput } from "./submit-figures.js";

export type FilingStatus = "on_time" | "late" | "missing" | "not_yet_due";

export interface StatusMatrix {
  months: string[];
  units: { unitId: number; name: string; jurisdictionCode: string; cells: Record<string, FilingStatus | null> }[];
  counts: Record<FilingStatus, number>;
}

export const statusMatrixInput = z.object({ campaignId: z.number().int().positive() });

/**
 * Who has filed: unit × month. A month is "missing" only once its due day has ended (Asia/Shanghai);
 * before that an unfiled month is "not yet due". On time / late is the first filing's: a later
 * correction does not make an on-time filing late. null: the unit owes no form that month.
 */
export async function statusMatrix(deps: Pick<Deps, "db" | "clock">, raw: z.input<typeof statusMatrixInput>): Promise<StatusMatrix> {
  const { campaignId } = parseFiguresInput(statusMatrixInput, raw);
  const now = deps.clock().getTime();
  const owed = await deps.db
    .select({
      unitId: obligations.unitId,
      period: obligations.period,
      dueOn: obligations.dueOn,
      name: units.name,
      jurisdictionCode: units.jurisdictionCode,
    })
    .from(obligations)
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(and(eq(obligations.campaignId, campaignId), eq(obligations.kind, "figures"), ne(obligations.status, "cancelled")))
    .orderBy(asc(units.jurisdictionCode), asc(units.name), asc(units.id), asc(obligations.period));
  const firsts = await deps.db
    .select({ unitId: monthlyReports.unitId, period: monthlyReports.period, late: monthlyReports.late })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.campaignId, campaignId), eq(monthlyReports.version, 1)));
  const filed = new Map(firsts.map((f) => [`${f.unitId}:${f.period}`, f.late]));

  const months = [...new Set(owed.map((o) => o.period))].sort();
  const byUnit = new Map<number, StatusMatrix["units"][number]>();
  const counts: Record<FilingStatus, number> = { on_time: 0, late: 0, missing: 0, not_yet_due: 0 };
  for (const o of owed) {
    let row = byUnit.get(o.unitId);
    if (!row) {
      row = { unitId: o.unitId, name: o.name, jurisdictionCode: o.jurisdictionCode, cells: Object.fromEntries(months.map((m) => [m, null])) };
      byUnit.set(o.unitId, row);
    }
    const late = filed.get(`${o.unitId}:${o.period}`);
    const status: FilingStatus = late === undefined ? (now > endOfShanghaiDay(o.dueOn).getTime() ? "missing" : "not_yet_due") : late ? "late" : "on_time";
    row.cells[o.period] = status;
    counts[status]++;
  }
  return { months, units: [...byUnit.values()], counts };
}
