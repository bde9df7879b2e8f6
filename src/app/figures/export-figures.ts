import { and, asc, eq, lte, ne } from "drizzle-orm";
import { z } from "zod";
import { campaigns, campaignTemplates, jurisdictions, monthlyReports, obligations, units } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import { chineseDate, figuresFormGrid, formFootnote, formTitle, gridToCsv, type FormCell } from "./form-layout.js";
import { writeFormWorkbook } from "./form-workbook.js";
import { addStored, fromStored, PERIOD_RE, zeroStored, type StoredValues } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";

export const exportFiguresInput = z.object({
  campaignId: z.number().int().positive(),
  month: z.string().regex(PERIOD_RE),
  format: z.enum(["xlsx", "csv"]),
  /** One unit only, by id or key (csv: that unit's form instead of the summary; xlsx: that unit's sheet). */
  unit: z.union([z.number().int().positive(), z.string().trim().min(1).max(40)]).optional(),
});
export type ExportFiguresInput = z.input<typeof exportFiguresInput>;

export interface ExportedFigures {
  body: Uint8Array;
  contentType: string;
  fileName: string;
}

export interface NamedGrid { sheetName: string; grid: FormCell[][] }

/**
 * The month's 月报表 for a campaign: xlsx with the summary (汇总 of all units) and one sheet per unit,
 * or csv of the summary or of one unit. Current versions only; 累计数 sums the campaign's months up
 * to and including this one. A unit that has not filed gets an empty form, as on paper.
 */
export async function exportFigures(deps: Pick<Deps, "db" | "clock">, raw: ExportFiguresInput): Promise<ExportedFigures> {
  const input = parseFiguresInput(exportFiguresInput, raw);
  const unitId = input.unit === undefined ? undefined : await resolveUnit(deps, input.unit);
  const grids = await figuresGrids(deps, { ...input, unitId });
  const base = `figures-${input.campaignId}-${input.month}${unitId ? `-unit-${unitId}` : ""}`;
  if (input.format === "csv") {
    const grid = unitId ? grids[1].grid : grids[0].grid;
    return { body: new TextEncoder().encode(gridToCsv(grid)), contentType: "text/csv; charset=utf-8", fileName: `${base}.csv` };
  }
  const sheets = unitId ? grids.slice(1) : grids;
  return {
    body: await writeFormWorkbook(sheets, `${grids[0].grid[0][0]} ${input.month}`),
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: `${base}.xlsx`,
  };
}

async function resolveUnit(deps: Pick<Deps, "db">, unit: number | string): Promise<number> {
  if (typeof unit === "number" || /^\d+$/.test(unit)) return Number(unit);
  const [row] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, unit));
  if (!row) throw new AppError("not_found", `no unit ${unit}`);
  return row.id;
}

/** [summary, ...one per unit], each the seed's form as a grid. */
export async function figuresGrids(deps: Pick<Deps, "db" | "clock">, input: { campaignId: number; month: string; unitId?: number }): Promise<NamedGrid[]> {
  const [campaign] = await deps.db.select({
    name: campaigns.name, dueDay: campaigns.figuresDueDay, template: campaignTemplates.body, issuerUnit: units.name, issuerPlace: jurisdictions.name,
  }).from(campaigns)
    .leftJoin(campaignTemplates, eq(campaignTemplates.code, campaigns.templateCode))
    .leftJoin(units, eq(units.id, campaigns.issuingUnitId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, campaigns.issuingJurisdictionCode))
    .where(eq(campaigns.id, input.campaignId));
  if (!campaign) throw new AppError("not_found", `no campaign ${input.campaignId}`);
  const template = campaign.template as { nameZh?: string; figures?: { dueDay?: number; submitTo?: string } } | null;
  const issuer = campaign.issuerUnit ?? `${campaign.issuerPlace}安委办`;
  const title = formTitle(template?.nameZh ?? campaign.name);
  const footnote = formFootnote(campaign.dueDay ?? template?.figures?.dueDay ?? 10, template?.figures?.submitTo ?? issuer);

  const owing = await deps.db.selectDistinct({ id: units.id, name: units.name, code: units.jurisdictionCode }).from(obligations)
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(and(eq(obligations.campaignId, input.campaignId), eq(obligations.kind, "figures"), ne(obligations.status, "cancelled")))
    .orderBy(asc(units.jurisdictionCode), asc(units.name), asc(units.id));
  const reports = await deps.db.select({ unitId: monthlyReports.unitId, period: monthlyReports.period, values: monthlyReports.values, at: monthlyReports.submittedAt })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.campaignId, input.campaignId), eq(monthlyReports.current, true), lte(monthlyReports.period, input.month)));
  const unitList = input.unitId ? owing.filter((u) => u.id === input.unitId) : owing;
  if (input.unitId && unitList.length === 0) throw new AppError("not_found", `unit ${input.unitId} files no figures in campaign ${input.campaignId}`);

  const total = { month: zeroStored(), cumulative: zeroStored() };
  const unitGrids: NamedGrid[] = [];
  for (const u of owing) {
    const mine = reports.filter((r) => r.unitId === u.id);
    const thisMonth = mine.find((r) => r.period === input.month);
    const cumulative = mine.reduce((sum, r) => addStored(sum, r.values as StoredValues), zeroStored());
    if (thisMonth) addStored(total.month, thisMonth.values as StoredValues);
    addStored(total.cumulative, cumulative);
    if (!unitList.includes(u)) continue;
    unitGrids.push({
      sheetName: u.name,
      grid: figuresFormGrid({
        title, footnote, unitName: u.name, filedOn: thisMonth ? chineseDate(shanghaiDate(thisMonth.at)) : "",
        month: thisMonth ? fromStored(thisMonth.values) : null, cumulative: mine.length ? fromStored(cumulative) : null,
      }),
    });
  }
  const summary = figuresFormGrid({
    title, footnote, unitName: `${issuer}(汇总)`, filedOn: chineseDate(shanghaiDate(deps.clock())),
    month: fromStored(total.month), cumulative: fromStored(total.cumulative),
  });
  return [{ sheetName: "汇总", grid: summary }, ...unitGrids];
}
