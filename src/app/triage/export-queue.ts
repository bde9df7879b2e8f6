import { z } from "zod";
import { writeCsv } from "../../domain/csv.js";
import type { Deps } from "../deps.js";
import { AppError } from "../deps.js";
import { listTips, type ListTipsInput, type QueueRow } from "./list-tips.js";

export const QUEUE_EXPORT_MAX_ROWS = 10_000;
const PAGE = 200;

export const queueExportFormat = z.enum(["csv", "xlsx"]);

/** The column headings and value names, in the reader's language: the transport supplies them. */
export interface QueueExportLabels {
  headers: [
    code: string,
    received: string,
    status: string,
    sector: string,
    urgent: string,
    overdue: string,
    channel: string,
    unit: string,
    place: string,
    text: string,
  ];
  status: (code: string) => string;
  sector: (code: string) => string;
  channel: (code: string) => string;
  unit: (row: Pick<QueueRow, "unitName" | "unitNameEn">) => string;
  yes: string;
  no: string;
  sheetName: string;
}

export interface QueueExport {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  rows: number;
  truncated: boolean;
}

/**
 * The queue as a file: exactly the tips the actor's queue shows for the same filters (listTips does
 * the scoping), every page of it up to QUEUE_EXPORT_MAX_ROWS, newest first. The same columns as the
 * queue — never who reported: no chat, phone, name or contact, which the queue does not hold either.
 */
export async function exportQueue(
  deps: Deps,
  input: { filters: Omit<ListTipsInput, "page" | "pageSize">; format: string; labels: QueueExportLabels; timeZone: string },
): Promise<QueueExport> {
  const format = queueExportFormat.safeParse(input.format);
  if (!format.success) throw new AppError("invalid_input", "format must be csv or xlsx");
  const rows: QueueRow[] = [];
  let truncated = false;
  for (let page = 1; ; page++) {
    const result = await listTips(deps, { ...input.filters, page, pageSize: PAGE });
    rows.push(...result.rows);
    if (!result.hasNext) break;
    if (rows.length >= QUEUE_EXPORT_MAX_ROWS) {
      truncated = true;
      break;
    }
  }
  const l = input.labels;
  const when = new Intl.DateTimeFormat("sv-SE", { timeZone: input.timeZone, dateStyle: "short", timeStyle: "short" });
  const grid = [
    l.headers as readonly string[],
    ...rows
      .slice(0, QUEUE_EXPORT_MAX_ROWS)
      .map((r) => [
        r.trackingCode,
        when.format(r.receivedAt),
        l.status(r.status),
        l.sector(r.sectorCode),
        r.urgent ? l.yes : l.no,
        r.overdue ? l.yes : l.no,
        l.channel(r.channel),
        l.unit(r),
        r.jurisdictionName ?? "",
        r.excerpt,
      ]),
  ];
  const stamp = when
    .format(deps.clock())
    .replace(/[^0-9]/g, "")
    .slice(0, 12);
  const base = { rows: grid.length - 1, truncated, fileName: `queue-${stamp}.${format.data}` };
  if (format.data === "csv") return { ...base, body: new TextEncoder().encode(writeCsv(grid)), contentType: "text/csv; charset=utf-8" };
  return { ...base, body: await toXlsx(grid, l.sheetName), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}

/** One sheet; landscape A4, as wide as one page, the heading row repeated on every printed page. */
async function toXlsx(grid: readonly (readonly string[])[], sheetName: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "jubao";
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [16, 17, 10, 12, 6, 6, 9, 24, 24, 60].map((width) => ({ width }));
  // Strings stay strings in xlsx (exceljs never writes a formula for a string value), so no prefix is needed.
  for (const r of grid) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  ws.getColumn(10).alignment = { wrapText: true, vertical: "top" };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: `A1:J${grid.length}`,
    printTitlesRow: "1:1",
  };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
