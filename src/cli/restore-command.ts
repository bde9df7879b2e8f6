import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config.js";
import { lockDataDir } from "../adapters/data-dir.js";
import { fileStamp } from "../jobs/backup-files.js";
import type { DataDirCommand } from "./io.js";

/**
 * `restore --from FILE [--force]`: unpack a backup into DATA_DIR/pglite. The backup is first loaded
 * into a staging directory and opened, so a broken file never replaces anything; an existing database
 * is only ever moved aside (--force), never deleted.
 */
export const restoreCommand: DataDirCommand["run"] = async (config: Config, flags, io) => {
  if (config.DATABASE_URL) {
    io.stderr.write(
      'restore: DATABASE_URL is set, so the data is on a PostgreSQL server: restore it with pg_restore (e.g. pg_restore --clean -d "$DATABASE_URL" jubao.dump)\n',
    );
    return 1;
  }
  const from = flags.from;
  if (typeof from !== "string") {
    io.stderr.write("usage: restore --from FILE [--force]\n");
    return 2;
  }
  if (!existsSync(from)) {
    io.stderr.write(`restore: ${from} does not exist\n`);
    return 1;
  }
  const pgdata = join(config.DATA_DIR, "pglite");
  const holdsDatabase = existsSync(pgdata) && readdirSync(pgdata).length > 0;
  if (holdsDatabase && flags.force !== true) {
    io.stderr.write(
      `restore: ${config.DATA_DIR} already holds a database (${pgdata}); add --force to move it aside to ${pgdata}.before-restore-<time> and restore over it\n`,
    );
    return 1;
  }
  const lock = lockDataDir(config.DATA_DIR);
  if (!lock.ok) {
    io.stderr.write(
      `restore: ${config.DATA_DIR} is in use by process ${lock.holder.pid} (${lock.holder.command || "unknown command"}); stop the server first\n`,
    );
    return 1;
  }
  try {
    const stamp = fileStamp(new Date());
    const staging = `${pgdata}.restoring-${stamp}`;
    try {
      await loadBackup(from, staging);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      io.stderr.write(`restore: ${from} is not a usable jubao backup (${err instanceof Error ? err.message : String(err)}); nothing was changed\n`);
      return 1;
    }
    const aside = holdsDatabase ? `${pgdata}.before-restore-${stamp}` : undefined;
    if (aside) renameSync(pgdata, aside);
    else if (existsSync(pgdata)) rmdirSync(pgdata); // empty: nothing to keep
    renameSync(staging, pgdata);
    io.stdout.write(`restored ${from} into ${pgdata}${aside ? `; the previous database is kept in ${aside}` : ""}\n`);
    if (!config.APP_SECRET && !existsSync(join(config.DATA_DIR, "app-secret"))) {
      io.stderr.write(
        `warning: no APP_SECRET and no ${join(config.DATA_DIR, "app-secret")}: put back the secret this backup was made with before starting, or a new one is generated and the reporters' identities in it cannot be read\n`,
      );
    }
    return 0;
  } finally {
    lock.release();
  }
};

/** PGlite unpacks the tarball into an empty directory on disk (loadDataDir); opening it proves it is whole. */
async function loadBackup(from: string, dir: string): Promise<void> {
  const bytes = await readFile(from);
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes], { type: gzipped ? "application/x-gzip" : "application/x-tar" }) });
  try {
    const found = await pg.query<{ tips: string | null }>("select to_regclass('public.tips')::text as tips");
    if (!found.rows[0]?.tips) throw new Error("it holds no jubao tables");
  } finally {
    await pg.close();
  }
}
