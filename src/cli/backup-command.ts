import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import { lockDataDir } from "../adapters/data-dir.js";
import { createDb } from "../db/client.js";
import { backupDir, backupPath, dumpToFile } from "../jobs/backup-files.js";
import type { DataDirCommand } from "./io.js";

/**
 * `backup [--out FILE]`: the same image as the nightly job, taken by hand (before an upgrade, onto a
 * USB disk). It needs the data directory to itself: a second process on a PGlite directory loses rows.
 */
export const backupCommand: DataDirCommand["run"] = async (config: Config, flags, io) => {
  if (config.DATABASE_URL) {
    io.stderr.write(
      'backup: DATABASE_URL is set, so the data is on a PostgreSQL server: back it up with pg_dump (e.g. pg_dump -Fc -f jubao.dump "$DATABASE_URL")\n',
    );
    return 1;
  }
  if (flags.out === true) {
    io.stderr.write("usage: backup [--out FILE]\n");
    return 2;
  }
  const pgdata = join(config.DATA_DIR, "pglite");
  if (!existsSync(join(pgdata, "PG_VERSION"))) {
    io.stderr.write(`backup: there is no database in ${config.DATA_DIR} (nothing at ${pgdata})\n`);
    return 1;
  }
  const lock = lockDataDir(config.DATA_DIR);
  if (!lock.ok) {
    io.stderr.write(
      `backup: ${config.DATA_DIR} is in use by process ${lock.holder.pid} (${lock.holder.command || "unknown command"}); stop the server first, or use the nightly backups in ${backupDir(config.DATA_DIR)}\n`,
    );
    return 1;
  }
  try {
    const database = await createDb({ DATA_DIR: pgdata });
    try {
      const target = typeof flags.out === "string" ? flags.out : backupPath(config.DATA_DIR, new Date());
      const { file, bytes, dumpMs } = await dumpToFile(database.dumpDataDir!, target);
      io.stdout.write(`wrote ${file} (${bytes} bytes, dumped in ${dumpMs} ms)\n`);
      io.stderr.write(
        `note: APP_SECRET is not in the backup; keep ${config.APP_SECRET ? "your APP_SECRET" : join(config.DATA_DIR, "app-secret")} safe separately, without it the reporters' identities in it cannot be read\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  } finally {
    lock.release();
  }
};
