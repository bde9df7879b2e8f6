import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startProcess, waitFor, type Started } from "../support/process.js";

/** `npm start` as a user runs it: a real process on PGlite under a fresh data directory. */
describe("the service as a process", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-start-"));
  const running: Started[] = [];
  afterAll(() => {
    for (const p of running) p.child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts on a fresh data dir, refuses a second process, and keeps data across a restart", async () => {
    const port = freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const first = startProcess("src/main.ts", [], env);
    running.push(first);
    await waitFor(() => first.output().includes("jubao is running"), "the start-up banner");
    const banner = first.output();
    expect(banner).toContain(`http://127.0.0.1:${port}`);
    expect(banner).toContain(`PGlite (embedded) in ${join(dataDir, "pglite")}`);
    expect(banner).toMatch(/telegram\s+off — set TELEGRAM_BOT_TOKEN/);
    expect(banner).toMatch(/sms\s+log/);
    expect(banner).toContain("APP_SECRET is not set: generated one");
    expect(banner).toContain("seeded default data");
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const secretFile = join(dataDir, "app-secret");
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(secretFile, "utf8");

    const second = startProcess("src/main.ts", [], { ...env, PORT: String(port + 1) });
    expect(await second.exited).toBe(1);
    // The lock names the node process that holds the directory (npm/tsx may sit above it).
    const named = Number(/is in use by process (\d+) \(([^)]*)\)/.exec(second.output())?.[1]);
    expect(() => process.kill(named, 0)).not.toThrow();
    expect(second.output()).toContain("src/main.ts");
    expect(second.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const again = startProcess("src/main.ts", [], env);
    running.push(again);
    await waitFor(() => again.output().includes("jubao is running"), "the second start-up");
    expect(again.output()).not.toContain("seeded default data"); // the data from the first run is still there
    expect(again.output()).toContain("APP_SECRET is not set: using the one kept");
    expect(readFileSync(secretFile, "utf8")).toBe(secret);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 180_000);

  it("stops with one readable line per bad variable and exit code 1", async () => {
    const bad = startProcess("src/main.ts", [], { PORT: "abc", SMS_PROVIDER: "pigeon", DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    const out = bad.output();
    expect(out).toContain("PORT: expected a port number from 1 to 65535");
    expect(out).toContain("SMS_PROVIDER: expected one of log, twilio, generic");
    expect(out).not.toMatch(/\n\s+at /);
  }, 60_000);
});
