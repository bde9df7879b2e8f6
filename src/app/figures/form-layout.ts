import { METRICS, type Figures } from "../../domain/figures.js";

export type FormCell = string | number | null;

/** One sheet of an export: its name and its grid of cells. */
export interface NamedGrid {
  sheetName: string;
  grid: FormCell[][];
}

export interface FormContent {
  title: string;
  unitName: string;
  /** 填报时间, already formatted; "" leaves the line blank as on paper. */
  filedOn: string;
  month: Figures | null;
  cumulative: Figures | null;
  footnote: string;
  /** The summary only: how many of the units that owe the form have filed it, and who has not. */
  filing?: { filed: number; due: number; missing: string[] };
}

/** Row numbers (1-based) of the grid, for styling the spreadsheet. */
export const FORM_ROWS = {
  title: 1,
  lines: 2,
  header: 3,
  firstMetric: 4,
  lastMetric: 3 + METRICS.length,
  footnote: 4 + METRICS.length,
  filing: 5 + METRICS.length,
} as const;

/**
 * The 月报表 exactly as the Hengnan seed lays it out: title; 填报单位(盖章) and 填报时间 on one line;
 * a header row (blank, 单位, 本月数, 累计数); one row per metric with the seed's label and unit
 * ("人(次)" for officers); the footnote. Four columns, the grid both xlsx and csv are written from.
 */
export function figuresFormGrid(c: FormContent): FormCell[][] {
  return [
    [c.title, null, null, null],
    [`填报单位(盖章):${c.unitName}`, null, `填报时间:${c.filedOn}`, null],
    [null, "单位", "本月数", "累计数"],
    ...METRICS.map((m): FormCell[] => [m.zh, m.formUnit, c.month?.[m.code] ?? null, c.cumulative?.[m.code] ?? null]),
    [c.footnote, null, null, null],
    ...(c.filing ? [[filingLine(c.filing), null, null, null]] : []),
  ];
}

/** 报送情况:已报送 17/29 个单位;未报送:…, the line a reader of the summary looks for first. */
export function filingLine(f: { filed: number; due: number; missing: string[] }): string {
  return `报送情况:已报送 ${f.filed}/${f.due} 个单位${f.missing.length ? `;未报送:${f.missing.join("、")}` : ";全部报送"}`;
}

/** The form's title names the month it reports, so a printed page cannot be mistaken for another month's. */
export function formTitle(campaignName: string, month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${campaignName}情况月报表(${y}年${m}月)`;
}

export function formFootnote(dueDay: number, submitTo: string): string {
  return `注:本表由各乡镇、负有安全监管职责的部门汇总填写,每月${dueDay}日前向${submitTo}报送(上月情况)。`;
}

/** 2018年8月3日, the way the paper form is dated. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const CSV_NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 with a UTF-8 BOM: Excel otherwise reads UTF-8 Chinese as mojibake. Fines keep two decimals. */
export function gridToCsv(grid: FormCell[][]): string {
  const cell = (v: FormCell, row: number) => {
    if (v === null) return "";
    const s = typeof v === "number" ? formatFormNumber(v, row) : v;
    return CSV_NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + grid.map((r, row) => r.map((v) => cell(v, row + 1)).join(",")).join("\r\n") + "\r\n";
}

export function isMoneyRow(row: number): boolean {
  const metric = METRICS[row - FORM_ROWS.firstMetric];
  return metric?.kind === "money_wan";
}

function formatFormNumber(v: number, row: number): string {
  return isMoneyRow(row) ? v.toFixed(2) : String(v);
}
