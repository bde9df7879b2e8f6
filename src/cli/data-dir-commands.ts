import type { Config } from "../config.js";
import type { CliIo } from "./commands.js";
import { backupCommand } from "./backup-command.js";
import { restoreCommand } from "./restore-command.js";

type Flags = Record<string, string | true>;

/**
 * Commands over the embedded database's files rather than over an opened database: they must not
 * migrate, seed or even open the data directory the way other commands do, so cli.ts runs them
 * before openNode, with the configuration only.
 */
export interface DataDirCommand {
  summary: string;
  run(config: Config, flags: Flags, io: Required<Pick<CliIo, "stdout" | "stderr">>): Promise<number>;
}

export const DATA_DIR_COMMANDS: Record<string, DataDirCommand> = {
  backup: {
    summary: "copy the embedded database (PGlite) to DATA_DIR/backups/jubao-<UTC time>.tar.gz, or --out FILE; the server must be stopped",
    run: backupCommand,
  },
  restore: {
    summary: "restore a backup into DATA_DIR: --from FILE [--force] (--force moves an existing database aside, never deletes it)",
    run: restoreCommand,
  },
};
