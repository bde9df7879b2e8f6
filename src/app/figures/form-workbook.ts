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
  });
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
