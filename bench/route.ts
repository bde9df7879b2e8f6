/**
 * Routing throughput: 100,000 generated tips against a freshly seeded database with 20,000 generated
 * enterprises, in-process after warm-up (decisions/s, p50/p99), then the same through the CLI.
 *   npm run bench:route [-- --tips 100000 --enterprises 20000 --cli-tips 5000]
 * PGlite in a temporary directory unless DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { seedDefaults } from "../src/db/seed.js";
import { routeTip } from "../src/app/routing/route-tip.js";
import { enterpriseGrams, enterprises, jurisdictions } from "../src/db/schema.js";
import { normalizeEnterpriseName } from "../src/domain/enterprise-name.js";
import { enterpriseGramsOf } from "../src/app/enterprises/enterprise-grams.js";
import { parseFlags } from "../src/cli/flags.js";
import { generateTips, enterpriseNameFor } from "./lib/generate.js";

const flags = parseFlags(process.argv.slice(2));
const N = Number(flags.tips ?? 100_000);
const E = Number(flags.enterprises ?? 20_000);
const CLI_N = Number(flags["cli-tips"] ?? 5_000);

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
for (const tip of tips.slice(0, 2_000)) await routeTip(deps, tip); // warm-up: JIT, caches, prepared plans

const times = new Float64Array(N);
t0 = performance.now();
for (let i = 0; i < N; i++) {
  const s = performance.now();
  await routeTip(deps, tips[i]);
  times[i] = performance.now() - s;
}
const total = (performance.now() - t0) / 1000;
times.sort();
const q = (p: number) => times[Math.min(N - 1, Math.floor(p * N))];
const withEnterprise = tips.filter((t) => t.enterprise).length;
console.log(
  `in-process: ${N} tips (${withEnterprise} naming an enterprise) in ${total.toFixed(1)} s = ${(N / total).toFixed(0)} decisions/s; p50 ${(q(0.5) * 1000).toFixed(0)} µs, p99 ${(q(0.99) * 1000).toFixed(0)} µs, max ${(times[N - 1]).toFixed(1)} ms`,
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
  child.on("exit", (code) => (code === 0 ? resolveOut(buf) : reject(new Error(`cli exited ${code}`))));
  child.stdin.end(lines);
});
const cliSeconds = (performance.now() - t0) / 1000;
const decided = out.split("\n").filter((l) => l.startsWith('{"sector"')).length;
console.log(`cli: ${decided}/${CLI_N} decisions in ${cliSeconds.toFixed(1)} s wall (incl. process start) = ${(decided / cliSeconds).toFixed(0)} decisions/s`);
rmSync(dataDir, { recursive: true, force: true });
