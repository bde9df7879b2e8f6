/**
 * Routing CPU per decision, another checkout ("old") against this one ("new"), in one process: each loads its own
 * routeTip on its own freshly seeded PGlite, then batches of generated tips alternate between the two, so both see
 * the same machine load. Prints CPU µs per decision (min, p25, median over the batches).
 *   npx tsx bench/route-ab.ts /path/to/other/checkout [batch 1000] [batches 30]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "../src/bootstrap.js";

const roots = { old: resolve(process.argv[2] ?? "../main"), new: ROOT } as const;
const N = Number(process.argv[3] ?? 1000);
const ROUNDS = Number(process.argv[4] ?? 30);
const setups: Record<string, { run: (i: number) => Promise<unknown>; times: number[] }> = {};
let tips: { text: string; place: string; enterprise?: string }[] = [];
for (const [name, root] of Object.entries(roots)) {
  const { loadConfig, openNode } = await import(`${root}/src/bootstrap.ts`);
  const { createLogger } = await import(`${root}/src/adapters/logger.ts`);
  const { seedDefaults } = await import(`${root}/src/db/seed.ts`);
  const { routeTip } = await import(`${root}/src/app/routing/route-tip.ts`);
  const { jurisdictions } = await import(`${root}/src/db/schema.ts`);
  const { generateTips } = await import(`${root}/bench/lib/generate.ts`);
  const dataDir = mkdtempSync(join(tmpdir(), "jubao-ab-"));
  const { deps } = await openNode(
    loadConfig({ ...process.env, DATA_DIR: dataDir, APP_SECRET: "bench-secret-0123456789abcdefghijklmnopqrstuv" }),
    createLogger("warn"),
  );
  await seedDefaults(deps.db);
  const counties = (await deps.db.select({ name: jurisdictions.name, level: jurisdictions.level }).from(jurisdictions)).filter(
    (j: { level: string }) => j.level === "county" || j.level === "township",
  );
  if (!tips.length)
    tips = generateTips(
      N * 4,
      counties.map((c: { name: string }) => c.name),
      0,
    );
  for (const t of tips) await routeTip(deps, t);
  setups[name] = { run: (i) => routeTip(deps, tips[i]), times: [] };
}
for (let r = 0; r < ROUNDS; r++) {
  for (const name of r % 2 ? ["new", "old"] : ["old", "new"]) {
    const s = setups[name];
    const off = (r * N) % (tips.length - N);
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await s.run(off + i);
    const c = process.cpuUsage(c0);
    s.times.push((c.user + c.system) / N);
  }
}
for (const [name, s] of Object.entries(setups)) {
  const t = [...s.times].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(4)} ${roots[name as keyof typeof roots]}: CPU µs/decision: min ${t[0].toFixed(1)}  p25 ${t[Math.floor(t.length / 4)].toFixed(1)}  median ${t[t.length >> 1].toFixed(1)}`,
  );
}
process.exit(0);
