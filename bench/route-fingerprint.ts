/**
 * One SHA-256 over every routing decision for every tip of test/data/*.jsonl and ../shared/data/tips-dev.jsonl
 * and 3,000 of bench/route.ts's generated tips (text, place and enterprise only), to show a speed change altered no decision: run before and after, compare.
 * The decision is hashed whole (sector, source, confidence, evidence, candidates, jurisdiction, tier, unit,
 * urgent, possiblyUrgent and their words, alerts, explanation), without the deadlines (they depend on the clock).
 * Prints no tip text or label, only counts and the hash.
 *   npm run route:fingerprint [-- --rules-only]
 * PGlite in a temporary directory, freshly seeded, unless DATABASE_URL is set.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { routeTip } from "../src/app/routing/route-tip.js";
import { jurisdictions } from "../src/db/schema.js";
import { generateTips } from "./lib/generate.js";

const rulesOnly = process.argv.includes("--rules-only");
const dataDir = mkdtempSync(join(tmpdir(), "jubao-fingerprint-"));
const env = { ...process.env, DATA_DIR: dataDir, APP_SECRET: "fingerprint-secret-0123456789abcdefghijklmnop" };
const opened = await openNode(loadConfig(env), createLogger("warn"));
if (!(await isSeeded(opened.deps.db))) await seedDefaults(opened.deps.db);

const dataDirTests = resolve(ROOT, "test/data");
const paths = [
  ...readdirSync(dataDirTests)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => join(dataDirTests, f)),
  resolve(ROOT, "../shared/data/tips-dev.jsonl"),
];
// The bench's generated tips too (bench/route.ts): 3,000 of them, deterministic (fixed seed).
const places = (await opened.deps.db.select({ name: jurisdictions.name, level: jurisdictions.level }).from(jurisdictions))
  .filter((j) => j.level === "county" || j.level === "township")
  .map((j) => j.name);
const sets: [string, { text?: string; place?: string; enterprise?: string }[]][] = [
  ...paths.map((path): [string, { text?: string; place?: string; enterprise?: string }[]] => [
    path.replace(/^.*\//, ""),
    readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l)),
  ]),
  ["generated (bench)", generateTips(3_000, places, 5_000)],
];
const receivedAt = new Date("2026-01-05T02:00:00Z");
const all = createHash("sha256");
let total = 0;
for (const [name, tips] of sets) {
  const one = createHash("sha256");
  for (const tip of tips) {
    const { deadlines: _deadlines, ...decision } = await routeTip(
      opened.deps,
      { text: tip.text ?? "", place: tip.place || undefined, enterprise: tip.enterprise || undefined, receivedAt },
      rulesOnly ? { model: null } : {},
    );
    const json = JSON.stringify(decision);
    one.update(json).update("\n");
    all.update(json).update("\n");
  }
  total += tips.length;
  console.log(`${name.padEnd(24)} ${String(tips.length).padStart(5)} tips  ${one.digest("hex").slice(0, 16)}`);
}
console.log(`${total} decisions, sha256 ${all.digest("hex")}`);
await opened.close();
rmSync(dataDir, { recursive: true, force: true });
