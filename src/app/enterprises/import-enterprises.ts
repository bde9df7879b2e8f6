import { inArray } from "drizzle-orm";
import { z } from "zod";
import { enterprises, jurisdictions } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { decodeCsvBytes, parseCsv } from "../../domain/csv.js";
import { levelFromImport, sectorFromImport } from "../../domain/import-values.js";
import { garbled } from "../../domain/mojibake.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { writeEnterprise, type EnterpriseFields } from "./write-enterprise.js";

export const CSV_COLUMNS = ["name", "credit_code", "sector", "jurisdiction_code", "supervising_level", "risk_class", "blacklisted"] as const;
export const MAX_IMPORT_ROWS = 20_000;
const RISKS = ["good", "average", "poor"] as const;
const YES = new Set(["1", "true", "yes", "y", "是"]);
const NO = new Set(["", "0", "false", "no", "n", "否"]);

/** One problem, named by the spreadsheet row (the header is row 1) and column; the page words it in the reader's language. */
export interface ImportRowError {
  row: number;
  field: string;
  code:
    | "csv"
    | "encoding"
    | "garbled"
    | "header"
    | "empty"
    | "too_many"
    | "required"
    | "too_long"
    | "credit_length"
    | "credit_charset"
    | "credit_check"
    | "duplicate"
    | "sector"
    | "jurisdiction"
    | "scope"
    | "level"
    | "risk"
    | "boolean";
  detail?: string;
}

export type ImportResult = { ok: true; rows: number; created: number; updated: number } | { ok: false; errors: ImportRowError[] };

/** The file's bytes as uploaded (any encoding Excel writes), or text already decoded (a pasted CSV). */
export const importEnterprisesInput = z.union([
  z.object({ csv: z.string().max(8_000_000) }),
  z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 8_000_000) }),
]);

/**
 * All or nothing: every row is checked first; one bad row means nothing is written and every problem
 * is reported. Otherwise all rows are upserted by credit code in ONE transaction with one audit row.
 */
export async function importEnterprises(deps: Deps, actor: StaffActor, raw: z.input<typeof importEnterprisesInput>): Promise<ImportResult> {
  requireManager(actor);
  const parsed = importEnterprisesInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "file too large");
  const decoded = "csv" in parsed.data ? ({ ok: true, text: parsed.data.csv } as const) : decodeCsvBytes(parsed.data.bytes);
  if (!decoded.ok) return { ok: false, errors: [{ row: 1, field: "", code: "encoding", detail: decoded.reason }] };
  // A NUL is never in a text CSV (a UTF-16 "Unicode text" export is full of them), and PostgreSQL refuses it.
  const nul = decoded.text.indexOf("\u0000");
  if (nul >= 0) return { ok: false, errors: [{ row: decoded.text.slice(0, nul).split("\n").length, field: "", code: "encoding", detail: "nul" }] };
  const csv = parseCsv(decoded.text);
  if (!csv.ok) return { ok: false, errors: [{ row: csv.line, field: "", code: "csv", detail: csv.reason }] };
  const [header, ...records] = csv.records;
  const names = header?.fields.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (!header || missing.length) return { ok: false, errors: [{ row: 1, field: missing.join(", "), code: "header" }] };
  if (records.length === 0) return { ok: false, errors: [{ row: 2, field: "", code: "empty" }] };
  if (records.length > MAX_IMPORT_ROWS)
    return { ok: false, errors: [{ row: MAX_IMPORT_ROWS + 2, field: "", code: "too_many", detail: String(MAX_IMPORT_ROWS) }] };

  const prefix = await jurisdictionPrefix(deps.db, actor);
  const codes = [...new Set(records.map((r) => (r.fields[names.indexOf("jurisdiction_code")] ?? "").trim()).filter((c) => /^\d{6}(\d{3})?$/.test(c)))];
  const known = new Set(
    codes.length ? (await deps.db.select({ code: jurisdictions.code }).from(jurisdictions).where(inArray(jurisdictions.code, codes))).map((j) => j.code) : [],
  );
  const errors: ImportRowError[] = [];
  const rows: EnterpriseFields[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const get = (c: (typeof CSV_COLUMNS)[number]) => (record.fields[names.indexOf(c)] ?? "").trim();
    const bad = (field: string, code: ImportRowError["code"], detail?: string) => errors.push({ row: record.line, field, code, ...(detail ? { detail } : {}) });
    const before = errors.length;
    // Garbled text is named by row and column and never reaches the checks below, which would only say "unknown".
    const mangled = new Set<string>();
    for (const c of CSV_COLUMNS) {
      const g = garbled(get(c));
      if (g) {
        mangled.add(c);
        bad(c, "garbled", g.kind === "mojibake" ? g.recovered : undefined);
      }
    }
    const name = get("name");
    if (!mangled.has("name") && name.length < 2) bad("name", "required");
    else if (name.length > 200) bad("name", "too_long");
    const credit = validateCreditCode(get("credit_code"));
    if (!get("credit_code")) bad("credit_code", "required");
    else if (!credit.ok) bad("credit_code", `credit_${credit.reason}`, credit.expected);
    else if (seen.has(credit.code)) bad("credit_code", "duplicate", String(seen.get(credit.code)));
    else seen.set(credit.code, record.line);
    const sector = sectorFromImport(get("sector"));
    if (!sector && !mangled.has("sector")) bad("sector", "sector", get("sector"));
    const jc = get("jurisdiction_code");
    if (!known.has(jc)) bad("jurisdiction_code", "jurisdiction", jc);
    else if (!inPrefix(jc, prefix)) bad("jurisdiction_code", "scope", jc);
    const level = levelFromImport(get("supervising_level"));
    if (!level && !mangled.has("supervising_level")) bad("supervising_level", "level", get("supervising_level"));
    const risk = get("risk_class").toLowerCase() || "average";
    if (!(RISKS as readonly string[]).includes(risk)) bad("risk_class", "risk", risk);
    const bl = get("blacklisted").toLowerCase();
    if (!YES.has(bl) && !NO.has(bl)) bad("blacklisted", "boolean", bl);
    if (errors.length === before && credit.ok && sector && level) {
      rows.push({
        name,
        creditCode: credit.code,
        sectorCode: sector,
        jurisdictionCode: jc,
        supervisingLevel: level,
        riskClass: risk as EnterpriseFields["riskClass"],
        blacklisted: YES.has(bl),
      });
    }
  }
  if (errors.length) return { ok: false, errors };

  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const existing = new Map<string, { id: number; blacklisted: boolean; jurisdictionCode: string }>();
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => r.creditCode!);
      for (const e of await tx
        .select({
          id: enterprises.id,
          creditCode: enterprises.creditCode,
          blacklisted: enterprises.blacklisted,
          jurisdictionCode: enterprises.jurisdictionCode,
        })
        .from(enterprises)
        .where(inArray(enterprises.creditCode, chunk))
        .for("update"))
        existing.set(e.creditCode!, e);
    }
    let created = 0;
    for (const r of rows) {
      const old = existing.get(r.creditCode!);
      // An existing enterprise another committee supervises is not theirs to overwrite: roll everything back.
      if (old && !inPrefix(old.jurisdictionCode, prefix)) throw new AppError("forbidden", "an enterprise in the file belongs to another jurisdiction");
      await writeEnterprise(tx, r, now, old?.id, old?.blacklisted);
      if (!old) created++;
    }
    await appendAudit(
      tx,
      { actor: actorLabel(actor), action: "enterprise.imported", entity: "enterprise", after: { rows: rows.length, created, updated: rows.length - created } },
      now,
    );
    return { ok: true as const, rows: rows.length, created, updated: rows.length - created };
  });
}
