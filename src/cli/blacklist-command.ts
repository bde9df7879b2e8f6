import { readFile, writeFile } from "node:fs/promises";
import { AppError, type Deps } from "../app/deps.js";
import { exportBlacklist, importBlacklist } from "../app/blacklist/blacklist-csv.js";
import { CLI_ACTOR } from "../app/staff/actor.js";
import { readAll } from "./import-command.js";
import type { CliIo } from "./io.js";

type Flags = Record<string, string | true>;

/** `blacklist:import --file blacklist.csv` (or stdin): the /admin/blacklist import as the CLI operator; all rows or none. */
export async function blacklistImportCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  if (flags.file === true) throw new AppError("invalid_input", "--file needs a path");
  const bytes = typeof flags.file === "string" ? await readFile(flags.file) : await readAll(io);
  const result = await importBlacklist(deps, CLI_ACTOR, { bytes: new Uint8Array(bytes) });
  if (result.ok) {
    io.stdout.write(`read ${result.rows} rows: ${result.listed} listed, ${result.skipped} skipped (already in force, or removed history)\n`);
    return 0;
  }
  const err = io.stderr ?? process.stderr;
  err.write(`nothing imported: ${result.errors.length} problem(s)\n`);
  for (const e of result.errors) err.write(`row ${e.row}${e.field ? `, column ${e.field}` : ""}: ${e.code}${e.detail ? ` (${e.detail})` : ""}\n`);
  return 1;
}

/** `blacklist:export [--out FILE]`: every listing as CSV, to standard output unless --out. */
export async function blacklistExportCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const csv = await exportBlacklist(deps, CLI_ACTOR);
  if (typeof flags.out === "string") await writeFile(flags.out, csv);
  else io.stdout.write(csv);
  return 0;
}
