import { CsvError, parse } from "csv-parse/sync";

/**
 * CSV as people really have it: Excel on Chinese Windows writes GBK (GB18030), "CSV UTF-8" writes
 * UTF-8 with a BOM, other tools UTF-8 without one. Bytes are decoded strictly — UTF-8 first, since
 * GB18030 would accept almost any byte sequence — and then parsed by csv-parse (RFC 4180). Each record
 * carries the line it started on, so errors can name the row a person sees in a spreadsheet.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvEncoding = "utf-8" | "gb18030";

export type CsvDecodeResult = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; reason: "utf16" | "undecodable" };

export function decodeCsvBytes(bytes: Uint8Array): CsvDecodeResult {
  // "Unicode text" from Excel is UTF-16 (tab-separated): not a CSV this importer reads.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: "utf16" };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "utf-8" };
  } catch {
    // A file that announces UTF-8 and is not is broken, not GBK.
    if (bom) return { ok: false, reason: "undecodable" };
  }
  try {
    return { ok: true, text: new TextDecoder("gb18030", { fatal: true }).decode(body), encoding: "gb18030" };
  } catch {
    return { ok: false, reason: "undecodable" };
  }
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: "unterminated_quote" | "quote_in_field" };

export function parseCsv(input: string): CsvParseResult {
  // One record delimiter keeps csv-parse's line count exact; a line break inside a quoted field becomes LF.
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, "\n");
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: "\n" }) as unknown as typeof rows;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof (err as CsvError & { lines?: number }).lines === "number" ? (err as CsvError & { lines: number }).lines : 1;
    return { ok: false, line, reason: err.code === "CSV_QUOTE_NOT_CLOSED" ? "unterminated_quote" : "quote_in_field" };
  }
  // info.lines is the line a record ends on; a record spanning lines started that many lines earlier.
  return {
    ok: true,
    records: rows.map(({ record, info }) => ({ line: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0), fields: record })),
  };
}

/** What is wrong with a file as a whole (before any row is read), named by the row it was found on. */
export interface CsvTableError {
  row: number;
  field: string;
  code: "encoding" | "csv" | "header" | "empty" | "too_many";
  detail?: string;
}

export type CsvTableResult = { ok: true; records: CsvRecord[]; get: (record: CsvRecord, column: string) => string } | { ok: false; error: CsvTableError };

/**
 * A CSV file with a header row, read the way every import reads it: bytes decoded (UTF-8/GBK/GB18030)
 * or text as given, NUL refused, parsed, the header checked for `columns` (any order, case-insensitive,
 * extra columns ignored), at least one and at most `maxRows` data rows. `get` returns a trimmed cell.
 */
export function readCsvTable(input: { csv: string } | { bytes: Uint8Array }, columns: readonly string[], maxRows: number): CsvTableResult {
  const decoded = "csv" in input ? ({ ok: true, text: input.csv } as const) : decodeCsvBytes(input.bytes);
  if (!decoded.ok) return { ok: false, error: { row: 1, field: "", code: "encoding", detail: decoded.reason } };
  // A NUL is never in a text CSV (a UTF-16 "Unicode text" export is full of them), and PostgreSQL refuses it.
  const nul = decoded.text.indexOf("\u0000");
  if (nul >= 0) return { ok: false, error: { row: decoded.text.slice(0, nul).split("\n").length, field: "", code: "encoding", detail: "nul" } };
  const csv = parseCsv(decoded.text);
  if (!csv.ok) return { ok: false, error: { row: csv.line, field: "", code: "csv", detail: csv.reason } };
  const [header, ...records] = csv.records;
  const names = header?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = columns.filter((c) => !names.includes(c));
  if (!header || missing.length) return { ok: false, error: { row: 1, field: missing.join(", "), code: "header" } };
  if (records.length === 0) return { ok: false, error: { row: 2, field: "", code: "empty" } };
  if (records.length > maxRows) return { ok: false, error: { row: maxRows + 2, field: "", code: "too_many", detail: String(maxRows) } };
  return { ok: true, records, get: (record, column) => (record.fields[names.indexOf(column)] ?? "").trim() };
}

/**
 * RFC 4180 with a UTF-8 BOM (Excel reads UTF-8 Chinese right only with it). A cell that starts like a
 * formula (= + - @, tab, CR) is prefixed with ' so a spreadsheet shows it as text instead of running it
 * (CSV injection); `unguardCell` takes that prefix off again when such a file comes back.
 */
export function writeCsv(grid: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${grid.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

export function unguardCell(v: string): string {
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}
