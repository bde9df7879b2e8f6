import { writeFile } from "node:fs/promises";
import { AppError, type Deps } from "../app/deps.js";
import { exportFigures } from "../app/figures/export-figures.js";
import type { CliIo } from "./io.js";

type Flags = Record<string, string | true>;

/**
 * `export --campaign <id> --month 2018-07 --format xlsx|csv [--unit ID|KEY] [--out FILE]`: the month's
 * 月报表 as the seed lays it out. Without --out it goes to stdout, xlsx included (for pipes); on a
 * terminal that would print binary, so it is still written but with a warning on stderr.
 */
export async function exportCommand(deps: Deps, flags: Flags, io: CliIo): Promise<number> {
  const campaign = flags.campaign;
  if (typeof campaign !== "string" || !/^\d+$/.test(campaign)) throw new AppError("invalid_input", "--campaign <id> is required (a whole number)");
  const month = flags.month;
  if (typeof month !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new AppError("invalid_input", "--month YYYY-MM is required, e.g. --month 2018-07");
  const out = typeof flags.out === "string" ? flags.out : undefined;
  const format = flags.format ?? (out?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv");
  if (format !== "xlsx" && format !== "csv") throw new AppError("invalid_input", "--format must be xlsx or csv");
  if (flags.unit === true) throw new AppError("invalid_input", "--unit needs a unit id or key");

  const file = await exportFigures(deps, {
    campaignId: Number(campaign),
    month,
    format,
    unit: typeof flags.unit === "string" ? flags.unit : undefined,
  });
  if (out) {
    await writeFile(out, file.body);
    (io.stderr ?? process.stderr).write(`wrote ${out} (${file.body.byteLength} bytes)\n`);
    return 0;
  }
  if (format === "xlsx" && (io.stdout as { isTTY?: boolean }).isTTY) {
    (io.stderr ?? process.stderr).write("warning: writing a binary xlsx file to the terminal; use --out FILE or redirect stdout\n");
  }
  await new Promise<void>((resolve, reject) => io.stdout.write(file.body, (err) => (err ? reject(err) : resolve())));
  return 0;
}
