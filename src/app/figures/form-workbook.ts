import type { NamedGrid } from "./form-layout.js";
import { FORM_ROWS, isMoneyRow } from "./form-layout.js";

const FORBIDDEN = /[[\]:*?/\\]/g;

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(FORBIDDEN, "_").slice(0, 31) || "sheet";
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * Each sheet prints on one A4 page: the four-column form fits portrait; fitToPage shrinks a long
 * summary instead of spilling onto a second sheet of paper, and the header row repeats if a printer
 * setting ever splits it anyway.
 */
function printOnOnePage(ws: import("exceljs").Worksheet, rows: number): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    horizontalCentered: true,
    printArea: `A1:D${rows}`,
    printTitlesRow: `${FORM_ROWS.header}:${FORM_ROWS.header}`,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
}

/** The grids as an .xlsx workbook laid out like the paper form (merged title, bordered table). */
export async function writeFormWorkbook(sheets: NamedGrid[], title: string): Promise<Uint8Array> {
  // Loaded on demand: only exports need it, and it is large.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.title = title;
  wb.creator = "jubao";
  const names = sheetNames(sheets.map((s) => s.sheetName));
  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(names[i]);
    ws.columns = [{ width: 44 }, { width: 10 }, { width: 14 }, { width: 14 }];
    s.grid.forEach((cells) => ws.addRow(cells.map((c) => c ?? null)));
    ws.mergeCells(FORM_ROWS.title, 1, FORM_ROWS.title, 4);
    ws.mergeCells(FORM_ROWS.lines, 1, FORM_ROWS.lines, 2);
    ws.mergeCells(FORM_ROWS.lines, 3, FORM_ROWS.lines, 4);
    ws.mergeCells(FORM_ROWS.footnote, 1, FORM_ROWS.footnote, 4);
    const titleCell = ws.getCell(FORM_ROWS.title, 1);
    titleCell.font = { bold: true, size: 14 };
    titleCell.alignment = { horizontal: "center" };
    ws.getCell(FORM_ROWS.footnote, 1).alignment = { wrapText: true };
    ws.getRow(FORM_ROWS.footnote).height = 32;
    for (let r = FORM_ROWS.header; r <= FORM_ROWS.lastMetric; r++) {
      for (let c = 1; c <= 4; c++) {
        const cell = ws.getCell(r, c);
        cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
        if (c >= 2) cell.alignment = { horizontal: "center" };
        if (c >= 3 && isMoneyRow(r)) cell.numFmt = "0.00";
      }
    }
    ws.getCell(FORM_ROWS.header, 1).alignment = { wrapText: true };
    if (s.grid.length >= FORM_ROWS.filing) {
      ws.mergeCells(FORM_ROWS.filing, 1, FORM_ROWS.filing, 4);
      const filing = ws.getCell(FORM_ROWS.filing, 1);
      filing.alignment = { wrapText: true, vertical: "top" };
      filing.font = { bold: true };
      // About 40 Chinese characters fit on a line of the four merged columns.
      ws.getRow(FORM_ROWS.filing).height = 16 * Math.max(1, Math.ceil(String(filing.value ?? "").length / 40));
    }
    printOnOnePage(ws, s.grid.length);
  });
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
