import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createDb, type Database } from "../../src/db/client.js";
import { liaisons } from "../../src/db/schema.js";
import { acceptInvite } from "../../src/app/liaisons/accept-invite.js";
import { GUANGXI_2020 } from "../../src/domain/campaign-templates.js";
import { openTestDb, type TestDb } from "../support/db.js";
import { TEST_SECRET, testDeps } from "../support/deps.js";
import { startProcess } from "../support/process.js";

const BOT_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz";

/**
 * `npm run cli -- invite | liaisons | campaign:start` as real processes: on the PostgreSQL test server
 * when TEST_DATABASE_URL is set, else on PGlite under a fresh DATA_DIR (seeded by the `seed` command).
 */
describe("liaison and campaign commands as processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "jubao-cli-"));
  const base: Record<string, string> = { APP_SECRET: TEST_SECRET, DATA_DIR: join(dir, "data"), LOG_LEVEL: "error" };
  let pg: TestDb | undefined;
  let fakeApi: Server;
  let apiRoot = "";

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      pg = await openTestDb("postgres");
      base.DATABASE_URL = pg.url!;
    } else {
      const seeded = await cli(["seed"]);
      expect(seeded.code, seeded.out).toBe(0);
    }
    // A fake Bot API that knows only getMe, for the "ask Telegram for the username" path.
    fakeApi = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(
        req.url === `/bot${BOT_TOKEN}/getMe`
          ? JSON.stringify({ ok: true, result: { id: 42, is_bot: true, first_name: "jubao", username: "fake_jubao_bot" } })
          : JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }),
      );
    });
    await new Promise<void>((resolve) => fakeApi.listen(0, "127.0.0.1", resolve));
    apiRoot = `http://127.0.0.1:${(fakeApi.address() as { port: number }).port}`;
  }, 180_000);

  afterAll(async () => {
    fakeApi?.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
    const p = startProcess("src/cli.ts", args, { ...base, ...env });
    const code = await p.exited;
    return { code, out: p.output() };
  }

  /** The same database the processes used; PGlite is opened only while no process holds it. */
  async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = pg ?? (await createDb({ DATA_DIR: join(base.DATA_DIR, "pglite") }));
    try {
      return await fn(database);
    } finally {
      if (!pg) await database.close();
    }
  }

  it("invite prints a t.me deep link whose token binds a chat once", async () => {
    const run = await cli(["invite", "--unit", "450102:emergency"], { TELEGRAM_BOT_USERNAME: "@jubao_gx_bot" });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("兴宁区应急管理局");
    expect(run.out).toMatch(/valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Shanghai\)/);
    const token = /https:\/\/t\.me\/jubao_gx_bot\?start=(li_[A-Za-z0-9_-]{32})\n/.exec(run.out)?.[1];
    expect(token, run.out).toBeDefined();
    await withDb(async (database) => {
      const deps = testDeps(database);
      expect(await acceptInvite(deps, { token: token!, chatId: 990_001 })).toMatchObject({ ok: true, alreadyBound: false });
      expect(await acceptInvite(deps, { token: token!, chatId: 990_002 })).toEqual({ ok: false, reason: "used" });
      const bound = await database.db
        .select()
        .from(liaisons)
        .where(eq(liaisons.telegramChatHash, deps.crypto.hash("tg-chat", "990001")));
      expect(bound).toHaveLength(1);
    });
    const listed = await cli(["liaisons", "--unit", "450102:emergency"]);
    expect(listed.code, listed.out).toBe(0);
    expect(listed.out).toContain("兴宁区应急管理局");
    expect(listed.out).toContain("1 active");
    expect(listed.out).toMatch(/#\d+\s+telegram\s+zh-CN/);
    expect(listed.out).not.toContain("990001");
  }, 180_000);

  it("asks Telegram (getMe) for the username when only the bot token is set", async () => {
    const run = await cli(["invite", "--unit", "450100:fire"], { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: apiRoot });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/https:\/\/t\.me\/fake_jubao_bot\?start=li_[A-Za-z0-9_-]{32}\n/);
  }, 120_000);

  it("without a username or token, prints the token and says how to use it", async () => {
    const run = await cli(["invite", "--unit", "450100:police", "--days", "3"]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/token: li_[A-Za-z0-9_-]{32}\n/);
    expect(run.out).toContain("Set TELEGRAM_BOT_USERNAME");
    expect(run.out).not.toContain("https://t.me/jubao");
  }, 120_000);

  it("an unknown unit is a clear error and exit code 1", async () => {
    const run = await cli(["invite", "--unit", "450102:fire"]);
    expect(run.code).toBe(1);
    expect(run.out).toContain("no unit 450102:fire");
    expect(run.out).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("campaign:start prints the campaign and its obligations per kind, and refuses a second start", async () => {
    const run = await cli(["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422", "--figures-due-day", "5"]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/campaign \d+ started: 衡南县2018年安全监管“强执法防事故”行动/);
    expect(run.out).toContain("2018-06-06 … 2018-12-31");
    expect(run.out).toContain("figures due on day 5 of the following month");
    const deliverable = Number(/deliverable\s+(\d+)/.exec(run.out)![1]);
    const figures = Number(/figures\s+(\d+)\n/.exec(run.out)![1]);
    expect(deliverable).toBeGreaterThanOrEqual(3 * 26);
    expect(figures).toBe(2 * deliverable); // six months of forms against three deliverables, for the same units
    expect(run.out).toMatch(/recurring\s+0\n/);

    const again = await cli(["campaign:start", "--template", "hengnan-2018", "--jurisdiction", "430422"]);
    expect(again.code).toBe(1);
    expect(again.out).toContain("already runs hengnan-2018 for 430422 in 2018");
  }, 180_000);

  it("campaign:start reads a template from a JSON file and names what is wrong with a bad one", async () => {
    const file = join(dir, "quarterly.json");
    writeFileSync(
      file,
      JSON.stringify({ ...GUANGXI_2020, code: "gx-quarterly", obligations: GUANGXI_2020.obligations.filter((o) => o.code === "quarterly_exposure") }),
    );
    const run = await cli(["campaign:start", "--template", file, "--jurisdiction", "450000", "--year", "2021"]);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain("2021-01-01 … 2021-12-31");
    expect(run.out).toMatch(/deliverable\s+0\n/);
    expect(Number(/recurring\s+(\d+)/.exec(run.out)![1]) % 4).toBe(0);

    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ code: "Bad Code", obligations: [] }));
    const refused = await cli(["campaign:start", "--template", bad, "--jurisdiction", "450000"]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("does not match the template schema");
    expect(refused.out).toContain("code:");
  }, 180_000);
});
