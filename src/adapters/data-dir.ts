import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";

export type LockResult = { ok: true; release: () => void } | { ok: false; holder: { pid: number; command: string; host: string; since: string } };

/**
 * Two processes on one PGlite directory lose committed rows (FACTS.md). An exclusive lock file with
 * the holder's pid makes the second process refuse to start; a lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): LockResult {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "jubao.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), command: process.argv.slice(1).join(" ") }));
      closeSync(fd);
      return { ok: true, release: () => releaseIfOurs(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(path);
      if (holder && holder.host === hostname() && isAlive(holder.pid) && holder.pid !== process.pid) return { ok: false, holder };
      if (holder && holder.host !== hostname()) return { ok: false, holder };
      unlinkSync(path); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function readHolder(path: string): { pid: number; command: string; host: string; since: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    return { pid: Number(parsed.pid), command: String(parsed.command ?? ""), host: String(parsed.host ?? ""), since: String(parsed.since ?? "") };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOurs(path: string): void {
  const holder = readHolder(path);
  if (holder?.pid === process.pid) unlinkSync(path);
}

/**
 * APP_SECRET keys every HMAC and the encryption of reporter identities. When it is not configured we
 * generate one once and keep it beside the data (mode 0600): losing it makes stored identities unreadable.
 */
export function ensureAppSecret(dir: string): { secret: string; generated: boolean; path: string } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "app-secret");
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return { secret: readFileSync(path, "utf8").trim(), generated: false, path };
  }
  const secret = randomBytes(32).toString("hex");
  writeFileSync(path, secret + "\n", { mode: 0o600, flag: "wx" });
  return { secret, generated: true, path };
}
