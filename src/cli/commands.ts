import type { Readable, Writable } from "node:stream";
import type { Deps } from "../app/deps.js";
import { seedDefaults } from "../db/seed.js";
import { routeCommand } from "./route.js";

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
}

export interface CliCommand {
  summary: string;
  run(deps: Deps, flags: Record<string, string | true>, io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, CliCommand> = {
  migrate: {
    summary: "apply database migrations (start-up does this too)",
    // openNode has already migrated under the advisory lock; reaching here means it succeeded.
    run: async (deps, _flags, io) => {
      io.stdout.write(`migrations applied to ${deps.database.describe}\n`);
      return 0;
    },
  },
  route: {
    summary: "route tips read as JSON Lines on stdin ({text, place, enterprise, sector?, urgent?}); one decision per line",
    run: (deps, _flags, io) => routeCommand(deps, io),
  },
  seed: {
    summary: "load jurisdictions, sectors, units, routing rules, the monthly form and campaign templates (idempotent)",
    run: async (deps, _flags, io) => {
      const report = await seedDefaults(deps.db);
      io.stdout.write(Object.entries(report).map(([k, v]) => `${k.padEnd(18)} ${v}`).join("\n") + "\n");
      return 0;
    },
  },
};
