import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeTcpPort } from "./telegram-emulator.js";

/**
 * A throwaway PostgreSQL cluster (initdb) on its own port, so fault tests can restart or stop a server
 * without touching the shared one on 5432. initdb refuses root, so the cluster runs as the `postgres`
 * user. `binDir()` is null where the server binaries are missing; callers skip visibly then.
 */
export interface PgCluster {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: sessions are terminated, the server comes back at once. */
  restartFast(): Promise<void>;
  /** `pg_ctl stop -m immediate` (a crash: no shutdown checkpoint); `start()` brings it back. */
  stopImmediate(): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
}

export function pgBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) return null;
  const asPostgres = process.getuid?.() === 0 ? hasUser("postgres") : true;
  return asPostgres ? join(root, versions[0], "bin") : null;
}

export async function createPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error("no PostgreSQL server binaries (initdb) on this machine");
  const dir = mkdtempSync(join(tmpdir(), "jubao-pgc-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const port = await freeTcpPort();
  const run = (args: string[]) => runAsPostgres(join(bin, args[0]), args.slice(1));
  // The test's event loop keeps running while pg_ctl works, so the requests it times are timed truly.
  const runAsync = (args: string[]) => runAsPostgresAsync(join(bin, args[0]), args.slice(1));
  run(["initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctlArgs = (args: string[]) => ["pg_ctl", "-D", data, "-l", join(dir, "log"), "-w", "-t", "30", ...args];
  const pgctl = (...args: string[]) => run(ctlArgs(args));
  const pgctlAsync = (...args: string[]) => runAsync(ctlArgs(args));
  pgctl("-o", opts, "start");
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restartFast: () => pgctlAsync("-m", "fast", "-o", opts, "restart"),
    stopImmediate: () => pgctlAsync("-m", "immediate", "stop"),
    start: () => pgctlAsync("-o", opts, "start"),
    destroy() {
      try {
        pgctl("-m", "immediate", "stop");
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runAsPostgres(file: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const cmd = asRoot ? "runuser" : file;
  const argv = asRoot ? ["-u", "postgres", "--", file, ...args] : args;
  execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: "/tmp", timeout: 60_000 });
}

async function runAsPostgresAsync(file: string, args: string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  await promisify(execFile)(asRoot ? "runuser" : file, asRoot ? ["-u", "postgres", "--", file, ...args] : args, { cwd: "/tmp", timeout: 60_000 });
}

function hasUser(name: string): boolean {
  try {
    execFileSync("id", [name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
