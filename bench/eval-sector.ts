/**
 * Sector accuracy and urgent precision/recall on labelled tips.
 *   npx tsx bench/eval-sector.ts [path/to/tips.jsonl]
 * Default: ../shared/data/tips-dev.jsonl relative to the repository root. The gold label is never
 * passed to the classifier; the enterprise name is, because it is part of what the reporter wrote.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { classifySector, detectImmediateDanger } from "../src/domain/classify/index.js";
import { formatEvaluation, type EvaluationRow } from "./lib/report.js";

interface LabelledTip {
  id: string;
  text: string;
  enterprise?: string;
  sector: string;
  urgent: boolean;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const path = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, "../shared/data/tips-dev.jsonl");
const tips: LabelledTip[] = readFileSync(path, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

const tipText = (t: LabelledTip) => (t.enterprise ? `${t.text}\n${t.enterprise}` : t.text);

const rows: EvaluationRow[] = tips.map((t) => {
  const r = classifySector(tipText(t));
  return { id: t.id, expected: t.sector, got: r.sector, text: t.text, evidence: r.evidence };
});
console.log(`${path}\n`);
console.log(formatEvaluation(rows));

let tp = 0;
let fp = 0;
let fn = 0;
const dangerMisses: string[] = [];
for (const t of tips) {
  const d = detectImmediateDanger(t.text);
  if (d.urgent && t.urgent) tp++;
  else if (d.urgent) {
    fp++;
    dangerMisses.push(`  false alarm ${t.id} [${d.evidence.join(", ")}] ${t.text.slice(0, 60)}`);
  } else if (t.urgent) {
    fn++;
    dangerMisses.push(`  missed      ${t.id} ${t.text.slice(0, 60)}`);
  }
}
const ratio = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
console.log(`\nurgent: precision ${ratio(tp, tp + fp)} (${tp}/${tp + fp}), recall ${ratio(tp, tp + fn)} (${tp}/${tp + fn})`);
if (dangerMisses.length) console.log(dangerMisses.join("\n"));

const texts = tips.map(tipText);
// Best of several timed rounds after an untimed one: the JIT settles, and on a shared machine the
// fastest round is the one least disturbed by other processes.
for (const t of texts) classifySector(t);
let best = Infinity;
for (let round = 0; round < 7; round++) {
  const start = performance.now();
  for (let i = 0; i < 20; i++) for (const t of texts) classifySector(t);
  best = Math.min(best, (performance.now() - start) / (20 * texts.length));
}
console.log(`\nthroughput: ${Math.round(1000 / best)} classifications/s (${(best * 1000).toFixed(1)} µs each, best of 7 rounds)`);
