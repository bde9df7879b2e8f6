import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Nightly and CLI backups: DATA_DIR/backups/jubao-20250618T183000Z.tar.gz — UTC, so names sort by time. */
export const BACKUP_FILE = /^jubao-\d{8}T\d{6}Z\.tar\.gz$/;

export function backupDir(dataDir: string): string {
  return join(dataDir, "backups");
}

/** 2025-06-18T18:30:00.123Z → 20250618T183000Z: safe in file names on every system. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function backupPath(dataDir: string, at: Date): string {
  return join(backupDir(dataDir), `jubao-${fileStamp(at)}.tar.gz`);
}

/**
 * The dump goes to a temporary name beside the target, is flushed, then renamed: the final name only
 * ever holds a complete file, and a failure removes the temporary one. Mode 0600 (and a 0700
 * directory): the dump holds encrypted identities and keyed hashes.
 */
export async function writeBackupFile(file: string, dump: Blob): Promise<{ file: string; bytes: number }> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  const bytes = new Uint8Array(await dump.arrayBuffer());
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, "wx", 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (err) {
    await handle?.close().catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
  return { file, bytes: bytes.byteLength };
}

/** Take the image (PGlite holds its query lock meanwhile) and write it as above; the nightly job and the CLI share this. */
export async function dumpToFile(dump: () => Promise<Blob>, file: string): Promise<{ file: string; bytes: number; dumpMs: number }> {
  const started = performance.now();
  const image = await dump();
  const dumpMs = Math.round(performance.now() - started);
  return { ...(await writeBackupFile(file, image)), dumpMs };
}

/** Keep the newest `keep` backup files of `dir`; other files there (a copy an operator put aside) stay. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const newestFirst = (await readdir(dir))
    .filter((name) => BACKUP_FILE.test(name))
    .sort()
    .reverse();
  const removed = newestFirst.slice(Math.max(keep, 1));
  for (const name of removed) await unlink(join(dir, name));
  return removed;
}

/** When the newest backup in `dir` was taken (from its name), or null when there is none. */
export async function newestBackupAt(dir: string): Promise<Date | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((name) => BACKUP_FILE.test(name))
    .sort()
    .pop();
  if (!newest) return null;
  const m = /^jubao-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(newest)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
