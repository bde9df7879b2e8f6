/**
 * Admin queue latency with 100,000 tips: GET /admin through the real app (signed-in session cookie)
 * for a city committee member and a unit member — no filter, status+sector, text search, page 50 —
 * p50/p99 after warm-up, on the PostgreSQL server (its own database, dropped afterwards) and on PGlite.
 *   npm run bench:admin [-- --tips 100000 --runs 30 --only postgres|pglite --explain --try-indexes]
 * Server: DATABASE_URL or TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Target: < 200 ms per request on the PostgreSQL server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { and, eq, sql } from "drizzle-orm";
import { loadConfig, openNode } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { seedDefaults } from "../src/db/seed.js";
import { rows } from "../src/db/client.js";
import { tips, units } from "../src/db/schema.js";
import { routeTip } from "../src/app/routing/route-tip.js";
import { createStaff } from "../src/app/staff/create-staff.js";
import { createApp } from "../src/http/app.js";
import { subtreeCodes } from "../src/app/triage/scope.js";
import { searchConditions } from "../src/app/triage/list-tips.js";
import { nextDueColumns } from "../src/app/triage/tip-clock-columns.js";
import type { TIP_STATUSES } from "../src/domain/tip-status.js";
import { SECTOR_CODES } from "../src/domain/sectors.js";
import { parseFlags } from "../src/cli/flags.js";
import { generateTips } from "./lib/generate.js";

const flags = parseFlags(process.argv.slice(2));
const N = Number(flags.tips ?? 100_000);
const RUNS = Number(flags.runs ?? 30);
const WARMUP = 5;
const SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuv";
const PASSWORD = "Kq7-bench-queue-Lw2-measure-9x";
const CITY = "450100";

// Status mix of a queue that has run for two years: most tips finished, a working set still open.
const STATUS_WEIGHTS: [(typeof TIP_STATUSES)[number], number][] = [
  ["received", 8],
  ["accepted", 7],
  ["not_accepted", 5],
  ["investigating", 10],
  ["substantiated", 8],
  ["partly_substantiated", 4],
  ["unsubstantiated", 6],
  ["closed", 48],
  ["merged", 4],
];
const CHANNELS = ["telegram", "web", "sms", "api"] as const;

let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
const pickWeighted = <T>(items: [T, number][]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1][0];
};

type Opened = Awaited<ReturnType<typeof openNode>>;

async function seedTips(deps: Opened["deps"]): Promise<void> {
  const unitRows = await deps.db.select({ id: units.id, code: units.jurisdictionCode, kind: units.kind }).from(units);
  // Skewed: a few busy units (city departments, big counties) and a long tail, as real tip lines have.
  const sorted = [...unitRows].sort((a, b) => a.code.length - b.code.length || a.id - b.id);
  const city = sorted.filter((u) => u.code.startsWith("4501"));
  const sample = generateTips(200, ["南宁市兴宁区"], 100);
  const routed = await routeTip(deps, { text: sample[0].text, place: "南宁市兴宁区" });
  const routing = {
    steps: routed.steps,
    explanation: routed.explanation,
    evidence: routed.evidence,
    urgentEvidence: routed.urgentEvidence,
    sectorSource: routed.sectorSource,
    alsoAlert: null,
  };
  const now = Date.now();
  const BATCH = 1000;
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
      const n = i + k;
      const pool = rand() < 0.25 ? city : sorted;
      const u = pool[Math.floor(rand() ** 2 * pool.length)];
      const receivedAt = new Date(now - Math.floor(rand() * 730 * 86_400_000));
      const status = pickWeighted(STATUS_WEIGHTS);
      // Deadlines spread so that some of every kind are overdue, due within 3 days, and later.
      const due = {
        acceptDueAt: new Date(receivedAt.getTime() + 7 * 86_400_000),
        handleDueAt: new Date(receivedAt.getTime() + 67 * 86_400_000),
        answerDueAt: new Date(receivedAt.getTime() + 77 * 86_400_000),
      };
      const tier = u.code.length === 9 ? "township" : u.code.endsWith("0000") ? "province" : u.code.endsWith("00") ? "city" : "county";
      return {
        trackingCode: `B${n.toString(36).toUpperCase().padStart(8, "0")}`,
        secretHash: "bench",
        channel: CHANNELS[Math.floor(rand() * rand() * 4)],
        text: `${sample[n % sample.length].text}（第${n}号）`,
        placeText: null,
        sectorCode: SECTOR_CODES[Math.floor(rand() * SECTOR_CODES.length)],
        confidence: 80,
        jurisdictionCode: u.code,
        unitId: u.id,
        tier: tier as "county",
        urgent: rand() < 0.05,
        status,
        routing,
        ...due,
        ...nextDueColumns({ status, ...due, reviewStartDueAt: null }),
        receivedAt,
        updatedAt: receivedAt,
      };
    });
    await deps.db.insert(tips).values(batch);
  }
  // Steady state: autovacuum would have set the visibility map (index-only scans) and statistics by now.
  await deps.db.execute(sql`vacuum analyze tips`);
  console.log(`  seeded ${N} tips in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function cookieOf(res: Response, prev = ""): string {
  const jar = new Map(
    prev
      .split("; ")
      .filter(Boolean)
      .map((kv) => [kv.split("=")[0], kv]),
  );
  for (const line of res.headers.getSetCookie()) {
    const kv = line.split(";")[0];
    jar.set(kv.split("=")[0], kv);
  }
  return [...jar.values()].join("; ");
}

async function login(app: ReturnType<typeof createApp>, username: string): Promise<string> {
  const page = await app.request("/admin/login");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  let cookie = cookieOf(page);
  const res = await app.request("/admin/login", {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, username, password: PASSWORD }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost", Cookie: cookie },
  });
  if (res.status !== 303) throw new Error(`login ${username} failed: ${res.status}`);
  cookie = cookieOf(res, cookie);
  return cookie;
}

const CASES: [string, string][] = [
  ["no filter", "/admin"],
  ["status+sector", "/admin?status=received&sector=fire_safety"],
  ["text 消防通道", `/admin?q=${encodeURIComponent("消防通道")}`],
  ["text 工人", `/admin?q=${encodeURIComponent("工人")}`],
  ["text rare", `/admin?q=${encodeURIComponent("第12345号")}`],
  ["page 50", "/admin?page=50"],
  ["overdue", "/admin?due=overdue"],
  ["due in 3 days", "/admin?due=soon&sort=deadline"],
  ["by deadline", "/admin?sort=deadline"],
];

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// For comparison with the bigram index of migration 0003 (its planner may pick either).
const CANDIDATE_INDEXES = [
  "create extension if not exists pg_trgm",
  "create index if not exists bench_tips_text_trgm_idx on tips using gin (text gin_trgm_ops)",
];

type Result = { label: string; user: string; name: string; p50: number; p99: number; rows: number };

async function measure(label: string, app: ReturnType<typeof createApp>, sessions: [string, string][]): Promise<Result[]> {
  const out: Result[] = [];
  for (const [user, cookie] of sessions) {
    for (const [name, path] of CASES) {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const s = performance.now();
        const res = await app.request(path, { headers: { Cookie: cookie } });
        const html = await res.text();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (i >= WARMUP) times.push(performance.now() - s);
        found = (html.match(/href="\/admin\/tips\/\d+"/g) ?? []).length;
      }
      times.sort((a, b) => a - b);
      const r = { label, user, name, p50: pct(times, 50), p99: pct(times, 99), rows: found };
      out.push(r);
      console.log(
        `  ${user.padEnd(15)} ${name.padEnd(16)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  (${found} rows on page)`,
      );
    }
  }
  return out;
}

async function bench(label: string, env: Record<string, string | undefined>): Promise<Result[]> {
  console.log(`\n== ${label}`);
  const opened = await openNode(loadConfig(env), createLogger("warn"));
  const { deps } = opened;
  const out: Result[] = [];
  try {
    await seedDefaults(deps.db);
    await seedTips(deps);
    const [busiest] = await rows<{ unit_id: number; key: string; n: number }>(
      deps.db,
      sql`
      select t.unit_id, u.key, count(*)::int as n from tips t join units u on u.id = t.unit_id
      where u.jurisdiction_code like '4501%' group by t.unit_id, u.key order by n desc limit 1`,
    );
    await createStaff(deps, { username: "bench_city", password: PASSWORD, role: "committee", jurisdictionCode: CITY, createdBy: "bench" });
    await createStaff(deps, { username: "bench_unit", password: PASSWORD, role: "unit", unit: busiest.key, createdBy: "bench" });
    const [{ n: cityTips }] = await rows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from tips where jurisdiction_code like ${`${CITY.slice(0, 4)}%`}`,
    );
    console.log(`  committee of ${CITY} sees ${cityTips} tips; unit ${busiest.key} has ${busiest.n}`);
    const app = createApp({ deps });
    const sessions: [string, string][] = [
      ["city committee", await login(app, "bench_city")],
      ["unit", await login(app, "bench_unit")],
    ];
    out.push(...(await measure(label, app, sessions)));
    const [unit] = await deps.db.select({ id: units.id }).from(units).where(eq(units.key, busiest.key));
    if (flags.explain) await explain(deps, unit.id);
    if (flags["try-indexes"] && label === "postgres server") {
      // Not a schema change: candidate indexes created in this throw-away database only, to show their effect.
      for (const ddl of CANDIDATE_INDEXES) await deps.db.execute(sql.raw(ddl));
      await deps.db.execute(sql`vacuum analyze tips`);
      console.log(`  with candidate indexes:\n    ${CANDIDATE_INDEXES.join("\n    ")}`);
      out.push(...(await measure(`${label} + indexes`, app, sessions)));
    }
  } finally {
    await opened.close();
  }
  return out;
}

/** The two queries behind the text-search case, for reading plans when a case is slow. */
async function explain(deps: Opened["deps"], unitId: number): Promise<void> {
  // The IN list exactly as list-tips builds it (scope.ts subtreeCodes), not a subquery: plans differ.
  const codes = sql`(${sql.join(
    (await subtreeCodes(deps.db, CITY)).map((c) => sql`${c}`),
    sql`, `,
  )})`;
  for (const [name, q] of [
    [
      "city counts, text search",
      sql`explain (analyze, buffers) select status, count(*) from tips where jurisdiction_code in ${codes} and ${and(...searchConditions("工人"))} group by status`,
    ],
    [
      "city page, text search",
      sql`explain (analyze, buffers) select id from tips where jurisdiction_code in ${codes} and ${and(...searchConditions("工人"))} order by received_at desc, id desc limit 51`,
    ],
    ["city counts, no filter", sql`explain (analyze, buffers) select status, count(*) from tips where jurisdiction_code in ${codes} group by status`],
    [
      "city page, status+sector",
      sql`explain (analyze, buffers) select id from tips where jurisdiction_code in ${codes} and sector_code = 'fire_safety' and status = 'received' order by received_at desc, id desc limit 51`,
    ],
    [
      "city page 50",
      sql`explain (analyze, buffers) select id from tips where jurisdiction_code in ${codes} order by received_at desc, id desc limit 51 offset 2450`,
    ],
    ["unit counts", sql`explain (analyze, buffers) select status, count(*) from tips where unit_id = ${unitId} group by status`],
  ] as const) {
    console.log(`\n  -- ${name}`);
    for (const r of await rows<Record<string, string>>(deps.db, q)) console.log(`  ${Object.values(r)[0]}`);
  }
}

const results: Awaited<ReturnType<typeof bench>> = [];
const only = flags.only as string | undefined;
if (only !== "pglite") {
  const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `jubao_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  try {
    results.push(...(await bench("postgres server", { ...process.env, DATABASE_URL: u.toString(), APP_SECRET: SECRET, LOG_LEVEL: "warn" })));
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
if (only !== "postgres") {
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-bench-admin-"));
  try {
    results.push(...(await bench("pglite", { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, APP_SECRET: SECRET, LOG_LEVEL: "warn" })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const slow = results.filter((r) => r.label === "postgres server" && r.p99 >= 200);
console.log("\nsummary (ms):");
for (const r of results)
  console.log(`  ${r.label.padEnd(26)} ${r.user.padEnd(15)} ${r.name.padEnd(16)} p50 ${r.p50.toFixed(1).padStart(7)}  p99 ${r.p99.toFixed(1).padStart(7)}`);
console.log(
  slow.length
    ? `\nOVER 200 ms (p99) on the PostgreSQL server: ${slow.map((r) => `${r.user}/${r.name}`).join(", ")}`
    : "\nAll PostgreSQL-server cases under 200 ms (p99).",
);
