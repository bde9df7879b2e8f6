import type { DataDirCommand } from "./io.js";
import { backupCommand } from "./backup-command.js";
import { restoreCommand } from "./restore-command.js";

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
