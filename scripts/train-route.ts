/**
 * Trains the learned router (src/domain/classify/train.ts) on every labelled set and writes
 * src/domain/classify/model/route-model.json, which the router loads.
 *   npm run train:route [-- a.jsonl b.jsonl …] [--from-db] [--out path]
 * Default sets: bench/lib/labelled.ts (dev, holdout, blind A, B, C1, C2, and D1 when present).
 * --from-db adds the staff corrections in the database (src/app/routing/staff-corrections.ts) as sector
 * examples: the sector of the unit staff moved the tip to, where that unit answers for one sector.
 * Deterministic: the same files (and corrections) give the same bytes.
 * Uses the seeded database like the CLI (PGlite under ./data unless DATABASE_URL is set): place names are
 * masked with the seeded divisions exactly as at routing time.
 */
import { writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { createLogger } from "../src/adapters/logger.js";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { staffCorrectionTips, trainingExamples, type LabelledTip } from "../src/app/routing/route-training.js";
import { trainRouteModel } from "../src/domain/classify/train.js";
import { readLabelled, tuningSets } from "../bench/lib/labelled.js";

const argv = process.argv.slice(2);
const fromDb = argv.includes("--from-db");
const outAt = argv.indexOf("--out");
const out = outAt >= 0 ? resolve(argv[outAt + 1]) : resolve(ROOT, "src/domain/classify/model/route-model.json");
const files = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--out");
const paths = files.length ? files.map((f) => resolve(f)) : tuningSets(ROOT);

const opened = await openNode(loadConfig(process.env), createLogger("warn"));
if (!(await isSeeded(opened.deps.db))) await seedDefaults(opened.deps.db);
const sets: [string, LabelledTip[]][] = paths.map((p) => [basename(p), readLabelled(p)]);
if (fromDb) sets.push(["staff corrections", await staffCorrectionTips(opened.deps)]);
const examples = [];
for (const [, tips] of sets) examples.push(...(await trainingExamples(opened.deps, tips)));
const model = trainRouteModel(examples, { sets: sets.map(([name, tips]) => ({ name, count: tips.length })) });
const json = `${JSON.stringify(model)}\n`;
writeFileSync(out, json);
console.log(`trained on ${examples.length} tips (${sets.map(([n, t]) => `${n} ${t.length}`).join(", ")})`);
console.log(`${model.features.length} features kept, ${(json.length / 1024).toFixed(0)} KiB → ${out}`);
await opened.close();
