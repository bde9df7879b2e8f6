import { AppError, type Deps } from "../app/deps.js";
import { verifyDraw } from "../app/enforcement/draws.js";
import type { CliIo } from "./io.js";

type Io = Pick<CliIo, "stdout" | "stderr">;

/** `draws:verify ID` (or `--id ID`): re-run the draw from its stored seed and candidates; exit 0 when they match. */
export async function drawsVerifyCommand(deps: Deps, flags: Record<string, string | true>, io: Io): Promise<number> {
  const err = io.stderr ?? io.stdout;
  const raw = typeof flags.id === "string" ? flags.id : typeof flags._ === "string" ? flags._ : "";
  if (!/^\d{1,9}$/.test(raw)) {
    err.write("usage: draws:verify ID (the number shown on /public/draws)\n");
    return 2;
  }
  try {
    const r = await verifyDraw(deps, raw);
    const picks = r.expected.map((p) => `${p.enterpriseId}[${p.inspectorIds.join(",")}]`).join(" ");
    if (r.digestOk && r.resultOk) {
      io.stdout.write(`draw ${r.id} OK: candidate digest matches and the re-run gives the stored result: ${picks}\n`);
      return 0;
    }
    io.stdout.write(
      `draw ${r.id} MISMATCH: ${r.digestOk ? "" : "candidate digest differs; "}${r.resultOk ? "" : `re-run gives ${picks}, stored ${r.stored.map((p) => `${p.enterpriseId}[${p.inspectorIds.join(",")}]`).join(" ")}`}\n`,
    );
    return 1;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") {
      err.write(`no draw ${raw}\n`);
      return 1;
    }
    throw e;
  }
}
