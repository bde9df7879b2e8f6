import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { wrapPglite } from "../../src/db/client.js";
import { jobRuns, tips } from "../../src/db/schema.js";
import { createLogger } from "../../src/adapters/logger.js";
import { submitTip } from "../../src/app/tips/submit-tip.js";
import { JOBS } from "../../src/jobs/schedule.js";
import { runJobOnce } from "../../src/jobs/coordinator.js";
import { catchUpBackup, runBackup } from "../../src/jobs/backup.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { testDeps } from "../support/deps.js";

const NIGHT = new Date("2025-06-18T18:30:00Z");
const backupJob = JOBS.find((j) => j.name === "backup")!;

describe("the backup job in the schedule", () => {
  it("runs once a night between midnight and 05:00 in Asia/Shanghai", () => {
    expect(backupJob).toBeDefined();
    const [minute, hour, ...rest] = backupJob.cron.split(" ");
    expect(rest).toEqual(["*", "*", "*"]);
    expect(minute).toMatch(/^\d+$/);
    expect((Number(hour) + 8) % 24).toBeLessThan(5); // JOBS crons are UTC; Shanghai is UTC+8 all year
  });
});

describe("the nightly backup on PGlite", () => {
  let database: TestDb;
  let dataDir: string;
  const backups = () => join(dataDir, "backups");
  const depsAt = (at: Date, keep = "3") => testDeps(database, { env: { DATA_DIR: dataDir, BACKUP_KEEP: keep }, clock: () => at });

  beforeAll(async () => {
    database = await openTestDb("pglite");
  });
  afterAll(async () => database?.close());
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "jubao-backup-"));
    return () => rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes DATA_DIR/backups/jubao-<UTC time>.tar.gz, mode 0600, holding the tips (run through the coordinator)", async () => {
    const deps = depsAt(NIGHT);
    const tip = await submitTip(deps, { channel: "web", text: "仓库里堆着几十桶汽油，没有任何防火措施", place: "南宁市兴宁区" });
    const run = await runJobOnce(deps, backupJob, "2025-06-18T18:30");
    expect(run).toMatchObject({ ran: true, result: { file: join(backups(), "jubao-20250618T183000Z.tar.gz"), removed: 0 } });
    const [row] = await deps.db.select().from(jobRuns).where(eq(jobRuns.job, "backup"));
    expect(row.result).toMatchObject({ bytes: expect.any(Number), dumpMs: expect.any(Number) });

    expect(readdirSync(backups())).toEqual(["jubao-20250618T183000Z.tar.gz"]); // no temporary file left
    const file = join(backups(), "jubao-20250618T183000Z.tar.gz");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(backups()).mode & 0o777).toBe(0o700);
    const bytes = readFileSync(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip

    const restored = await wrapPglite(await PGlite.create({ loadDataDir: new Blob([bytes], { type: "application/x-gzip" }) }));
    try {
      const [stored] = await restored.db.select().from(tips).where(eq(tips.trackingCode, tip.trackingCode));
      expect(stored.text).toBe("仓库里堆着几十桶汽油，没有任何防火措施");
    } finally {
      await restored.close();
    }
  });

  it("keeps exactly the BACKUP_KEEP newest backups and leaves other files alone", async () => {
    mkdirSync(backups());
    const older = ["20250610T183000Z", "20250614T183000Z", "20250615T183000Z", "20250616T183000Z", "20250617T183000Z"];
    for (const s of older) writeFileSync(join(backups(), `jubao-${s}.tar.gz`), "old");
    writeFileSync(join(backups(), "before-upgrade.tar.gz"), "kept by hand");
    const result = await runBackup(depsAt(NIGHT, "3"));
    expect(result).toMatchObject({ removed: 3 });
    expect(readdirSync(backups()).sort()).toEqual([
      "before-upgrade.tar.gz",
      "jubao-20250616T183000Z.tar.gz",
      "jubao-20250617T183000Z.tar.gz",
      "jubao-20250618T183000Z.tar.gz",
    ]);
  });

  it("leaves no temporary file and removes no old backup when writing fails", async () => {
    mkdirSync(backups());
    writeFileSync(join(backups(), "jubao-20250601T183000Z.tar.gz"), "old");
    // The final name is taken by a non-empty directory: the rename after a complete write fails.
    mkdirSync(join(backups(), "jubao-20250618T183000Z.tar.gz"));
    writeFileSync(join(backups(), "jubao-20250618T183000Z.tar.gz", "x"), "");
    await expect(runBackup(depsAt(NIGHT, "1"))).rejects.toThrow();
    expect(readdirSync(backups()).sort()).toEqual(["jubao-20250601T183000Z.tar.gz", "jubao-20250618T183000Z.tar.gz"]);
  });

  it("catches up at start-up when the machine missed the night (no backup, or the newest older than 26 h)", async () => {
    const first = await catchUpBackup(depsAt(new Date("2025-06-20T01:00:00Z")));
    expect(first).toMatchObject({ file: join(backups(), "jubao-20250620T010000Z.tar.gz") });
    expect(await catchUpBackup(depsAt(new Date("2025-06-21T02:59:00Z")))).toEqual({ skipped: "recent" });
    expect(await catchUpBackup(depsAt(new Date("2025-06-21T03:01:00Z")))).toMatchObject({ file: join(backups(), "jubao-20250621T030100Z.tar.gz") });
    expect(readdirSync(backups()).sort()).toEqual(["jubao-20250620T010000Z.tar.gz", "jubao-20250621T030100Z.tar.gz"]);
    expect(await catchUpBackup(depsAt(new Date("2025-06-25T00:00:00Z"), "0"))).toEqual({ skipped: "off" });
  });

  it("writes nothing when BACKUP_KEEP=0", async () => {
    expect(await runBackup(depsAt(NIGHT, "0"))).toEqual({ skipped: "off" });
    expect(existsSync(backups())).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("the nightly backup on a PostgreSQL server", () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await openTestDb("postgres", { seeded: false });
  });
  afterAll(async () => database?.close());

  it("writes nothing and says once, at info, that the server's own backups apply", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "jubao-backup-"));
    const lines: string[] = [];
    try {
      const deps = testDeps(database, { env: { DATA_DIR: dataDir }, logger: createLogger("debug", {}, (l) => lines.push(l)) });
      expect(await runBackup(deps)).toEqual({ skipped: "postgres" });
      expect(readdirSync(dataDir)).toEqual([]);
      expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: "info", msg: expect.stringContaining("pg_dump") })]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
