import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ROOT_DIR } from "../support/paths.js";
import { serviceDb, startService, type ServiceDb } from "../support/service.js";
import { freeTcpPort } from "../support/telegram-emulator.js";

/**
 * The data-dir lock only exists on the embedded database (PGlite): with DATABASE_URL there is none,
 * so this file runs on PGlite alone. A lock is stale when its pid is now another program's, which is
 * what a reboot or a container restart leaves behind; it must still stop a second jubao.
 */
describe("npm start and a data-dir lock left behind (PGlite)", () => {
  let db: ServiceDb;
  let unrelated: ChildProcess;
  const lockPath = () => join(db.dataDir, "jubao.lock");
  const readLock = () => JSON.parse(readFileSync(lockPath(), "utf8")) as { pid: number; [k: string]: unknown };

  beforeAll(async () => {
    db = await serviceDb("pglite");
    unrelated = spawn("sleep", ["60"], { stdio: "ignore" });
  });
  afterAll(async () => {
    unrelated?.kill("SIGKILL");
    await db?.drop();
  });

  it("takes over a crashed jubao's lock whose pid now runs another program, and still refuses a second jubao naming the live one", async () => {
    const crashed = await startService(db.env);
    await crashed.kill9();
    // The pid in the crashed process's lock is reused by an unrelated live process.
    writeFileSync(lockPath(), JSON.stringify({ ...readLock(), pid: unrelated.pid }));

    const svc = await startService(db.env, { timeoutMs: 90_000 });
    try {
      const held = readLock();
      expect(held.pid).not.toBe(unrelated.pid);
      expect(() => process.kill(held.pid, 0)).not.toThrow();
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);

      const second = await runToExit(db.env);
      expect(second.code).toBe(1);
      expect(second.out).toContain(`is in use by process ${held.pid} (`);
      expect(second.out).toContain("src/main.ts");
      expect(readLock().pid).toBe(held.pid);
    } finally {
      await svc.stop();
    }
  }, 240_000);

  it("takes over a lock in the older format (pid, host, command) naming an unrelated live process", async () => {
    writeFileSync(
      lockPath(),
      JSON.stringify({ pid: unrelated.pid, host: hostname(), since: new Date().toISOString(), command: join(ROOT_DIR, "src/main.ts") }),
    );
    const svc = await startService(db.env, { timeoutMs: 90_000 });
    try {
      expect(readLock().pid).not.toBe(unrelated.pid);
    } finally {
      await svc.stop();
    }
    expect(() => readFileSync(lockPath())).toThrow(); // released on a clean stop
  }, 180_000);
});

/** `npm start` expected to refuse: its exit code and output, bounded in time. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn("npm", ["start", "--silent"], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(await freeTcpPort()), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, out };
}
