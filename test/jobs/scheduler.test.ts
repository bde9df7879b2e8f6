import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import cron from "node-cron";
import { createDb, type Database } from "../../src/db/client";
import { jobRuns, outbox } from "../../src/db/schema";
import type { Deps } from "../../src/app/deps";
import { JOBS, type Job } from "../../src/jobs/schedule";
import { runJobOnce } from "../../src/jobs/coordinator";
import { startScheduler } from "../../src/jobs/scheduler";
import { createTelegramSender } from "../../src/adapters/telegram-sender";
import { enqueueMessage } from "../../src/app/outbox/enqueue-message";
import { DB_KINDS, openTestDb, type TestDb } from "../support/db";
import { testDeps } from "../support/deps";
import { ROOT_DIR } from "../support/paths";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api";

describe("the schedule table", () => {
  it("wrangler.toml's cron triggers are exactly the distinct crons of JOBS", () => {
    const toml = readFileSync(join(ROOT_DIR, "wrangler.toml"), "utf8");
    const line = /^\s*crons\s*=\s*(\[.*\])\s*$/m.exec(toml);
    expect(line).not.toBeNull();
    const triggers = JSON.parse(line![1]) as string[];
    expect([...triggers].sort()).toEqual([...new Set(JOBS.map((j) => j.cron))].sort());
  });

  it("has unique job names and valid cron expressions, with the outbox every minute and reminders every 15 minutes", () => {
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
    for (const j of JOBS) expect(cron.validate(j.cron)).toBe(true);
    expect(JOBS.find((j) => j.name === "dispatch-outbox")?.cron).toBe("* * * * *");
    expect(JOBS.find((j) => j.name === "reminders")?.cron).toBe("*/15 * * * *");
  });
});

describe.each(DB_KINDS)("scheduler and coordinator on %s", (kind) => {
  let database: TestDb;
  let deps: Deps;
  let api: FakeBotApi;
  beforeAll(async () => {
    database = await openTestDb(kind);
    api = await startFakeBotApi();
    deps = testDeps(database, { telegram: createTelegramSender({ token: api.token, apiRoot: api.apiRoot }) });
  });
  afterAll(async () => {
    await api?.close();
    await database?.close();
  });

  it("three replicas running the same slot at once: exactly one runs it", async () => {
    let runs = 0;
    const job: Job = { name: `once-${kind}`, cron: "* * * * *", run: async () => ({ run: ++runs }) };
    const pools: Database[] = [];
    try {
      const replicas =
        kind === "postgres"
          ? await Promise.all(
              [0, 1, 2].map(async () => {
                const db = await createDb({ DATABASE_URL: database.url!, DATA_DIR: "" }, { max: 2 });
                pools.push(db);
                return { ...deps, database: db, db: db.db };
              }),
            )
          : [deps, deps, deps];
      const results = await Promise.all(replicas.map((d) => runJobOnce(d, job, "2025-06-18T01:00")));
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      expect(runs).toBe(1);
      const [row] = await deps.db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job.name), eq(jobRuns.slot, "2025-06-18T01:00")));
      expect(row.finishedAt).not.toBeNull();
      expect(row.result).toEqual({ run: 1 });
      expect((await runJobOnce(deps, job, "2025-06-18T01:01")).ran).toBe(true); // the next slot runs again
    } finally {
      for (const p of pools) await p.close();
    }
  });

  it("schedules every job with node-cron in UTC, each slot once through the coordinator, and stops cleanly", async () => {
    let runs = 0;
    const jobs: Job[] = [{ name: `sched-${kind}`, cron: "0 0 1 1 *", run: async () => ++runs }];
    const scheduler = startScheduler(deps, { jobs, dispatchEveryMs: null });
    try {
      expect(scheduler.jobs).toEqual([`sched-${kind}`]);
      const task = [...cron.getTasks().values()].find((t) => t.name === `sched-${kind}`)!;
      expect(task.getPattern()).toBe("0 0 1 1 *");
      expect(task.getNextRun()!.toISOString()).toMatch(/-01-01T00:00:00\.000Z$/); // midnight UTC, not local time
      const first = await task.execute();
      const second = await task.execute(); // same minute: the slot is taken
      expect(first).toMatchObject({ ran: true });
      expect(second).toMatchObject({ ran: false });
      expect(runs).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect([...cron.getTasks().values()].some((t) => t.name === `sched-${kind}`)).toBe(false);
  });

  it("runs the outbox dispatcher on a short loop in Node, and stop() waits for it", async () => {
    await enqueueMessage(deps.db, deps, { channel: "telegram", to: "990001", payload: { text: "回执" } });
    const scheduler = startScheduler(deps, { jobs: [], dispatchEveryMs: 20 });
    try {
      for (let i = 0; i < 500 && api.delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await scheduler.stop();
    }
    expect(api.delivered.map((d) => d.text)).toEqual(["回执"]);
    expect((await deps.db.select().from(outbox))[0].status).toBe("sent");
  });
});
