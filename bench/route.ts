/**
 * Routing throughput: 100,000 generated tips against a freshly seeded database with 20,000 generated
 * enterprises, in-process after warm-up (decisions/s, p50/p99), then the same through the CLI.
 * Then the parts over the same tips: place masking + classifier, place resolution, enterprise lookup from the
 * in-memory index, the SQL lookup it replaced (on SQL_N tips naming an enterprise) and the version check.
 *   npm run bench:route [-- --tips 100000 --enterprises 20000 --cli-tips 5000 --sql-tips 2000] [--rules-only] [--cpu-per-call] [--warmup 2000]
 * PGlite in a temporary directory unless DATABASE_URL is set.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session, type Profiler } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { seedDefaults } from "../src/db/seed.js";
import { routeTip } from "../src/app/routing/route-tip.js";
import { routingSnapshot } from "../src/app/routing/routing-cache.js";
import { findEnterprise, findEnterpriseSql } from "../src/app/enterprises/find-enterprise.js";
import { buildEnterpriseIndex, enterprisesVersion } from "../src/app/enterprises/enterprise-index.js";
import { classifySector, detectImmediateDanger } from "../src/domain/classify/index.js";
import { maskPlaceNames, resolvePlace } from "../src/domain/places/index.js";
import { enterpriseGrams, enterprises, jurisdictions } from "../src/db/schema.js";
import { normalizeEnterpriseName } from "../src/domain/enterprise-name.js";
import { enterpriseGramsOf } from "../src/app/enterprises/enterprise-grams.js";
import { parseFlags } from "../src/cli/flags.js";
import { generateTips, enterpriseNameFor } from "./lib/generate.js";

const flags = parseFlags(process.argv.slice(2));
const N = Number(flags.tips ?? 100_000);
const E = Number(flags.enterprises ?? 20_000);
const CLI_N = Number(flags["cli-tips"] ?? 5_000);
const SQL_N = Number(flags["sql-tips"] ?? 2_000);

const dataDir = mkdtempSync(join(tmpdir(), "jubao-bench-"));
const env = { ...process.env, DATA_DIR: dataDir, APP_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv" };
const opened = await openNode(loadConfig(env), createLogger("warn"));
const { deps } = opened;
await seedDefaults(deps.db);
const counties = (await deps.db.select({ code: jurisdictions.code, name: jurisdictions.name, level: jurisdictions.level }).from(jurisdictions)).filter(
  (j) => j.level === "county" || j.level === "township",
);

let t0 = performance.now();
const SECTORS = ["hazardous_chemicals", "construction", "fire_safety", "industry_trade", "transport", "fireworks", "non_coal_mine"] as const;
for (let i = 0; i < E; i += 1000) {
  await deps.db.transaction(async (tx) => {
    const batch = Array.from({ length: Math.min(1000, E - i) }, (_, k) => {
      const n = i + k;
      const j = counties[n % counties.length];
      const name = enterpriseNameFor(n, j.name);
      return {
        name,
        nameNorm: normalizeEnterpriseName(name),
        sectorCode: SECTORS[n % SECTORS.length],
        jurisdictionCode: j.code,
        supervisingLevel: "county" as const,
      };
    });
    const ids = await tx.insert(enterprises).values(batch).returning({ id: enterprises.id, name: enterprises.name });
    await tx
      .insert(enterpriseGrams)
      .values(ids.flatMap((r) => enterpriseGramsOf(r.name).map((gram) => ({ gram, enterpriseId: r.id }))))
      .onConflictDoNothing();
  });
}
console.log(`database: ${deps.database.describe}; ${E} enterprises inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const tips = generateTips(
  N,
  counties.map((c) => c.name),
  E,
);
// --rules-only: the rule layer without the learned model (the figure before #14's learned layer), same run otherwise.
const routeOpts = flags["rules-only"] ? { model: null } : {};
// Warm-up: JIT, caches, prepared plans. --warmup N (default 2,000 tips, cycling through the generated ones): V8 keeps
// compiling and growing its heap (both on background threads this process pays for) well past 2,000 decisions.
const WARMUP = Number(flags.warmup ?? 2_000);
for (let i = 0; i < WARMUP; i++) await routeTip(deps, tips[i % tips.length], routeOpts);

/**
 * Runs `step` over the tips (sequentially, awaited) and reports throughput and latency quantiles. Per-call CPU
 * time (--cpu-per-call) takes two process.cpuUsage() calls a decision, ≈ 15 µs: more than a quarter of a decision,
 * so it is off by default and the loop's CPU seconds are read once around it.
 */
const CPU_PER_CALL = Boolean(flags["cpu-per-call"]);
async function measure(label: string, n: number, step: (i: number) => unknown): Promise<number> {
  const times = new Float64Array(n);
  const cpuTimes = new Float64Array(n);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    if (CPU_PER_CALL) {
      const c = process.cpuUsage();
      await step(i);
      times[i] = performance.now() - s;
      const dc = process.cpuUsage(c);
      cpuTimes[i] = (dc.user + dc.system) / 1000;
    } else {
      await step(i);
      times[i] = performance.now() - s;
    }
  }
  const total = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process (user + system): on a machine shared with other work, decisions per CPU-second
  // is the figure that does not depend on how often the scheduler took the core away.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  times.sort();
  cpuTimes.sort();
  const q = (p: number, of = times) => of[Math.min(n - 1, Math.floor(p * n))];
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(
    `${label.padEnd(28)} ${String(n).padStart(6)} in ${total.toFixed(2)} s = ${(n / total).toFixed(0).padStart(6)}/s; p50 ${us(q(0.5))}, p99 ${us(q(0.99))}, max ${(times[n - 1]).toFixed(1)} ms; ${(n / cpuSeconds).toFixed(0)}/CPU-s${CPU_PER_CALL ? `, CPU p50 ${us(q(0.5, cpuTimes))} p99 ${us(q(0.99, cpuTimes))}` : ""}`,
  );
  return total;
}

function printTopSelfTime(profile: Profiler.Profile): void {
  const self = new Map<number, number>();
  profile.samples!.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas![k]));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/(src|node_modules)\//, "$1/")}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log("top self time in the routeTip loop:");
  for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

const withEnterprise = tips.filter((t) => t.enterprise).length;
console.log(`${N} tips, ${withEnterprise} naming an enterprise; in-process, sequential, after warm-up`);
// --profile <file>: a CPU profile (.cpuprofile, open in Chrome DevTools) of this loop only, top self-time printed.
const profiler = flags.profile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
await measure("routeTip (whole decision)", N, (i) => routeTip(deps, tips[i], routeOpts));
if (profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  writeFileSync(String(flags.profile), JSON.stringify(profile));
  printTopSelfTime(profile);
}
// The same loop without the per-decision clock readings: the throughput the router itself sustains.
{
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await routeTip(deps, tips[i], routeOpts);
  const total = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${"routeTip (untimed loop)".padEnd(28)} ${String(N).padStart(6)} in ${total.toFixed(2)} s = ${(N / total).toFixed(0).padStart(6)}/s; ${(N / ((cpu.user + cpu.system) / 1e6)).toFixed(0)}/CPU-s`,
  );
}
// The parts, each over the same tips (the whole is these plus zod, decideRoute and deadlines).
const snapshot = await routingSnapshot(deps);
await measure("  place mask + classifier", N, (i) => {
  const t = tips[i];
  const text = [t.text, t.enterprise]
    .filter(Boolean)
    .map((x) => maskPlaceNames(snapshot.placeIndex, x!))
    .join(" ");
  classifySector(text, { rules: snapshot.sectorRules });
  detectImmediateDanger(t.text);
});
await measure("  place (resolvePlace)", N, (i) => resolvePlace(snapshot.placeIndex, { place: tips[i].place, text: tips[i].text }));
await measure("  enterprise (index)", N, (i) => findEnterprise(deps, { name: tips[i].enterprise, text: tips[i].text }));
const named = tips.filter((t) => t.enterprise).slice(0, SQL_N);
await measure("  enterprise (SQL, named)", named.length, (i) => findEnterpriseSql(deps, { name: named[i].enterprise, text: named[i].text }));
await measure("  version check (1 PK read)", SQL_N, () => enterprisesVersion(deps));
const heapBefore = process.memoryUsage().heapUsed;
t0 = performance.now();
const built = await buildEnterpriseIndex(deps);
console.log(
  `enterprise index rebuild: ${built.byId.size} enterprises, ${built.grams.size} bigrams in ${(performance.now() - t0).toFixed(0)} ms (≈ ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB heap)`,
);
await opened.close();

// Through the CLI: a real process reading JSON Lines on stdin (includes start-up and migration check).
const lines =
  tips
    .slice(0, CLI_N)
    .map((t) => JSON.stringify({ text: t.text, place: t.place, enterprise: t.enterprise ?? "" }))
    .join("\n") + "\n";
t0 = performance.now();
const out = await new Promise<string>((resolveOut, reject) => {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli.ts"), "route"], { env, stdio: ["pipe", "pipe", "inherit"] });
  let buf = "";
  child.stdout.on("data", (d) => (buf += d));
  // "close", not "exit": exit can fire before the last stdout chunks are read, which undercounted decisions.
  child.on("close", (code) => (code === 0 ? resolveOut(buf) : reject(new Error(`cli exited ${code}`))));
  child.stdin.end(lines);
});
const cliSeconds = (performance.now() - t0) / 1000;
const decided = out.split("\n").filter((l) => l.startsWith('{"sector"')).length;
console.log(`cli: ${decided}/${CLI_N} decisions in ${cliSeconds.toFixed(1)} s wall (incl. process start) = ${(decided / cliSeconds).toFixed(0)} decisions/s`);
rmSync(dataDir, { recursive: true, force: true });
