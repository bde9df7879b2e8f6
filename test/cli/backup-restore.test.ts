import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { wrapPglite } from "../../src/db/client.js";
import { tips } from "../../src/db/schema.js";
import { loadConfig, openNode } from "../../src/bootstrap.js";
import { createCrypto } from "../../src/adapters/crypto.js";
import { silentLogger } from "../../src/adapters/logger.js";
import { submitTip, type SubmittedTip } from "../../src/app/tips/submit-tip.js";
import { TEST_SECRET, testDeps } from "../support/deps.js";
import { freePort, startProcess, waitFor, type Started } from "../support/process.js";
import { DATA_DIR_COMMANDS } from "../../src/cli/data-dir-commands.js";
import { parseFlags } from "../../src/cli/flags.js";

const TIP_TEXT = "化工厂夜里偷偷往河里排废液，气味很刺鼻";

/**
 * `npm run cli -- backup | restore` on PGlite data directories (these are PGlite features; on a
 * PostgreSQL server both commands only point to pg_dump / pg_restore). The restore of the round trip and
 * the refusal while the server runs are real processes; the rest calls the same commands in this process
 * (each process costs seconds of start-up).
 */
describe("backup and restore commands", () => {
  const root = mkdtempSync(join(tmpdir(), "jubao-backup-cli-"));
  const source = join(root, "source");
  /** A backup of `source` made directly, so each test stands on its own. */
  const fixture = join(root, "fixture.tar.gz");
  const running: Started[] = [];
  let tip: SubmittedTip;

  beforeAll(async () => {
    // A data directory as `npm start` leaves it (from the seeded test image), holding one tip.
    mkdirSync(source);
    const pg = await PGlite.create({ dataDir: join(source, "pglite"), loadDataDir: new Blob([readFileSync(inject("pgliteSeeded"))]) });
    const database = await wrapPglite(pg);
    tip = await submitTip(testDeps(database), { channel: "web", text: TIP_TEXT, place: "南宁市兴宁区", reporter: { contact: "13800138000", consent: true } });
    writeFileSync(fixture, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
    await database.close();
  }, 60_000);

  afterAll(() => {
    for (const p of running) p.child.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
    const p = startProcess("src/cli.ts", args, { APP_SECRET: TEST_SECRET, LOG_LEVEL: "error", ...env });
    const code = await p.exited;
    return { code, out: p.output() };
  }

  /** The same command in this process (quicker than a process for the refusals). */
  async function inProcess(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const [name, ...flags] = args;
    const code = await DATA_DIR_COMMANDS[name].run(loadConfig({ APP_SECRET: TEST_SECRET, ...env }), parseFlags(flags), { stdout: sink, stderr: sink });
    return { code, out };
  }

  /** Open a data directory the way the server does (lock, migrations) and read the tip back. */
  async function storedTip(dataDir: string): Promise<{ text: string; contact: string; contactEnc: Uint8Array } | undefined> {
    const opened = await openNode(loadConfig({ DATA_DIR: dataDir, APP_SECRET: TEST_SECRET }), silentLogger);
    try {
      const [row] = await opened.deps.db.select().from(tips).where(eq(tips.trackingCode, tip.trackingCode));
      return row && { text: row.text, contact: JSON.parse(opened.deps.crypto.decrypt(row.reporterContactEnc!)).contact, contactEnc: row.reporterContactEnc! };
    } finally {
      await opened.close();
    }
  }

  it("a backup restored into a fresh DATA_DIR opens with the same tip, and needs the same APP_SECRET for identities", async () => {
    // backup in this process (a process runs it in the "server holds the data directory" test), restore as one.
    const backup = await inProcess(["backup"], { DATA_DIR: source });
    expect(backup.code, backup.out).toBe(0);
    const names = readdirSync(join(source, "backups"));
    expect(names, "one complete file, no temporary one").toHaveLength(1);
    expect(names[0]).toMatch(/^jubao-\d{8}T\d{6}Z\.tar\.gz$/);
    const file = join(source, "backups", names[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(backup.out).toContain(`wrote ${file}`);
    expect(backup.out).toContain("APP_SECRET is not in the backup");

    const fresh = join(root, "fresh");
    const restore = await cli(["restore", "--from", file], { DATA_DIR: fresh });
    expect(restore.code, restore.out).toBe(0);
    expect(readdirSync(fresh).filter((n) => n.startsWith("pglite"))).toEqual(["pglite"]); // no staging directory left
    const stored = await storedTip(fresh);
    expect(stored).toMatchObject({ text: TIP_TEXT, contact: "13800138000" });
    // The backup alone does not reveal the reporter: another APP_SECRET cannot read the identity.
    expect(() => createCrypto("another-app-secret-0123456789abcdef-0123").decrypt(stored!.contactEnc)).toThrow();
  }, 60_000);

  it("restore refuses a DATA_DIR that holds a database, and --force moves that one aside", async () => {
    const target = join(root, "occupied");
    mkdirSync(join(target, "pglite"), { recursive: true });
    writeFileSync(join(target, "pglite", "PG_VERSION"), "18\n"); // stands in for the database already there
    writeFileSync(join(target, "pglite", "marker"), "the old database");

    const refused = await inProcess(["restore", "--from", fixture], { DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.out.trim().split("\n")).toHaveLength(1);
    expect(refused.out).toContain(`${target} already holds a database`);
    expect(refused.out).toContain("--force");
    expect(readFileSync(join(target, "pglite", "marker"), "utf8")).toBe("the old database");

    const forced = await inProcess(["restore", "--from", fixture, "--force"], { DATA_DIR: target, APP_SECRET: "" });
    expect(forced.code, forced.out).toBe(0);
    expect(forced.out).toContain(`warning: no APP_SECRET and no ${join(target, "app-secret")}`); // neither set nor kept
    const aside = readdirSync(target).filter((n) => /^pglite\.before-restore-\d{8}T\d{6}Z$/.test(n));
    expect(aside).toHaveLength(1);
    expect(forced.out).toContain(join(target, aside[0]));
    expect(readFileSync(join(target, aside[0], "marker"), "utf8")).toBe("the old database"); // moved, not deleted
    expect(existsSync(join(target, "pglite", "marker"))).toBe(false);
    expect((await storedTip(target))?.text).toBe(TIP_TEXT);
  }, 60_000);

  it("restore leaves everything as it was when the file is not a backup", async () => {
    const junk = join(root, "junk.tar.gz");
    writeFileSync(junk, "not a tarball at all");
    const target = join(root, "untouched");
    const run = await inProcess(["restore", "--from", junk], { DATA_DIR: target });
    expect(run.code).toBe(1);
    expect(run.out).toContain("is not a usable jubao backup");
    expect(readdirSync(target)).toEqual([]); // no staging directory, no database, lock released
  }, 60_000);

  it("backup and restore refuse in one line while the server holds the data directory", async () => {
    const server = startProcess("src/main.ts", [], { DATA_DIR: source, APP_SECRET: TEST_SECRET, PORT: String(freePort()) });
    running.push(server);
    await waitFor(() => server.output().includes("jubao is running"), "the server's start-up banner");
    try {
      const backup = await cli(["backup"], { DATA_DIR: source });
      expect(backup.code).toBe(1);
      expect(backup.out.trim().split("\n")).toHaveLength(1);
      // The lock names the node process under tsx that holds the directory, and what it runs.
      const holder = Number(/in use by process (\d+) \([^)]*src\/main\.ts\)/.exec(backup.out)?.[1]);
      expect(() => process.kill(holder, 0), backup.out).not.toThrow();
      expect(backup.out).toContain("stop the server");
      expect(backup.out).toContain(`nightly backups in ${join(source, "backups")}`);

      const restore = await inProcess(["restore", "--from", fixture, "--force"], { DATA_DIR: source });
      expect(restore.code).toBe(1);
      expect(restore.out).toContain("stop the server");
      expect(readdirSync(source).filter((n) => n.startsWith("pglite"))).toEqual(["pglite"]); // nothing moved aside
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 90_000);

  it("both point to pg_dump / pg_restore when DATABASE_URL is set, and backup says when there is no database", async () => {
    const env = { DATA_DIR: join(root, "unused"), DATABASE_URL: "postgres://jubao@127.0.0.1:1/jubao" };
    const backup = await inProcess(["backup"], env);
    expect([backup.code, backup.out]).toEqual([1, expect.stringContaining("pg_dump")]);
    const restore = await inProcess(["restore", "--from", "x.tar.gz"], env);
    expect([restore.code, restore.out]).toEqual([1, expect.stringContaining("pg_restore")]);
    const empty = await inProcess(["backup"], { DATA_DIR: join(root, "empty") });
    expect([empty.code, empty.out]).toEqual([1, expect.stringContaining("there is no database in")]);
  }, 60_000);
});
