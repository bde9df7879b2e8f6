import { inArray } from "drizzle-orm";
import { z } from "zod";
import { enterprises, jurisdictions } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { readCsvTable } from "../../domain/csv.js";
import { booleanFromImport, levelFromImport, sectorFromImport } from "../../domain/import-values.js";
import { garbled } from "../../domain/mojibake.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { invalidateEnterpriseIndex } from "./enterprise-index.js";
import { writeEnterprise, type EnterpriseFields } from "./write-enterprise.js";

export const CSV_COLUMNS = ["name", "credit_code", "sector", "jurisdiction_code", "supervising_level", "risk_class", "blacklisted"] as const;
export const MAX_IMPORT_ROWS = 20_000;
const RISKS = ["good", "average", "poor"] as const;

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
  const table = readCsvTable(parsed.data, CSV_COLUMNS, MAX_IMPORT_ROWS);
  if (!table.ok) return { ok: false, errors: [table.error] };
  const { records } = table;

  const prefix = await jurisdictionPrefix(deps.db, actor);
  const codes = [...new Set(records.map((r) => table.get(r, "jurisdiction_code")).filter((c) => /^\d{6}(\d{3})?$/.test(c)))];
  const known = new Set(
    codes.length ? (await deps.db.select({ code: jurisdictions.code }).from(jurisdictions).where(inArray(jurisdictions.code, codes))).map((j) => j.code) : [],
  );
  const errors: ImportRowError[] = [];
  const rows: EnterpriseFields[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const get = (c: (typeof CSV_COLUMNS)[number]) => table.get(record, c);
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
    const bl = booleanFromImport(get("blacklisted"));
    if (bl === null) bad("blacklisted", "boolean", get("blacklisted"));
    if (errors.length === before && credit.ok && sector && level) {
      rows.push({
        name,
        creditCode: credit.code,
        sectorCode: sector,
        jurisdictionCode: jc,
        supervisingLevel: level,
        riskClass: risk as EnterpriseFields["riskClass"],
        blacklisted: bl === true,
      });
    }
  }
  if (errors.length) return { ok: false, errors };

  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
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
  invalidateEnterpriseIndex(deps.database);
  return result;
}
