import { and, asc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { campaigns, campaignTemplates, jurisdictions, obligations, units } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import { chineseDate, figuresFormGrid, formFootnote, formTitle, gridToCsv, type NamedGrid } from "./form-layout.js";
import { writeFormWorkbook } from "./form-workbook.js";
import { addStored, fromStored, PERIOD_RE, zeroStored } from "./stored-values.js";
import { unitTotals } from "./cumulative.js";
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

/**
 * The month's 月报表 for a campaign: xlsx with the summary (汇总 of all units) and one sheet per unit,
 * or csv of the summary or of one unit. Month and 累计数 come from unitTotals (the one 累计数 query).
 * A unit that has not filed gets an empty form, as on paper.
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
    body: await writeFormWorkbook(sheets, String(grids[0].grid[0][0])),
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
  const [campaign] = await deps.db
    .select({
      name: campaigns.name,
      dueDay: campaigns.figuresDueDay,
      template: campaignTemplates.body,
      issuerUnit: units.name,
      issuerPlace: jurisdictions.name,
    })
    .from(campaigns)
    .leftJoin(campaignTemplates, eq(campaignTemplates.code, campaigns.templateCode))
    .leftJoin(units, eq(units.id, campaigns.issuingUnitId))
    .innerJoin(jurisdictions, eq(jurisdictions.code, campaigns.issuingJurisdictionCode))
    .where(eq(campaigns.id, input.campaignId));
  if (!campaign) throw new AppError("not_found", `no campaign ${input.campaignId}`);
  const template = campaign.template as { nameZh?: string; figures?: { dueDay?: number; submitTo?: string } } | null;
  const issuer = campaign.issuerUnit ?? `${campaign.issuerPlace}安委办`;
  const title = formTitle(template?.nameZh ?? campaign.name, input.month);
  const footnote = formFootnote(campaign.dueDay ?? template?.figures?.dueDay ?? 10, template?.figures?.submitTo ?? issuer);

  // Every unit that owes the form, and every unit that filed (a cancelled duty keeps what was filed).
  const totals = await unitTotals(deps.db, { campaignId: input.campaignId, month: input.month });
  const filedIds = totals.map((t) => t.unitId);
  const listed = await deps.db
    .selectDistinct({ id: units.id, name: units.name, code: units.jurisdictionCode })
    .from(units)
    .leftJoin(
      obligations,
      and(eq(obligations.unitId, units.id), eq(obligations.campaignId, input.campaignId), eq(obligations.kind, "figures"), ne(obligations.status, "cancelled")),
    )
    .where(or(isNotNull(obligations.id), filedIds.length ? inArray(units.id, filedIds) : sql`false`))
    .orderBy(asc(units.jurisdictionCode), asc(units.name), asc(units.id));
  const unitList = input.unitId ? listed.filter((u) => u.id === input.unitId) : listed;
  if (input.unitId && unitList.length === 0) throw new AppError("not_found", `unit ${input.unitId} files no figures in campaign ${input.campaignId}`);

  const byUnit = new Map(totals.map((t) => [t.unitId, t]));
  const total = { month: zeroStored(), cumulative: zeroStored() };
  for (const t of totals) {
    if (t.month) addStored(total.month, t.month);
    addStored(total.cumulative, t.cumulative);
  }
  const unitGrids: NamedGrid[] = unitList.map((u) => {
    const mine = byUnit.get(u.id);
    return {
      sheetName: u.name,
      grid: figuresFormGrid({
        title,
        footnote,
        unitName: u.name,
        filedOn: mine?.monthFiledAt ? chineseDate(shanghaiDate(mine.monthFiledAt)) : "",
        month: mine?.month ? fromStored(mine.month) : null,
        cumulative: mine ? fromStored(mine.cumulative) : null,
      }),
    };
  });
  const summary = figuresFormGrid({
    title,
    footnote,
    unitName: `${issuer}(汇总)`,
    filedOn: chineseDate(shanghaiDate(deps.clock())),
    month: fromStored(total.month),
    cumulative: fromStored(total.cumulative),
    filing: {
      filed: listed.filter((u) => byUnit.get(u.id)?.month).length,
      due: listed.length,
      missing: listed.filter((u) => !byUnit.get(u.id)?.month).map((u) => u.name),
    },
  });
  return [{ sheetName: "汇总", grid: summary }, ...unitGrids];
}
