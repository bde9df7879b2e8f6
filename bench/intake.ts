/**
 * Intake under loopback load: the real app (createApp + @hono/node-server on 127.0.0.1) driven by
 * autocannon against POST /api/v1/tips (varied realistic tips) and POST /telegram/webhook (one-shot
 * /help and /status updates, each with a fresh update_id), beside a floor — a trivial route of this
 * process only that inserts one row through the same driver. Prints 2xx/s, p50/p99 and the ratio.
 *   npm run bench:intake [-- --duration 10 --connections 10]
 * PGlite in a temporary DATA_DIR always; also the PostgreSQL server named by DATABASE_URL or
 * TEST_DATABASE_URL, in a scratch database created there and dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { serve } from "@hono/node-server";
import postgres from "postgres";
import type { UserFromGetMe } from "grammy/types";
import { loadConfig, openNode } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { inboundDedupe, jurisdictions } from "../src/db/schema.js";
import { createApp } from "../src/http/app.js";
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

type Row = { database: string; target: string; perSecond: number; p50: number; p99: number; ok: number; failed: number };

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
  const rows: Row[] = [];
  try {
    for (const [target, request] of targets) {
      // A short warm-up (JIT, prepared statements, pool) that is not counted.
      await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: [request] });
      const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [request] });
      rows.push({
        database: label,
        target,
        perSecond: r["2xx"] / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ok: r["2xx"],
        failed: r.non2xx + r.errors + r.timeouts,
      });
    }
  } finally {
    for (let waited = 0; inFlight > 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise<void>((r) => server.close(() => r()));
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

const botApi = await startFakeBotApi();
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const results: Row[] = [];
try {
  results.push(...(await benchOne("PGlite", undefined, botApi.url)));
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
console.log("database    target                     2xx/s   p50 ms  p99 ms   vs floor   2xx / failed");
for (const r of results) {
  const floor = results.find((f) => f.database === r.database && f.target.startsWith("floor"))!;
  const ratio = r === floor ? "—" : `${((r.perSecond / floor.perSecond) * 100).toFixed(0)} %`;
  console.log(
    `${r.database.padEnd(11)} ${r.target.padEnd(24)} ${r.perSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(7)} ${ratio.padStart(10)}   ${r.ok} / ${r.failed}`,
  );
}
if (results.some((r) => r.failed > 0)) console.log("note: non-2xx answers or errors occurred (see the last column); they are not counted as tips.");
process.exit(0);
