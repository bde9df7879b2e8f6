import { and, asc, eq } from "drizzle-orm";
import { monthlyReports } from "../../db/schema.js";
import type { Figures } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { unitTotals } from "./cumulative.js";
import { addStored, fromStored, zeroStored, type StoredValues } from "./stored-values.js";
import { figuresKeyInput, parseFiguresInput } from "./submit-figures.js";

export interface ReportVersion {
  version: number;
  current: boolean;
  values: Figures;
  late: boolean;
  submittedBy: string;
  reason: string | null;
  submittedAt: Date;
}

export interface UnitMonthReport {
  current: ReportVersion | null;
  /** Oldest first. */
  versions: ReportVersion[];
  /** 累计数: current versions of earlier months of the campaign plus this month's current version. */
  cumulative: Figures;
}

/** One unit's month as filed, with its version history and computed cumulative totals. */
export async function getReport(deps: Pick<Deps, "db">, raw: { campaignId: number; unitId: number; period: string }): Promise<UnitMonthReport> {
  const key = parseFiguresInput(figuresKeyInput, raw);
  const rows = await deps.db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.campaignId, key.campaignId), eq(monthlyReports.unitId, key.unitId), eq(monthlyReports.period, key.period)))
    .orderBy(asc(monthlyReports.version));
  const versions = rows.map(
    (r): ReportVersion => ({
      version: r.version,
      current: r.current,
      values: fromStored(r.values),
      late: r.late,
      submittedBy: r.submittedBy,
      reason: r.reason,
      submittedAt: r.submittedAt,
    }),
  );
  const [totals] = await unitTotals(deps.db, { campaignId: key.campaignId, month: key.period, unitIds: [key.unitId] });
  return {
    current: versions.find((v) => v.current) ?? null,
    versions,
    cumulative: fromStored(totals?.cumulative ?? zeroStored()),
  };
}

/** 累计数 for figures not yet stored (the review screen): earlier months' current versions plus these. */
export async function cumulativeWith(
  deps: Pick<Deps, "db">,
  key: { campaignId: number; unitId: number; period: string },
  month: StoredValues,
): Promise<Figures> {
  const [totals] = await unitTotals(deps.db, { campaignId: key.campaignId, month: key.period, unitIds: [key.unitId] });
  return fromStored(addStored({ ...(totals?.before ?? zeroStored()) }, month));
}
