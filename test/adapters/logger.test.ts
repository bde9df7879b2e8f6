import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "../support/paths.js";

/**
 * A log write that fails (EPIPE: the reader of stderr is gone; ENOSPC: stderr is a file on a full disk)
 * must not end the process: the service keeps taking tips and losing a log line is the lesser harm.
 */
describe("logger on a broken stderr", () => {
  it("keeps the process alive when stderr's reader has gone (EPIPE)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jubao-log-"));
    const alive = join(dir, "alive");
    try {
      const child = spawn(join(ROOT_DIR, "node_modules", ".bin", "tsx"), [join(ROOT_DIR, "test/adapters/fixtures/log-flood.ts")], {
        cwd: ROOT_DIR,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ALIVE_FILE: alive },
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr!.destroy(); // the reader goes away: every later write to the pipe fails with EPIPE
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(existsSync(alive), `the process ended (exit ${code}) on a failed log write`).toBe(true);
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it.skipIf(!existsSync("/dev/full"))(
    "keeps the process alive when stderr is a file on a full disk (ENOSPC, /dev/full)",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "jubao-log-"));
      const alive = join(dir, "alive");
      const full = openSync("/dev/full", "w");
      try {
        const child = spawn(join(ROOT_DIR, "node_modules", ".bin", "tsx"), [join(ROOT_DIR, "test/adapters/fixtures/log-flood.ts")], {
          cwd: ROOT_DIR,
          env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ALIVE_FILE: alive },
          stdio: ["ignore", "ignore", full],
        });
        const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
        expect(existsSync(alive), `the process ended (exit ${code}) on a failed log write`).toBe(true);
        expect(code).toBe(0);
      } finally {
        closeSync(full);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
