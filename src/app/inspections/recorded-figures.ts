import { and, gte, inArray, lte, sql } from "drizzle-orm";
import { inspectionInspectors, inspections } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Figures } from "../../domain/figures.js";
import { figuresFromRecords, type RecordForFigures } from "../../domain/inspection-figures.js";

/** First and last day of "YYYY-MM". */
export function periodDays(period: string): { from: string; to: string } {
  const [y, m] = period.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, "0")}` };
}

/** The month's records of these units, in the shape the 月报表 rules read. */
async function monthRecords(db: DbOrTx, unitIds: number[], period: string): Promise<(RecordForFigures & { unitId: number })[]> {
  if (unitIds.length === 0) return [];
  const { from, to } = periodDays(period);
  const rows = await db
    .select({
      unitId: inspections.unitId,
      enterpriseId: inspections.enterpriseId,
      caseNo: inspections.caseNo,
      fineFen: inspections.fineFen,
      suspended: inspections.suspended,
      licenceAction: inspections.licenceAction,
      closed: inspections.closed,
      detentions: inspections.detentions,
      arrests: inspections.arrests,
      inspectorCount: sql<number>`(select count(*)::int from ${inspectionInspectors} where ${inspectionInspectors.inspectionId} = ${inspections.id})`,
    })
    .from(inspections)
    .where(and(inArray(inspections.unitId, unitIds), gte(inspections.inspectedOn, from), lte(inspections.inspectedOn, to)));
  return rows.map((r) => ({ ...r, fineFen: Number(r.fineFen), inspectorCount: Number(r.inspectorCount) }));
}

/**
 * The month's figures as the unit's inspection records give them (src/domain/inspection-figures.ts),
 * or null when the unit recorded no inspection that month (then nothing is pre-filled).
 */
export async function recordedFigures(db: DbOrTx, unitId: number, period: string): Promise<Partial<Figures> | null> {
  const records = await monthRecords(db, [unitId], period);
  return records.length ? figuresFromRecords(records) : null;
}

/** recordedFigures for many units at once (the dashboard): only units with records appear. */
export async function recordedFiguresByUnit(db: DbOrTx, unitIds: number[], period: string): Promise<Map<number, Partial<Figures>>> {
  const records = await monthRecords(db, unitIds, period);
  const byUnit = new Map<number, RecordForFigures[]>();
  for (const r of records) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  return new Map([...byUnit].map(([u, rs]) => [u, figuresFromRecords(rs)]));
}
