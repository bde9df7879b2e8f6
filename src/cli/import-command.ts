import { readFile } from "node:fs/promises";
import { AppError, type Deps } from "../app/deps.js";
import { importEnterprises, type ImportRowError } from "../app/enterprises/import-enterprises.js";
import { importUnits, type UnitImportRowError } from "../app/manage/import-units.js";
import type { StaffActor } from "../app/staff/actor.js";
import type { CliIo } from "./io.js";

type Flags = Record<string, string | true>;

/** Whoever runs the CLI holds the server: they import as an administrator, audited as "staff:0:cli". */
const CLI_ACTOR: StaffActor = { id: 0, username: "cli", displayName: "cli", role: "admin", jurisdictionCode: null, unitId: null, locale: "en" };

const REASONS: Record<ImportRowError["code"], (detail: string) => string> = {
  csv: (d) => `malformed CSV (${d.replace("_", " ")})`,
  encoding: (d) =>
    d === "utf16"
      ? "the file is UTF-16 (Unicode text): save it as CSV (GBK or UTF-8)"
      : d === "nul"
        ? "the file contains NUL characters and is not a text CSV"
        : "the file is neither UTF-8 nor GBK/GB18030 text",
  garbled: (d) => `garbled text (wrong encoding)${d ? `; it looks like "${d}" saved in the wrong encoding` : ""}`,
  header: () => "header is missing columns",
  empty: () => "the file has no data rows",
  too_many: (d) => `too many rows (at most ${d})`,
  required: () => "required",
  too_long: () => "too long",
  credit_length: () => "must be 18 characters",
  credit_charset: () => "contains characters that are not allowed (no I, O, Z, S, V)",
  credit_check: (d) => `wrong check character (should be ${d})`,
  duplicate: (d) => `same code as row ${d}`,
  sector: (d) => `unknown sector "${d}" (a code such as fireworks, or a name such as 烟花爆竹)`,
  jurisdiction: (d) => `unknown jurisdiction code "${d}"`,
  scope: (d) => `jurisdiction "${d}" is outside your scope`,
  level: (d) => `unknown supervising level "${d}" (province/city/county/township or 省级/市级/县级/乡镇级)`,
  risk: () => "must be good, average or poor",
  boolean: () => "must be yes/no, 1/0 or true/false",
};

/** `enterprises:import --file enterprises.csv` (or the CSV on stdin): all rows or none; every bad row named. */
export async function enterprisesImportCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  if (flags.file === true) throw new AppError("invalid_input", "--file needs a path");
  const bytes = typeof flags.file === "string" ? await readFile(flags.file) : await readAll(io);
  const result = await importEnterprises(deps, CLI_ACTOR, { bytes: new Uint8Array(bytes) });
  if (result.ok) {
    io.stdout.write(`imported ${result.rows} enterprises (${result.created} new, ${result.updated} updated)\n`);
    return 0;
  }
  const err = io.stderr ?? process.stderr;
  err.write(`nothing imported: ${result.errors.length} problem(s)\n`);
  for (const e of result.errors) err.write(`row ${e.row}${e.field ? `, column ${e.field}` : ""}: ${REASONS[e.code](e.detail ?? "")}\n`);
  return 1;
}

const UNIT_REASONS: Record<UnitImportRowError["code"], (detail: string) => string> = {
  csv: REASONS.csv,
  encoding: REASONS.encoding,
  garbled: REASONS.garbled,
  header: () => "header is missing columns (name, jurisdiction_code and kind are required)",
  empty: REASONS.empty,
  too_many: REASONS.too_many,
  required: REASONS.required,
  too_long: REASONS.too_long,
  sector: (d) => `unknown sector "${d}" (codes such as fireworks, or names such as 烟花爆竹, separated by ;)`,
  jurisdiction: REASONS.jurisdiction,
  scope: REASONS.scope,
  boolean: REASONS.boolean,
  kind: (d) => `unknown kind "${d}" (township or department, or 乡镇 or 部门)`,
  unit_duplicate: (d) => `same name and jurisdiction as row ${d}`,
  exists: (d) => `a unit named "${d}" already exists under this jurisdiction (rename or retire it in the product)`,
};

/** `units:import --file units.csv` (or the CSV on stdin): every unit created through unit:create's verb, all or none. */
export async function unitsImportCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  if (flags.file === true) throw new AppError("invalid_input", "--file needs a path");
  const bytes = typeof flags.file === "string" ? await readFile(flags.file) : await readAll(io);
  const result = await importUnits(deps, CLI_ACTOR, { bytes: new Uint8Array(bytes) });
  if (result.ok) {
    io.stdout.write(`imported ${result.created.length} units\n`);
    for (const u of result.created) io.stdout.write(`${u.id}\t${u.key}\t${u.name}\n`);
    return 0;
  }
  const err = io.stderr ?? process.stderr;
  err.write(`nothing imported: ${result.errors.length} problem(s)\n`);
  for (const e of result.errors) err.write(`row ${e.row}${e.field ? `, column ${e.field}` : ""}: ${UNIT_REASONS[e.code](e.detail ?? "")}\n`);
  return 1;
}

export async function readAll(io: CliIo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
