import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { join } from "node:path";

export interface LockHolder {
  pid: number;
  command: string;
  host: string;
  since: string;
}
export type LockResult = { ok: true; release: () => void } | { ok: false; holder: LockHolder };

/**
 * What the lock file records. `bootId` and `startTicks` (Linux: /proc/sys/kernel/random/boot_id and
 * field 22 of /proc/<pid>/stat) tell the holder apart from a later process that was given the same pid
 * after a reboot or a container restart; `token` lets a process release only the lock it wrote.
 */
interface LockFile extends LockHolder {
  bootId?: string;
  startTicks?: string;
  token?: string;
}

/**
 * Two processes on one PGlite directory lose committed rows (FACTS.md). An exclusive lock file names the
 * holder; a second process refuses to start while that holder still runs. A lock whose process is gone
 * — dead, or its pid now another program's — is taken over. On Linux "still runs" means the same boot
 * and the same process start time as recorded (or, for a lock without them, a command line that still
 * names the recorded command); elsewhere only that the pid is alive.
 */
export function lockDataDir(dir: string): LockResult {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "jubao.lock");
  const token = randomBytes(16).toString("hex");
  const mine: LockFile = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(" "),
    bootId: bootId(),
    startTicks: startTicks(process.pid),
    token,
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusive(path, JSON.stringify(mine))) return { ok: true, release: () => releaseIfOurs(path, token) };
    const holder = readHolder(path);
    // Another machine's process (a shared disk): nothing here can tell whether it still runs.
    if (holder && holder.host !== hostname()) return { ok: false, holder: publicHolder(holder) };
    if (holder && holder.pid !== process.pid && stillHolds(holder)) return { ok: false, holder: publicHolder(holder) };
    unlinkSync(path); // stale: its process is gone
  }
  throw new Error(`could not take the lock ${path}`);
}

/**
 * Create `path` with `content` unless it exists. Written whole under a private name and then linked
 * into place, so a reader never sees a half-written lock and takes it for a stale one; a file system
 * without hard links gets an exclusive create instead.
 */
function createExclusive(path: string, content: string): boolean {
  const draft = `${path}.${randomBytes(8).toString("hex")}`;
  writeFileSync(draft, content, { mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw err;
    try {
      writeFileSync(path, content, { mode: 0o600, flag: "wx" });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw e;
    }
  } finally {
    unlinkSync(draft);
  }
}

function stillHolds(holder: LockFile): boolean {
  if (!isAlive(holder.pid)) return false;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false; // the machine restarted since
  const now = startTicks(holder.pid);
  if (holder.startTicks && now) return holder.startTicks === now;
  // A lock without a start time (older version): the pid must still run the recorded command.
  const cmdline = commandLine(holder.pid);
  if (cmdline !== null && holder.command) return cmdline.includes(holder.command.split(" ")[0]);
  return true; // no /proc: a live pid is all that can be known
}

function publicHolder(h: LockFile): LockHolder {
  return { pid: h.pid, command: h.command, host: h.host, since: h.since };
}

function readHolder(path: string): LockFile | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    const opt = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    return {
      pid: Number(parsed.pid),
      command: String(parsed.command ?? ""),
      host: String(parsed.host ?? ""),
      since: String(parsed.since ?? ""),
      bootId: opt(parsed.bootId),
      startTicks: opt(parsed.startTicks),
      token: opt(parsed.token),
    };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function bootId(): string | undefined {
  return readProc("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks after boot); the name in field 2 may hold spaces and ")". */
function startTicks(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] || undefined;
}

function commandLine(pid: number): string | null {
  return readProc(`/proc/${pid}/cmdline`)?.split("\0").join(" ") ?? null;
}

function releaseIfOurs(path: string, token: string): void {
  if (readHolder(path)?.token === token) unlinkSync(path);
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
