/**
 * The units' side under load (issue 5, part 7).
 *  (a) 2,000 deadline reminders planned and queued by the real reminder path, then delivered by the real
 *      outbox dispatcher (drainOutbox) to a local fake Bot API that ENFORCES 30 messages/s overall with
 *      429 + retry_after. Prints messages/s against the limit, 429s, duplicates and lost messages.
 *  (b) the roll-up (rollupFigures) for 3,000 units × 12 months, on PGlite and on the PostgreSQL server
 *      when TEST_DATABASE_URL or DATABASE_URL is set, in milliseconds.
 *   npm run bench:units [-- --reminders 2000 --units 3000 --months 12 --only a|b --max-seconds 180 --pause-ms 100]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { loadConfig, openNode, type Opened } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { seedDefaults } from "../src/db/seed.js";
import { campaigns, jurisdictions, liaisons, monthlyReports, obligations, outbox, units } from "../src/db/schema.js";
import { planReminders } from "../src/app/reminders/plan-reminders.js";
import { sendDueReminders } from "../src/app/reminders/send-due-reminders.js";
import { drainOutbox } from "../src/app/outbox/drain-outbox.js";
import { rollupFigures } from "../src/app/figures/rollup.js";
import { shanghaiInstant } from "../src/domain/reminder-policy.js";
import { METRIC_CODES } from "../src/domain/figures.js";
import { parseFlags } from "../src/cli/flags.js";

const flags = parseFlags(process.argv.slice(2));
const REMINDERS = Number(flags.reminders ?? 2_000);
const UNITS = Number(flags.units ?? 3_000);
const MONTHS = Number(flags.months ?? 12);
const ONLY = typeof flags.only === "string" ? flags.only : "ab";
const MAX_SECONDS = Number(flags["max-seconds"] ?? 180);
const LIMIT_PER_SECOND = 30;
const TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuv";
const SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuv";
const PG_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

/** A database to bench on: PGlite in a temporary DATA_DIR, or a fresh database on the PostgreSQL server. */
async function openBenchDb(kind: "pglite" | "postgres", env: Record<string, string> = {}): Promise<{ opened: Opened; dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-bench-units-"));
  let url: string | undefined;
  let name = "";
  if (kind === "postgres") {
    name = `jubao_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(PG_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const opened = await openNode(
    loadConfig({ ...process.env, DATABASE_URL: url ?? "", DATA_DIR: dataDir, APP_SECRET: SECRET, LOG_LEVEL: "error", ...env }),
    createLogger("error"),
  );
  await seedDefaults(opened.deps.db);
  return {
    opened,
    async dispose() {
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (name) {
        const admin = postgres(PG_URL!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

/** The fake Bot API: a sliding one-second window of accepted sends; over 30 → 429 with retry_after. */
async function startLimitedBotApi() {
  const accepted: number[] = [];
  const deliveredTo = new Map<string, number>();
  let tooMany = 0;
  let messageId = 1;
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const json = JSON.parse(body || "{}") as { chat_id?: string | number };
    const answer = (code: number, payload: unknown) => {
      res.writeHead(code, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify(payload));
    };
    if (req.url !== `/bot${TOKEN}/sendMessage`) return answer(404, { ok: false, error_code: 404, description: "Not Found" });
    const now = Date.now();
    while (accepted.length > 0 && accepted[0] <= now - 1000) accepted.shift();
    if (accepted.length >= LIMIT_PER_SECOND) {
      tooMany++;
      const retryAfter = Math.max(1, Math.ceil((accepted[0] + 1000 - now) / 1000));
      return answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    accepted.push(now);
    const chat = String(json.chat_id);
    deliveredTo.set(chat, (deliveredTo.get(chat) ?? 0) + 1);
    answer(200, { ok: true, result: { message_id: messageId++, date: Math.floor(now / 1000), chat: { id: Number(chat) } } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats: () => ({
      tooMany,
      delivered: [...deliveredTo.values()].reduce((a, b) => a + b, 0),
      duplicates: [...deliveredTo.values()].reduce((a, n) => a + Math.max(0, n - 1), 0),
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function benchFanOut(): Promise<void> {
  const api = await startLimitedBotApi();
  const { opened, dispose } = await openBenchDb("pglite", { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url });
  try {
    const { deps } = opened;
    // One deliverable per unit; REMINDERS liaisons (each its own chat) spread over the seeded units.
    const unitRows = await deps.db.select({ id: units.id }).from(units).orderBy(units.id);
    const [c] = await deps.db
      .insert(campaigns)
      .values({ name: "bench", issuingJurisdictionCode: "430422", startsOn: "2025-06-01", endsOn: "2025-12-31", createdBy: "bench" })
      .returning({ id: campaigns.id });
    await deps.db.insert(obligations).values(
      unitRows.map((u, i) => ({
        campaignId: c.id,
        unitId: u.id,
        kind: "deliverable" as const,
        code: `bench_${i}`,
        title: "部署安排情况",
        period: "",
        dueOn: "2025-06-18",
      })),
    );
    for (let i = 0; i < REMINDERS; i += 500) {
      await deps.db.insert(liaisons).values(
        Array.from({ length: Math.min(500, REMINDERS - i) }, (_, k) => {
          const chat = String(700_000_000 + i + k);
          return {
            unitId: unitRows[(i + k) % unitRows.length].id,
            telegramChatEnc: deps.crypto.encrypt(chat),
            telegramChatHash: deps.crypto.hash("tg-chat", chat),
          };
        }),
      );
    }
    let clock = shanghaiInstant("2025-06-12", "12:00");
    const timed = { ...deps, clock: () => clock };
    const planned = await planReminders(timed);
    clock = shanghaiInstant("2025-06-13", "09:00");
    let queued = 0;
    const t0 = performance.now();
    for (;;) {
      const r = await sendDueReminders(timed, { limit: 500 });
      queued += r.messages;
      if (r.sent === 0) break;
    }
    console.log(
      `(a) ${unitRows.length} units, ${REMINDERS} liaisons: ${JSON.stringify(planned)} planned; ${queued} messages queued by sendDueReminders in ${(performance.now() - t0).toFixed(0)} ms`,
    );

    // The outbox stamps rows with the database's clock, so the dispatcher runs on real time.
    const started = performance.now();
    let firstAt = 0;
    const realTime = { ...deps, clock: () => new Date() };
    // drainOutbox returns when nothing is due; rows a 429 put off (retry_after) are due a second later,
    // which the production loop picks up on its next run. Here: run it again until every row is sent.
    const drained = { claimed: 0, sent: 0, retried: 0, dead: 0, rounds: 0 };
    const unsent = async () => Number((await deps.db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`status in ('pending', 'sending')`))[0].n);
    while (performance.now() - started < MAX_SECONDS * 1000) {
      const r = await drainOutbox(realTime, {
        // The production loop's settings (src/jobs/dispatch-loop.ts) unless --pause-ms says otherwise.
        maxMs: MAX_SECONDS * 1000 - (performance.now() - started),
        pauseMs: flags["pause-ms"] ? Number(flags["pause-ms"]) : undefined,
        shouldStop: () => {
          if (!firstAt && api.stats().delivered > 0) firstAt = performance.now();
          return false;
        },
      });
      for (const k of Object.keys(drained) as (keyof typeof drained)[]) drained[k] += r[k];
      if ((await unsent()) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const byStatus = await deps.db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
    const notSent = byStatus.filter((s) => s.status !== "sent").reduce((a, s) => a + Number(s.n), 0);
    const s = api.stats();
    const sinceFirst = (performance.now() - firstAt) / 1000;
    console.log(
      `(a) delivered ${s.delivered}/${queued} in ${seconds.toFixed(1)} s = ${(s.delivered / seconds).toFixed(1)} messages/s (limit ${LIMIT_PER_SECOND}/s, target ≥ 28/s); ${(s.delivered / sinceFirst).toFixed(1)}/s from the first delivery`,
    );
    console.log(
      `(a) 429 answers: ${s.tooMany}; duplicates: ${s.duplicates}; lost (outbox rows not sent): ${notSent}; dispatcher: ${JSON.stringify(drained)}; outbox: ${JSON.stringify(byStatus)}`,
    );
  } finally {
    await dispose();
    await api.close();
  }
}

async function benchRollup(kind: "pglite" | "postgres"): Promise<void> {
  const { opened, dispose } = await openBenchDb(kind);
  try {
    const { deps } = opened;
    const places = (await deps.db.select({ code: jurisdictions.code, level: jurisdictions.level }).from(jurisdictions)).filter(
      (j) => j.level === "county" || j.level === "township",
    );
    let t0 = performance.now();
    const unitIds: number[] = [];
    for (let i = 0; i < UNITS; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, UNITS - i) }, (_, k) => {
        const n = i + k,
          j = places[n % places.length];
        return {
          key: `bench:${n}`,
          name: `基准单位${n}`,
          kind: j.level === "township" ? ("township" as const) : ("department" as const),
          department: j.level === "township" ? null : "emergency",
          jurisdictionCode: j.code,
        };
      });
      unitIds.push(...(await deps.db.insert(units).values(batch).returning({ id: units.id })).map((u) => u.id));
    }
    const [c] = await deps.db
      .insert(campaigns)
      .values({ name: "bench rollup", issuingJurisdictionCode: "430422", startsOn: "2025-01-01", endsOn: "2025-12-31", createdBy: "bench" })
      .returning({ id: campaigns.id });
    const period = (m: number) => `2025-${String(m).padStart(2, "0")}`;
    let rowsInserted = 0;
    // All months of a slice of units per statement: the running-totals trigger then works out each unit's
    // months once, where month-by-month batches recompute every earlier month again (what is stored is
    // the same either way). 250 units × 12 months × 7 parameters stays under the 65,535 bind limit.
    const UNITS_PER_INSERT = Math.max(1, Math.floor(3_000 / MONTHS));
    for (let i = 0; i < unitIds.length; i += UNITS_PER_INSERT) {
      const batch = unitIds.slice(i, i + UNITS_PER_INSERT).flatMap((unitId, j) =>
        Array.from({ length: MONTHS }, (_, mi) => {
          const m = mi + 1,
            k = (i + j) % 1000;
          return {
            campaignId: c.id,
            unitId,
            period: period(m),
            version: 1,
            current: true,
            submittedBy: "bench",
            values: Object.fromEntries(METRIC_CODES.map((code, q) => [code, (unitId * 7 + m * 13 + q * 3 + k) % 50])),
          };
        }),
      );
      await deps.db.insert(monthlyReports).values(batch);
      rowsInserted += batch.length;
    }
    console.log(
      `(b) ${kind}: ${UNITS} units × ${MONTHS} months = ${rowsInserted} monthly_reports rows inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    await deps.db.execute(sql`analyze`);
    for (const [label, month] of [
      ["first month (month = cumulative)", period(1)],
      [`month ${period(MONTHS)} with cumulative over ${MONTHS} months`, period(MONTHS)],
    ] as const) {
      const times: number[] = [];
      const cpu: number[] = [];
      let top = 0;
      for (let run = 0; run < 3; run++) {
        const c0 = process.cpuUsage();
        t0 = performance.now();
        const totals = await rollupFigures(deps, { campaignId: c.id, month });
        times.push(performance.now() - t0);
        const c1 = process.cpuUsage(c0);
        cpu.push((c1.user + c1.system) / 1000);
        top = totals.filter((t) => t.level === "province").reduce((a, t) => a + t.unitsReporting, 0);
      }
      // CPU time of this process (all of PGlite's work; the client's share on the server) moves far less
      // than wall time when other jobs share the machine.
      console.log(
        `(b) ${kind}: roll-up ${label}: ${times.map((t) => t.toFixed(0)).join(" / ")} ms (3 runs; CPU in this process ${cpu.map((t) => t.toFixed(0)).join(" / ")} ms; ${top} units reporting at province level)`,
      );
    }
    const [check] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(monthlyReports).where(eq(monthlyReports.campaignId, c.id));
    if (Number(check.n) !== rowsInserted) throw new Error("row count mismatch");
  } finally {
    await dispose();
  }
}

if (ONLY.includes("a")) await benchFanOut();
if (ONLY.includes("b")) {
  await benchRollup("pglite");
  if (PG_URL) await benchRollup("postgres");
  else console.log("(b) postgres: skipped (set TEST_DATABASE_URL or DATABASE_URL)");
}
