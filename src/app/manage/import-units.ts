import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { jurisdictions, units } from "../../db/schema.js";
import { readCsvTable, type CsvTableError } from "../../domain/csv.js";
import { booleanFromImport, sectorListFromImport, unitKindFromImport } from "../../domain/import-values.js";
import { garbled } from "../../domain/mojibake.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { createUnit, type CreateUnitInput } from "./create-unit.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "./manage-scope.js";

export const UNIT_CSV_COLUMNS = ["name", "name_en", "jurisdiction_code", "kind", "sectors", "route"] as const;
/** name_en, sectors and route may be left out of the header; name, jurisdiction_code and kind may not. */
const REQUIRED_COLUMNS = ["name", "jurisdiction_code", "kind"] as const;
export const MAX_UNIT_IMPORT_ROWS = 2_000;

/** One problem, named by the spreadsheet row (the header is row 1) and column; pages and the CLI word it. */
export interface UnitImportRowError {
  row: number;
  field: string;
  code: CsvTableError["code"] | "garbled" | "required" | "too_long" | "unit_duplicate" | "exists" | "sector" | "jurisdiction" | "scope" | "kind" | "boolean";
  detail?: string;
}

export type UnitImportResult = { ok: true; created: { id: number; key: string; name: string }[] } | { ok: false; errors: UnitImportRowError[] };

export const importUnitsInput = z.union([
  z.object({ csv: z.string().max(2_000_000) }),
  z.object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 2_000_000) }),
]);

/**
 * Create units from a CSV, all or nothing: every row is checked first and one bad row means nothing is
 * written. Each row then goes through `createUnit` — the same scope check, routing rules and
 * "unit.created" audit as the form — in ONE transaction. A row naming a unit that is already active
 * under the same jurisdiction with the same name is refused (not updated): renaming, sectors and retiring
 * are their own audited actions, and a file re-imported by mistake must not create twins.
 */
export async function importUnits(deps: Deps, actor: StaffActor, raw: z.input<typeof importUnitsInput>): Promise<UnitImportResult> {
  requireManager(actor);
  const parsed = importUnitsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "file too large");
  const table = readCsvTable(parsed.data, REQUIRED_COLUMNS, MAX_UNIT_IMPORT_ROWS);
  if (!table.ok) return { ok: false, errors: [table.error] };

  return withTransaction(deps, async (tx) => {
    const prefix = await jurisdictionPrefix(tx.db, actor);
    const codes = [...new Set(table.records.map((r) => table.get(r, "jurisdiction_code")).filter((c) => /^\d{6}(\d{3})?$/.test(c)))];
    const known = new Set(
      codes.length ? (await tx.db.select({ code: jurisdictions.code }).from(jurisdictions).where(inArray(jurisdictions.code, codes))).map((j) => j.code) : [],
    );
    const active = new Set(
      codes.length
        ? (
            await tx.db
              .select({ name: units.name, code: units.jurisdictionCode })
              .from(units)
              .where(and(inArray(units.jurisdictionCode, codes), eq(units.active, true)))
          ).map((u) => `${u.code}\u0000${u.name}`)
        : [],
    );
    const errors: UnitImportRowError[] = [];
    const rows: CreateUnitInput[] = [];
    const seen = new Map<string, number>();
    for (const record of table.records) {
      const get = (c: (typeof UNIT_CSV_COLUMNS)[number]) => table.get(record, c);
      const bad = (field: string, code: UnitImportRowError["code"], detail?: string) =>
        errors.push({ row: record.line, field, code, ...(detail ? { detail } : {}) });
      const before = errors.length;
      // Garbled text is named by row and column and never reaches the checks below, which would only say "unknown".
      const mangled = new Set<string>();
      for (const c of UNIT_CSV_COLUMNS) {
        const g = garbled(get(c));
        if (g) {
          mangled.add(c);
          bad(c, "garbled", g.kind === "mojibake" ? g.recovered : undefined);
        }
      }
      const name = get("name");
      const jc = get("jurisdiction_code");
      if (!mangled.has("name")) {
        if (name.length < 2) bad("name", "required");
        else if (name.length > 80) bad("name", "too_long");
        else if (active.has(`${jc}\u0000${name}`)) bad("name", "exists", name);
        else if (seen.has(`${jc}\u0000${name}`)) bad("name", "unit_duplicate", String(seen.get(`${jc}\u0000${name}`)));
        else seen.set(`${jc}\u0000${name}`, record.line);
      }
      const nameEn = get("name_en");
      if (nameEn.length > 120) bad("name_en", "too_long");
      if (!known.has(jc)) bad("jurisdiction_code", jc ? "jurisdiction" : "required", jc);
      else if (!inPrefix(jc, prefix)) bad("jurisdiction_code", "scope", jc);
      const kind = unitKindFromImport(get("kind"));
      if (!kind && !mangled.has("kind")) bad("kind", get("kind") ? "kind" : "required", get("kind"));
      const sectors = sectorListFromImport(get("sectors"));
      if (sectors.unknown.length && !mangled.has("sectors")) bad("sectors", "sector", sectors.unknown.join("; "));
      const route = booleanFromImport(get("route"));
      if (route === null && !mangled.has("route")) bad("route", "boolean", get("route"));
      if (errors.length === before && kind)
        rows.push({ name, nameEn: nameEn || undefined, kind, jurisdictionCode: jc, sectors: sectors.sectors, route: route === true });
    }
    if (errors.length) return { ok: false as const, errors };
    const created: { id: number; key: string; name: string }[] = [];
    for (const row of rows) created.push({ ...(await createUnit(tx, actor, row)), name: row.name });
    return { ok: true as const, created };
  });
}
