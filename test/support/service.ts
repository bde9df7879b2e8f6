import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { ROOT_DIR, pgTemplates } from "./paths.js";
import { freeTcpPort } from "./telegram-emulator.js";
import type { DbKind } from "./db.js";

/** A database for a deployed process: a PGlite DATA_DIR or a PostgreSQL database of its own, seeded. */
export interface ServiceDb {
  kind: DbKind;
  /** Environment that points `npm start` (or the CLI) at this database. */
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A seeded database for a real process, copied from the run's template (a fresh `npm start` would seed
 * it too, but takes 10–30 s on this machine; start.test.ts covers that path). PGlite: DATA_DIR/pglite
 * holds the seeded image. PostgreSQL: a database of its own made from the seeded template.
 */
export async function serviceDb(kind: DbKind): Promise<ServiceDb> {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-svc-"));
  const APP_SECRET = randomBytes(32).toString("hex");
  if (kind === "pglite") {
    const pg = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: new Blob([readFileSync(inject("pgliteSeeded"))]) });
    await pg.close();
    return { kind, dataDir, env: { DATA_DIR: dataDir, APP_SECRET }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `jubao_svc_${randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${pgTemplates(inject("pgRun")).seeded}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    kind,
    dataDir,
    env: { DATA_DIR: dataDir, APP_SECRET, DATABASE_URL: u.toString() },
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface Service {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | string | null>;
  /**
   * Ctrl-C: SIGINT to the process group, as a terminal sends it, and wait for the group to end. npm itself
   * dies of the signal, so the exit status says little; the server logs "shutting down" when it stops cleanly.
   */
  stop(): Promise<void>;
  /** SIGKILL the whole process group (npm, tsx and node), as a crash or an OOM killer would. */
  kill9(): Promise<void>;
}

/**
 * `npm start` as a user runs it: a real process group with real environment variables, driven only
 * from outside. Resolves once /healthz answers 200. Nothing of the test's environment leaks in except
 * PATH and HOME.
 */
export async function startService(env: Record<string, string>, opts: { timeoutMs?: number; port?: number } = {}): Promise<Service> {
  const port = opts.port ?? (await freeTcpPort());
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | string | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`npm start exited before it served /healthz:\n${out}`);
    if (Date.now() > deadline) {
      killGroup(child, "SIGKILL");
      throw new Error(`npm start did not serve /healthz in time:\n${out}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    child,
    exited,
    output: () => out,
    async stop() {
      killGroup(child, "SIGINT");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 15_000);
      await exited;
      await groupGone(child);
      clearTimeout(timer);
    },
    async kill9() {
      killGroup(child, "SIGKILL");
      await exited;
      await groupGone(child);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** npm may exit before the node process below it: wait until no process of the group is left. */
async function groupGone(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  killGroup(child, "SIGKILL");
}
