/**
 * Intake under loopback load: the real app (createApp + @hono/node-server on 127.0.0.1) driven by
 * autocannon against POST /api/v1/tips (varied realistic tips) and POST /telegram/webhook (one-shot
 * /help and /status updates, each with a fresh update_id), beside a floor — a trivial route of this
 * process only that inserts one row through the same driver. Prints 2xx/s, p50/p99, the ratio, and the
 * CPU ms per 2xx of this process (the app, and autocannon, which runs in it) and of the scratch
 * database's backends (read from /proc: a server on this machine only; on PGlite the database's work
 * is the app's own CPU). CPU per request moves far less with the machine's load than req/s.
 *   npm run bench:intake [-- --duration 10 --connections 10 --only webhook --tips-only --server-only]
 * PGlite in a temporary DATA_DIR always; also the PostgreSQL server named by DATABASE_URL or
 * TEST_DATABASE_URL, in a scratch database created there and dropped afterwards.
 *
 *   npm run bench:intake -- --replicas 3 [--duration 8 --connections 16]
 * Scale-out instead: for N = 1 … 3, N real app processes (`tsx src/main.ts`, as `npm start`) on one
 * scratch database of the PostgreSQL server, the connections split round-robin over them (one
 * autocannon per process, all at once), POST /api/v1/tips only. Prints tips/s, the worst p99 of the
 * N targets, and the top wait events of pg_stat_activity sampled every 100 ms (a null wait_event
 * on an active backend is counted as "CPU").
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import postgres from "postgres";
import type { UserFromGetMe } from "grammy/types";
import { loadConfig, openNode } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { rows } from "../src/db/client.js";
import { sql } from "drizzle-orm";
import { inboundDedupe, jurisdictions } from "../src/db/schema.js";
import { createApp } from "../src/http/app.js";
import { tipBatcherFor } from "../src/app/tips/tip-batcher.js";
import { LINK_EVERY_MS, startLinkLoop } from "../src/jobs/link-loop.js";
import { createBot } from "../bot/create-bot.js";
import { parseFlags } from "../src/cli/flags.js";
import { generateTips } from "./lib/generate.js";
import { MIN_TIP_TEXT } from "../src/domain/tip-input.js";

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonResult {
  duration: number;
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;

const flags = parseFlags(process.argv.slice(2));
// `--cpu`: CPU ms per request, start-up and RSS of the real server instead (bench/server.ts, which exits).
if (flags.cpu !== undefined) await import("./server.js");
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DURATION = Number(flags.duration ?? 10);
const CONNECTIONS = Number(flags.connections ?? 10);
const TOKEN = "123456:BENCH-token-abcdefghijklmnopqrstuvwxyz";
const HOOK_SECRET = "bench-hook-secret";
const BOT_INFO = {
  id: 42_000_001,
  is_bot: true,
  first_name: "jubao bench",
  username: "jubao_bench_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as UserFromGetMe;

/** A Bot API stand-in that answers every method ok, so replies cost a loopback round trip like the real one. */
async function startFakeBotApi(): Promise<{ url: string; close(): Promise<void> }> {
  let id = 1;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const result = /send\w+$/.test(req.url ?? "") ? { message_id: ++id, date: Math.floor(Date.now() / 1000), chat: { id: 1, type: "private" } } : true;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A scratch database on the server, so a benchmark never writes thousands of tips into a real one. */
async function scratchDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jubao_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

type Row = {
  database: string;
  target: string;
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** CPU ms per 2xx of this process: the app and autocannon (the load generator runs in it too). */
  appCpuMs: number;
  /** CPU ms per 2xx of the server's backends for the scratch database (/proc, so a local server only); null on PGlite. */
  dbCpuMs: number | null;
  note?: string;
};

/** Summed user + system CPU ms of these processes (/proc/<pid>/stat, 100 ticks a second); null when none can be read. */
function backendCpuMs(pids: number[]): number | null {
  let ticks = 0;
  let read = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      read++;
    } catch {
      // A backend that ended (or a server on another machine): its time is not counted.
    }
  }
  return read === 0 ? null : ticks * 10;
}

async function benchOne(label: string, databaseUrl: string | undefined, botApiUrl: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-bench-intake-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? "",
    APP_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
    TELEGRAM_API_ROOT: botApiUrl,
    LOG_LEVEL: "error",
    SMS_PROVIDER: "log",
    INTAKE_LIMIT_PER_HOUR: "0", // one load generator on 127.0.0.1 is not a flood to refuse
  };
  const opened = await openNode(loadConfig(env), createLogger("error"));
  const { deps } = opened;
  if (!(await isSeeded(deps.db))) await seedDefaults(deps.db);
  const bot = createBot({ token: TOKEN, deps, botConfig: { botInfo: BOT_INFO } });
  const app = createApp({ deps, bot });
  // The audit sequencer runs as in `npm start` (every second), so its cost is inside the figures.
  const linker = startLinkLoop(deps, { everyMs: LINK_EVERY_MS });

  // The floor lives only in this process: same server, same driver, one INSERT, no domain work.
  const outer = new Hono();
  // autocannon stops on the clock with requests still in flight; the database is closed only after they end.
  let inFlight = 0;
  outer.use(async (_c, next) => {
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
  outer.post("/bench/floor", async (c) => {
    await deps.db.insert(inboundDedupe).values({ source: "bench-floor", key: randomBytes(12).toString("hex") });
    return c.json({ ok: true }, 201);
  });
  outer.route("/", app);
  const server = serve({ fetch: outer.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((r) => server.once("listening", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const places = (await deps.db.select({ name: jurisdictions.name, level: jurisdictions.level }).from(jurisdictions))
    .filter((j) => j.level === "county" || j.level === "township")
    .map((j) => j.name);
  const bodies = generateTips(500, places, 0)
    .filter((t) => t.text.length >= MIN_TIP_TEXT)
    .map((t, i) => JSON.stringify({ ...t, urgent: i % 17 === 0, ...(i % 5 === 0 ? { contact: `1380013${String(i).padStart(4, "0")}` } : {}) }));
  let n = 0;
  let updateId = 1_000_000;
  const json = { "content-type": "application/json" };
  const targets: [string, CannonRequest][] = [
    ["floor: one INSERT", { method: "POST", path: "/bench/floor", headers: json, body: "{}" }],
    ["POST /api/v1/tips", { method: "POST", path: "/api/v1/tips", headers: json, setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }],
    [
      "POST /telegram/webhook",
      {
        method: "POST",
        path: "/telegram/webhook",
        headers: { ...json, "x-telegram-bot-api-secret-token": HOOK_SECRET },
        setupRequest: (req) => {
          const id = ++updateId;
          const chat = 10_000_000 + (id % 5_000);
          const text = id % 2 ? "/help" : "/status";
          const update = {
            update_id: id,
            message: {
              message_id: id,
              date: Math.floor(Date.now() / 1000),
              chat: { id: chat, type: "private", first_name: "R" },
              from: { id: chat, is_bot: false, first_name: "R", language_code: id % 3 ? "zh-hans" : "en" },
              text,
              entities: [{ type: "bot_command", offset: 0, length: text.length }],
            },
          };
          return { ...req, body: JSON.stringify(update) };
        },
      },
    ],
  ];
  // The server's backends for this scratch database (none on PGlite, whose work is the app's own CPU).
  const backendPids = async (): Promise<number[]> =>
    databaseUrl
      ? (await rows<{ pid: number }>(deps.db, sql`select pid from pg_stat_activity where datname = current_database()`)).map((b) => Number(b.pid))
      : [];
  const rowsOut: Row[] = [];
  try {
    // `--only webhook`: the floor and the webhook; `--tips-only`: the floor and POST /api/v1/tips (the floor is always run: the ratio needs it).
    for (const [target, request] of targets) {
      if (flags.only === "webhook" && target.includes("/api/v1/tips")) continue;
      if (flags["tips-only"] !== undefined && target.includes("webhook")) continue;
      // A short warm-up (JIT, prepared statements, pool) that is not counted.
      await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: [request] });
      const pids = await backendPids();
      const [app0, db0] = [process.cpuUsage(), backendCpuMs(pids)];
      const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [request] });
      const app = process.cpuUsage(app0);
      const db = backendCpuMs([...new Set([...pids, ...(await backendPids())])]);
      rowsOut.push({
        appCpuMs: (app.user + app.system) / 1000 / Math.max(1, r["2xx"]),
        dbCpuMs: db === null || db0 === null ? null : (db - db0) / Math.max(1, r["2xx"]),
        database: label,
        target,
        perSecond: r["2xx"] / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ok: r["2xx"],
        failed: r.non2xx + r.errors + r.timeouts,
      });
      const batches = tipBatcherFor(deps).stats();
      if (target.includes("tips") && batches.transactions > 0) {
        rowsOut.at(-1)!.note = `mean group commit ${(batches.tips / batches.transactions).toFixed(1)} tips`;
      }
    }
  } finally {
    for (let waited = 0; inFlight > 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise<void>((r) => server.close(() => r()));
    await linker.stop();
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rowsOut;
}

if (flags.replicas !== undefined) {
  await benchReplicas(Number(flags.replicas));
  process.exit(0);
}

const botApi = await startFakeBotApi();
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const results: Row[] = [];
try {
  if (flags["server-only"] === undefined || !serverUrl) results.push(...(await benchOne("PGlite", undefined, botApi.url)));
  if (serverUrl) {
    const scratch = await scratchDatabase(serverUrl);
    try {
      results.push(...(await benchOne("PostgreSQL", scratch.url, botApi.url)));
    } finally {
      await scratch.drop();
    }
  }
} finally {
  await botApi.close();
}

console.log(`\nintake benchmark: ${DURATION} s per target, ${CONNECTIONS} connections, loopback (node ${process.version})`);
console.log("database    target                     2xx/s   p50 ms  p99 ms   vs floor   CPU ms/req app · db   2xx / failed");
for (const r of results) {
  const floor = results.find((f) => f.database === r.database && f.target.startsWith("floor"))!;
  const ratio = r === floor ? "—" : `${((r.perSecond / floor.perSecond) * 100).toFixed(0)} %`;
  console.log(
    `${r.database.padEnd(11)} ${r.target.padEnd(24)} ${r.perSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(7)} ${ratio.padStart(10)}   ${r.appCpuMs.toFixed(2).padStart(9)} · ${r.dbCpuMs === null ? "—   " : r.dbCpuMs.toFixed(2)}   ${r.ok} / ${r.failed}${r.note ? `   (${r.note})` : ""}`,
  );
}
if (results.some((r) => r.failed > 0)) console.log("note: non-2xx answers or errors occurred (see the last column); they are not counted as tips.");
process.exit(0);

// ── --replicas N: N app processes on one PostgreSQL server ──────────────────────────────────────────

interface Replica {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** `tsx src/main.ts` as `npm start` runs it, in its own process group; resolves once /healthz answers. */
async function startReplica(env: Record<string, string>): Promise<Replica> {
  const port = await freePort();
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["src/main.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`replica exited before /healthz:\n${err}`);
    if (i > 1200) throw new Error(`replica did not answer /healthz in 120 s:\n${err}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    async stop() {
      try {
        process.kill(-child.pid!, "SIGINT");
      } catch {
        return;
      }
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {}
      }, 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Sample pg_stat_activity of one database every 100 ms: counts per wait event ("CPU" when active and not waiting). */
function sampleWaits(serverUrl: string, dbName: string): { stop(): Promise<{ samples: number; counts: Map<string, number> }> } {
  const pg = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const active = await pg<{ ev: string; n: number }[]>`
        select coalesce(wait_event_type || ':' || wait_event, 'CPU') as ev, count(*)::int as n
          from pg_stat_activity where datname = ${dbName} and state = 'active' and pid <> pg_backend_pid() group by 1`;
      samples++;
      for (const r of active) counts.set(r.ev, (counts.get(r.ev) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await pg.end();
      return { samples, counts };
    },
  };
}

async function benchReplicas(maxN: number): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl || !Number.isInteger(maxN) || maxN < 1) {
    console.error("--replicas N needs N ≥ 1 and DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server)");
    process.exit(2);
  }
  const lines: string[] = [];
  for (let n = 1; n <= maxN; n++) {
    const scratch = await scratchDatabase(serverUrl);
    const dbName = new URL(scratch.url).pathname.slice(1);
    const env = {
      DATABASE_URL: scratch.url,
      APP_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv",
      LOG_LEVEL: "error",
      SMS_PROVIDER: "log",
      INTAKE_LIMIT_PER_HOUR: "0",
    };
    const replicas: Replica[] = [];
    try {
      // The first seeds; the others start on the seeded database.
      replicas.push(await startReplica(env));
      for (let i = 1; i < n; i++) replicas.push(await startReplica({ ...env, SEED_ON_START: "false" }));
      const seed = postgres(scratch.url, { max: 1, onnotice: () => {} });
      const places = (await seed<{ name: string }[]>`select name from jurisdictions where level in ('county', 'township')`).map((r) => r.name);
      await seed.end();
      const bodies = generateTips(500, places, 0)
        .filter((t) => t.text.length >= MIN_TIP_TEXT)
        .map((t) => JSON.stringify(t));
      let k = 0;
      const request: CannonRequest = {
        method: "POST",
        path: "/api/v1/tips",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: bodies[k++ % bodies.length] }),
      };
      const per = Math.max(1, Math.round(CONNECTIONS / n));
      await Promise.all(replicas.map((r) => autocannon({ url: r.url, connections: per, duration: 1, requests: [request] })));
      const sampler = sampleWaits(serverUrl, dbName);
      const results = await Promise.all(replicas.map((r) => autocannon({ url: r.url, connections: per, duration: DURATION, requests: [request] })));
      const waits = await sampler.stop();
      const ok = results.reduce((a, r) => a + r["2xx"], 0);
      const failed = results.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0);
      const perSecond = ok / DURATION;
      const p99 = Math.max(...results.map((r) => r.latency.p99));
      const top = [...waits.counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([ev, c]) => `${ev} ${(c / waits.samples).toFixed(2)}`)
        .join(", ");
      lines.push(
        `${String(n).padStart(8)} ${String(per * n).padStart(6)} ${perSecond.toFixed(0).padStart(7)} ${String(p99).padStart(8)}   ${ok} / ${failed}   ${top || "(no active backends sampled)"}`,
      );
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
      await scratch.drop();
    }
  }
  console.log(`\nintake scale-out: POST /api/v1/tips, ${DURATION} s, ${CONNECTIONS} connections split round-robin, PostgreSQL (node ${process.version})`);
  console.log("replicas  conns   tips/s  p99 ms   2xx / failed   top wait events (mean active backends per 100 ms sample)");
  for (const l of lines) console.log(l);
}
