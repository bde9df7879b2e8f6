import { AppError, type Deps } from "../app/deps.js";
import { outboxReport, requeueDeadMessage } from "../app/outbox/outbox-report.js";
import type { CliIo } from "./io.js";

/** `outbox`: counts by status and the dead letters (never decrypted); `outbox --retry ID` requeues one. */
export async function outboxCommand(deps: Deps, flags: Record<string, string | true>, io: CliIo): Promise<number> {
  if (flags.retry !== undefined) {
    try {
      await requeueDeadMessage(deps, { id: flags.retry });
      io.stdout.write(`outbox message ${flags.retry} requeued\n`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        io.stdout.write(`${err.message}\n`);
        return 1;
      }
      throw err;
    }
  }
  const report = await outboxReport(deps, { limit: flags.limit ? Number(flags.limit) || 100 : 100 });
  io.stdout.write(
    Object.entries(report.counts)
      .map(([k, v]) => `${k.padEnd(8)} ${v}`)
      .join("\n") + "\n",
  );
  if (report.dead.length > 0) {
    io.stdout.write("\ndead letters (id, channel, attempts, created, last error):\n");
    for (const d of report.dead) io.stdout.write(`${d.id}\t${d.channel}\t${d.attempts}\t${d.createdAt.toISOString()}\t${d.lastError ?? ""}\n`);
  }
  return 0;
}
