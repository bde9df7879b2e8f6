import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgCluster, pgBinDir, type PgCluster } from "../support/pg-cluster.js";
import { ROOT_DIR } from "../support/paths.js";

interface Tick {
  ok: number;
  failed: number;
  codes: Record<string, number>;
  slowestFailureMs: number;
}

const bin = pgBinDir();
if (!bin) console.warn("[jubao tests] no initdb on this machine: the PostgreSQL restart tests are skipped.");

/**
 * postgres.js 3.4.9 throws `Cannot read properties of null (reading 'write')` from a setImmediate when
 * a server goes away under load, which ends the process (2 of 2 restarts with 20 callers here before
 * patches/postgres+3.4.9.patch). The pool runs in a child process so that a crash is seen as one.
 */
describe.skipIf(!bin)("the postgres.js pool across a PostgreSQL restart (throwaway cluster)", () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await createPgCluster();
  });
  afterAll(() => cluster?.destroy());

  it("survives `pg_ctl restart -m fast` and an immediate stop + start under 20 callers, failing fast and recovering by itself", async () => {
    const child = spawn(join(ROOT_DIR, "node_modules", ".bin", "tsx"), [join(ROOT_DIR, "test/db/fixtures/restart-load.ts")], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: cluster.url, CALLERS: "20" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    const ticks: Tick[] = [];
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      for (const line of String(d).split("\n")) if (line.startsWith("{")) ticks.push(JSON.parse(line) as Tick);
    });
    child.stderr!.on("data", (d) => (out += d));
    let exit: number | string | null | undefined;
    child.on("exit", (code, signal) => (exit = code ?? signal));
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const servedSince = async (from: number, what: string) => {
      for (let i = 0; i < 60 && exit === undefined && !ticks.slice(from).some((t) => t.ok > 0); i++) await sleep(250);
      expect(exit, `the process died (${what}):\n${out}`).toBeUndefined();
      expect(
        ticks.slice(from).some((t) => t.ok > 0),
        `${what}\n${out}`,
      ).toBe(true);
    };
    try {
      await servedSince(0, "the pool never served");
      for (const fault of ["restart", "restart", "restart", "stop-start"] as const) {
        const from = ticks.length;
        if (fault === "restart") await cluster.restartFast();
        else {
          await cluster.stopImmediate();
          await sleep(2_000);
          await cluster.start();
        }
        await servedSince(from, `no query succeeded after ${fault}`);
        await sleep(1_500);
        expect(exit, `the process died on ${fault}:\n${out}`).toBeUndefined();
      }
      const failures = ticks.filter((t) => t.failed > 0);
      expect(failures.length, "the outage was not seen at all").toBeGreaterThan(0);
      // A caller hears of the outage within the connect timeout, not after 8–10 s.
      const slowest = Math.max(...ticks.map((t) => t.slowestFailureMs));
      console.info(`[postgres restart] ${failures.reduce((n, t) => n + t.failed, 0)} failed queries, slowest failure ${slowest} ms`);
      expect(slowest).toBeLessThan(3_000);
      const codes = new Set(failures.flatMap((t) => Object.keys(t.codes)));
      // Every failure is one the app answers with 503 (the fixture marks the others).
      expect([...codes].filter((c) => c.includes("NOT unavailable"))).toEqual([]);
    } finally {
      child.stdin!.end();
      if (exit === undefined) await Promise.race([new Promise((r) => child.once("exit", r)), sleep(8_000)]);
      if (exit === undefined) child.kill("SIGKILL");
    }
  }, 90_000);
});

describe("patches/postgres+3.4.9.patch", () => {
  it("is applied to each build of the driver that Node, Bun and Workers load", async () => {
    const { readFileSync } = await import("node:fs");
    for (const build of ["src", "cjs/src", "cf/src"]) {
      const source = readFileSync(join(ROOT_DIR, "node_modules/postgres", build, "connection.js"), "utf8");
      expect(source, `${build}: run npm install (postinstall runs patch-package)`).toMatch(/function nextWrite\(fn\) \{[\s\S]{0,400}if \(!socket\) \{/);
    }
  });
});
