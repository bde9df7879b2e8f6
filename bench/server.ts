/**
 * The real server (`tsx src/main.ts`, as `npm start`) measured from outside, so the figures hold on a
 * shared, noisy machine where throughput does not:
 *   - CPU ms per request: N sequential `POST /api/v1/tips` and N sequential `POST /telegram/webhook`
 *     updates (/help and /status, fresh update_id, a local fake Bot API answering the replies); the
 *     server's CPU time (utime + stime of its process group, /proc) before and after, divided by N, and
 *     the same less the idle rate (scheduler, audit sequencer) over the same wall time;
 *   - start-up and memory: time from spawn to the first 200 from /healthz on a fresh data directory
 *     (PGlite) or an empty scratch database (server), and again on a restart of the same one; RSS of
 *     the app process at idle and its peak under concurrent intake load (autocannon);
 *   - with --profile, the server runs with --cpu-prof and the top self-time functions of the samples
 *     taken during the sequential requests are printed (V8 and this process read the same monotonic clock).
 *
 *   npm run bench:cpu [-- --requests 300 --profile --top 25 --load 5 --connections 10 --only pglite|server]
 *   npm run bench:startup  (the same run; `npm run bench:intake -- --cpu` too)
 * PGlite in a temporary DATA_DIR always; also the PostgreSQL server named by DATABASE_URL or
 * TEST_DATABASE_URL, in a scratch database created there and dropped afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { parseFlags } from "../src/cli/flags.js";
import { generateTips } from "./lib/generate.js";
import { MIN_TIP_TEXT } from "../src/domain/tip-input.js";
import divisions from "../src/db/seed/divisions.json" with { type: "json" };

const autocannon = createRequire(import.meta.url)("autocannon") as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: { method: string; path: string; headers: Record<string, string>; setupRequest: (r: object) => object }[];
}) => Promise<{ "2xx": number; duration: number; latency: { p99: number } }>;

const flags = parseFlags(process.argv.slice(2));
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const N = Number(flags.requests ?? 300);
const PROFILE = flags.profile !== undefined;
const TOP = Number(flags.top ?? 25);
const LOAD_S = Number(flags.load ?? 5);
const CONNECTIONS = Number(flags.connections ?? 10);
const ONLY = typeof flags.only === "string" ? flags.only : undefined;
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
};
const TICK_MS = 10; // USER_HZ is 100 on Linux: /proc CPU times are in 10 ms ticks
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function startFakeBotApi(): Promise<{ url: string; close(): Promise<void> }> {
  let id = 1;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const u = req.url ?? "";
      const result = u.endsWith("/getMe")
        ? BOT_INFO
        : /send\w+$/.test(u)
          ? { message_id: ++id, date: Math.floor(Date.now() / 1000), chat: { id: 1, type: "private" } }
          : true;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

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

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The processes of one process group (tsx and the node it starts), from /proc. */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid) pids.push(Number(d));
    } catch {}
  }
  return pids;
}

/** utime + stime of the whole group in ms. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks * TICK_MS;
}

/** RSS in MB of the app process: the largest of the group (the tsx wrapper is a small node that only waits). */
function appRssMb(pgid: number): number {
  let best = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) best = Math.max(best, Number(m[1]) / 1024);
    } catch {}
  }
  return best;
}

interface Running {
  url: string;
  pgid: number;
  msToHealthz: number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>, profileDir?: string): Promise<Running> {
  const port = await freePort();
  const t0 = performance.now();
  // `tsx src/main.ts` as `npm start`; to profile, the same loader on node's own command line
  // (--cpu-prof is refused in NODE_OPTIONS), which is what the tsx wrapper starts anyway.
  const [cmd, args] = profileDir
    ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "src/main.ts"]]
    : [join(ROOT, "node_modules", ".bin", "tsx"), ["src/main.ts"]];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited before /healthz:\n${err}`);
    if (performance.now() - t0 > 180_000) throw new Error(`server did not answer /healthz in 180 s:\n${err}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(20);
  }
  const msToHealthz = performance.now() - t0;
  return {
    url,
    pgid: child.pid!,
    msToHealthz,
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
      }, 20_000);
      await exited;
      // The wrapper exits when its child does; give the profile a moment to be written.
      for (let i = 0; i < 100 && groupPids(child.pid!).length > 0; i++) await sleep(50);
      clearTimeout(t);
    },
  };
}

interface CpuFigure {
  label: string;
  n: number;
  ok: number;
  cpuMs: number;
  wallMs: number;
  idleMsPerS: number;
  windowUs: [number, number];
}

/** N requests one after another; CPU of the server group over them. */
async function sequential(run: Running, label: string, n: number, make: (i: number) => RequestInit & { path: string }, idleMsPerS: number): Promise<CpuFigure> {
  // Warm-up (JIT, prepared statements, lazily loaded modules) that is not counted.
  for (let i = 0; i < Math.min(30, n); i++) {
    const { path, ...init } = make(-1 - i);
    await fetch(`${run.url}${path}`, init).then((r) => r.arrayBuffer());
  }
  await sleep(1_200); // let the audit sequencer link the warm-up rows outside the window
  let ok = 0;
  const c0 = groupCpuMs(run.pgid);
  const w0 = performance.now();
  const u0 = nowUs();
  for (let i = 0; i < n; i++) {
    const { path, ...init } = make(i);
    const r = await fetch(`${run.url}${path}`, init);
    await r.arrayBuffer();
    if (r.status >= 200 && r.status < 300) ok++;
  }
  const u1 = nowUs();
  await sleep(1_200); // the sequencer links this window's audit rows: their cost belongs to the requests
  const c1 = groupCpuMs(run.pgid);
  const wallMs = performance.now() - w0;
  return { label, n, ok, cpuMs: c1 - c0, wallMs, idleMsPerS, windowUs: [u0, u1] };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function over the samples inside the windows, from every thread's .cpuprofile of the app. */
function topSelf(profileDir: string, windows: [number, number][], top: number): string[] {
  const files = readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) return ["(no profile written)"];
  const self = new Map<string, number>();
  // Inclusive time of this project's functions (src/, bot/): where the app spends, below the plumbing.
  const inclusive = new Map<string, number>();
  // Self time by where the code lives: a package, node's own modules, this project, wasm, GC.
  const byPlace = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(profileDir, f), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let t = p.startTime;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.timeDeltas[i];
      if (!windows.some(([a, b]) => t >= a && t <= b)) continue;
      const node = byId.get(p.samples[i])!;
      const name = node.callFrame.functionName || "(anonymous)";
      if (name === "(idle)") continue;
      const where = node.callFrame.url
        .replace(/^file:\/\//, "")
        .replace(`${ROOT}/`, "")
        .replace(/^.*node_modules\//, "~/");
      const key = `${name}  ${where}${where ? `:${node.callFrame.lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + 1);
      const place = node.callFrame.url.startsWith("wasm:")
        ? "(wasm: PGlite's postgres)"
        : (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(node.callFrame.url)?.[1] ??
          /\/(src|bot)\//.exec(node.callFrame.url)?.[1] ??
          (node.callFrame.url.startsWith("node:") ? "node:*" : name.startsWith("(") ? name : `(other) ${where || name}`));
      byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
      total++;
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const fr = byId.get(id)!.callFrame;
        const m = /\/(src|bot)\/[^?]*/.exec(fr.url);
        if (!m || fr.url.includes("node_modules")) continue;
        const k = `${fr.functionName || "(anonymous)"}  ${m[0].slice(1)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
      }
    }
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const incl = [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const pct = (c: number) => `${((c / total) * 100).toFixed(1).padStart(5)} %`;
  return [
    `${total} busy samples in the request windows; self time:`,
    ...rows.map(([k, c]) => `${pct(c)}  ${k}`),
    "inclusive time of src/ and bot/ functions:",
    ...incl.map(([k, c]) => `${pct(c)}  ${k}`),
    "self time by package:",
    ...[...byPlace.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([k, c]) => `${pct(c)}  ${k}`),
  ];
}

async function benchOne(label: string, databaseUrl: string | undefined, botApiUrl: string): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-bench-server-"));
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), "jubao-bench-prof-")) : undefined;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? "",
    APP_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
    TELEGRAM_API_ROOT: botApiUrl,
    PUBLIC_URL: "https://bench.invalid",
    LOG_LEVEL: "error",
    SMS_PROVIDER: "log",
    INTAKE_LIMIT_PER_HOUR: "0",
  };
  const out: string[] = [];
  try {
    // 1. Fresh start: migrations and seed inside the time to /healthz.
    const fresh = await startServer(env);
    await sleep(2_000);
    const rssIdleFresh = appRssMb(fresh.pgid);
    await fresh.stop();

    // 2. Restart on the same data: the figures below are from this process.
    const run = await startServer(env, profileDir);
    await sleep(2_000);
    const rssIdle = appRssMb(run.pgid);
    const i0 = groupCpuMs(run.pgid);
    const idleWindow: [number, number] = [nowUs(), 0];
    await sleep(3_000);
    idleWindow[1] = nowUs();
    const idleMsPerS = (groupCpuMs(run.pgid) - i0) / 3;

    // The seeded divisions, read from the seed file: PGlite's data directory is the server's alone while it runs.
    const places = (divisions as { name: string; level: string }[]).filter((d) => d.level === "county" || d.level === "township").map((d) => d.name);
    const bodies = generateTips(500, places, 0)
      .filter((t) => t.text.length >= MIN_TIP_TEXT)
      .map((t, i) => JSON.stringify({ ...t, urgent: i % 17 === 0, ...(i % 5 === 0 ? { contact: `1380013${String(i).padStart(4, "0")}` } : {}) }));
    const json = { "content-type": "application/json" };
    let updateId = 1_000_000;
    const tip = (i: number) => ({ path: "/api/v1/tips", method: "POST", headers: json, body: bodies[(i + 1000) % bodies.length] });
    const update = () => {
      const id = ++updateId;
      const chat = 10_000_000 + (id % 5_000);
      const text = id % 2 ? "/help" : "/status";
      return {
        path: "/telegram/webhook",
        method: "POST",
        headers: { ...json, "x-telegram-bot-api-secret-token": HOOK_SECRET },
        body: JSON.stringify({
          update_id: id,
          message: {
            message_id: id,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chat, type: "private", first_name: "R" },
            from: { id: chat, is_bot: false, first_name: "R", language_code: id % 3 ? "zh-hans" : "en" },
            text,
            entities: [{ type: "bot_command", offset: 0, length: text.length }],
          },
        }),
      };
    };
    const figures = [await sequential(run, "POST /api/v1/tips", N, tip, idleMsPerS), await sequential(run, "POST /telegram/webhook", N, update, idleMsPerS)];

    // 3. RSS under concurrent intake load.
    let k = 0;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, appRssMb(run.pgid))), 100);
    const load = await autocannon({
      url: run.url,
      connections: CONNECTIONS,
      duration: LOAD_S,
      requests: [{ method: "POST", path: "/api/v1/tips", headers: json, setupRequest: (r) => ({ ...r, body: bodies[k++ % bodies.length] }) }],
    });
    clearInterval(sampler);
    await run.stop();

    out.push(`${label}: time to /healthz  fresh ${fresh.msToHealthz.toFixed(0)} ms (migrate + seed), restart ${run.msToHealthz.toFixed(0)} ms`);
    out.push(
      `${label}: RSS of the app process  idle ${rssIdle.toFixed(0)} MB (after a fresh start ${rssIdleFresh.toFixed(0)} MB), peak under ${CONNECTIONS} connections of tips for ${LOAD_S} s ${peak.toFixed(0)} MB (${(load["2xx"] / load.duration).toFixed(0)} tips/s, p99 ${load.latency.p99} ms)`,
    );
    out.push(`${label}: idle CPU ${idleMsPerS.toFixed(1)} ms/s (scheduler, sequencer, dispatcher)`);
    for (const f of figures) {
      const net = f.cpuMs - (f.idleMsPerS * f.wallMs) / 1000;
      out.push(
        `${label}: ${f.label.padEnd(24)} ${(f.cpuMs / f.n).toFixed(2).padStart(6)} CPU ms/request (less idle ${(net / f.n).toFixed(2)}), wall ${(f.wallMs / f.n).toFixed(1)} ms/request, ${f.ok}/${f.n} 2xx`,
      );
    }
    if (profileDir) {
      out.push(`${label}: top self time, POST /api/v1/tips window`);
      out.push(...topSelf(profileDir, [figures[0].windowUs], TOP).map((l) => `    ${l}`));
      out.push(`${label}: top self time, POST /telegram/webhook window`);
      out.push(...topSelf(profileDir, [figures[1].windowUs], TOP).map((l) => `    ${l}`));
      out.push(`${label}: top self time, 3 s idle`);
      out.push(...topSelf(profileDir, [idleWindow], TOP).map((l) => `    ${l}`));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
  return out;
}

const botApi = await startFakeBotApi();
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const lines: string[] = [];
try {
  if (ONLY !== "server") lines.push(...(await benchOne("PGlite", undefined, botApi.url)));
  if (serverUrl && ONLY !== "pglite") {
    const scratch = await scratchDatabase(serverUrl);
    try {
      lines.push(...(await benchOne("PostgreSQL", scratch.url, botApi.url)));
    } finally {
      await scratch.drop();
    }
  }
} finally {
  await botApi.close();
}
console.log(`\nserver benchmark: tsx src/main.ts, ${N} sequential requests per route (node ${process.version})`);
for (const l of lines) console.log(l);
process.exit(0);
