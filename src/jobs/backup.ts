import type { Deps } from "../app/deps.js";

/** 18:30 UTC is 02:30 in Asia/Shanghai (UTC+8 all year): the quietest hour for a county office's server. */
export const BACKUP_CRON = "30 18 * * *";

export type BackupResult = { skipped: "postgres" | "off" } | { file: string; bytes: number; dumpMs: number; removed: number };

/**
 * The nightly backup of the embedded database: a gzipped image of the PGlite data directory in
 * DATA_DIR/backups, keeping the newest BACKUP_KEEP. PGlite holds its query lock while it dumps (about
 * 1 s for the seeded database), so requests wait that long at 02:30. APP_SECRET is deliberately not in
 * the file: a copied backup alone does not reveal reporters. On a PostgreSQL server (and so on Workers)
 * the server's own backups apply and this job only says so.
 */
export async function runBackup(deps: Pick<Deps, "database" | "config" | "clock" | "logger">, kind: "nightly" | "catch-up" = "nightly"): Promise<BackupResult> {
  const dump = deps.database.dumpDataDir;
  if (!dump) {
    deps.logger.info("nightly backup: not for a PostgreSQL server; its own backups (pg_dump) apply");
    return { skipped: "postgres" };
  }
  if (deps.config.BACKUP_KEEP === 0) return { skipped: "off" };
  // Node-only file handling, loaded only here so the Worker never evaluates node:fs.
  const files = await import("./backup-files.js");
  const { file, bytes, dumpMs } = await files.dumpToFile(dump, files.backupPath(deps.config.DATA_DIR, deps.clock()));
  const removed = await files.pruneBackups(files.backupDir(deps.config.DATA_DIR), deps.config.BACKUP_KEEP);
  deps.logger.info(`${kind} backup written`, { file, bytes, dumpMs, removed: removed.length });
  return { file, bytes, dumpMs, removed: removed.length };
}

/** A day and a bit: a machine that was on at 02:30 never takes a second backup the same day. */
export const CATCH_UP_AFTER_MS = 26 * 3_600_000;

/**
 * node-cron does not run a missed slot: a county PC switched off every night would never be backed up.
 * At start-up (src/main.ts) this takes a backup when the newest one is older than CATCH_UP_AFTER_MS.
 */
export async function catchUpBackup(deps: Pick<Deps, "database" | "config" | "clock" | "logger">): Promise<BackupResult | { skipped: "recent" }> {
  if (!deps.database.dumpDataDir || deps.config.BACKUP_KEEP === 0) return runBackup(deps);
  const files = await import("./backup-files.js");
  const newest = await files.newestBackupAt(files.backupDir(deps.config.DATA_DIR));
  if (newest && deps.clock().getTime() - newest.getTime() < CATCH_UP_AFTER_MS) return { skipped: "recent" };
  return runBackup(deps, "catch-up");
}
