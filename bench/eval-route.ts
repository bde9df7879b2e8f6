/**
 * The whole router over labelled tips: sector accuracy with a confusion table and the misses, urgent
 * precision/recall, the county found from the text alone (place field left out), per language and style,
 * and the routing time per tip.
 *   npm run eval:route [-- a.jsonl b.jsonl …]   each file, then all of them together
 *   npm run eval:route -- --cv [files…]  leave-one-set-out cross-validation of the learned router, rules
 *                                        alone vs combined (default files: every tuning set, bench/lib/labelled.ts);
 *                                        --misses lists each file's combined misses (sector, urgent with p)
 *   npm run eval:route -- --from-db      the tips staff moved to another unit (src/app/routing/staff-corrections.ts):
 *                                        label = the unit holding the tip now and its sector, where unambiguous
 * Uses the seeded database like the CLI (PGlite under ./data unless DATABASE_URL is set). The gold
 * labels are never passed to the router: only what a reporter wrote (text, place, enterprise).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { createLogger } from "../src/adapters/logger.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { routeTip } from "../src/app/routing/route-tip.js";
import type { TipChannel } from "../src/domain/tip-channels.js";
import { listStaffCorrections } from "../src/app/routing/staff-corrections.js";
import { crossValidate } from "./lib/cv.js";
import { readLabelled, tuningSets } from "./lib/labelled.js";
import { formatBreakdown, formatEvaluation, type EvaluationRow, type OutcomeRow } from "./lib/report.js";

interface LabelledTip {
  id: string;
  text: string;
  place?: string;
  enterprise?: string;
  /** null: a staff correction whose final unit answers for no one sector (a 安委办): scored on the unit only. */
  sector: string | null;
  /** Staff corrections: the unit staff settled on. */
  unitId?: number;
  urgent: boolean;
  lang?: string;
  channel?: string;
  /** The county or district the tip is about (name or code), when the set labels it. */
  place_truth?: string;
}

const fromDb = process.argv.includes("--from-db");
const cv = process.argv.includes("--cv");
const args = process.argv.slice(2).filter((a) => !a.startsWith("--") && !/^[0-9.e-]+$/.test(a));
const paths = args.length ? args.map((a) => resolve(a)) : [resolve(ROOT, "../shared/data/tips-dev.jsonl")];

const config = loadConfig(process.env);
const opened = await openNode(config, createLogger("warn"));
if (!(await isSeeded(opened.deps.db))) await seedDefaults(opened.deps.db);
if (cv) {
  const cvPaths = args.length ? paths : tuningSets(ROOT);
  // --epochs 30 --l2 0.0001 --rate 0.5 …: training options to compare (train.ts DEFAULT_TRAIN_OPTIONS otherwise).
  const options = Object.fromEntries(
    process.argv.flatMap((a, i) => (a.startsWith("--") && /^[0-9.e-]+$/.test(process.argv[i + 1] ?? "") ? [[a.slice(2), Number(process.argv[i + 1])]] : [])),
  );
  await crossValidate(
    opened.deps,
    cvPaths.map((p) => [p, readLabelled(p)]),
    options,
    process.argv.includes("--misses"),
  );
  await opened.close();
  process.exit(0);
}

const readSet = (path: string): LabelledTip[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const sets: [string, LabelledTip[]][] = fromDb
  ? [
      [
        "staff corrections in the database",
        (await listStaffCorrections(opened.deps)).map((c) => ({
          id: c.trackingCode,
          text: c.text,
          place: c.placeText ?? undefined,
          enterprise: c.enterpriseText ?? undefined,
          sector: c.finalSector,
          unitId: c.finalUnitId,
          urgent: c.urgent,
          lang: /[\u3400-\u9fff]/.test(c.text) ? "zh" : "en",
        })),
      ],
    ]
  : paths.map((p) => [p, readSet(p)]);

const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
const allOutcomes: OutcomeRow[] = [];
const timings: number[] = [];
const endedAll = { urgent: 0, possible: 0, none: 0 };

async function evaluate(path: string, tips: LabelledTip[]): Promise<OutcomeRow[]> {
  const rows: EvaluationRow[] = [];
  const outcomes: OutcomeRow[] = [];
  let tp = 0,
    fp = 0,
    fn = 0,
    placed = 0,
    unitOk = 0,
    unitLabelled = 0;
  const urgentMisses: string[] = [];
  /** How each tip labelled urgent ended: alerted, "possible" (asked on SMS, flagged to staff), or nothing. */
  const ended = { urgent: 0, possible: 0, none: 0 };
  const placeMisses: string[] = [];
  for (const t of tips) {
    const t0 = performance.now();
    const d = await routeTip(opened.deps, {
      text: t.text,
      place: t.place || undefined,
      enterprise: t.enterprise || undefined,
      channel: t.channel as TipChannel | undefined,
    });
    timings.push(performance.now() - t0);
    if (t.sector !== null) rows.push({ id: t.id, expected: t.sector, got: d.sector, text: t.text, evidence: d.evidence });
    if (t.unitId !== undefined) {
      unitLabelled++;
      if (d.unit.id === t.unitId) unitOk++;
    }
    if (t.urgent) {
      const how = d.urgent ? "urgent" : d.possiblyUrgent ? "possible" : "none";
      ended[how]++;
      endedAll[how]++;
    }
    if (d.urgent && t.urgent) tp++;
    else if (d.urgent) {
      fp++;
      urgentMisses.push(`  false alarm ${t.id} ${t.text.slice(0, 60)}`);
    } else if (t.urgent) {
      fn++;
      urgentMisses.push(`  missed      ${t.id} ${t.text.slice(0, 60)}`);
    }
    if (!d.explanation.zh.includes("地点: 未能识别")) placed++;
    const truth = t.place_truth?.trim();
    // County from the text alone: the place field is left out, as an SMS has none.
    let placeOk: boolean | undefined;
    let placeAsGivenOk: boolean | undefined;
    if (truth) {
      const g = d.jurisdiction;
      placeAsGivenOk = g.code === truth || g.name === truth || g.fullName.includes(truth);
      const fromText = t.place ? await routeTip(opened.deps, { text: t.text }) : d;
      const j = fromText.jurisdiction;
      placeOk = j.code === truth || j.name === truth || j.fullName.includes(truth);
      if (!placeOk) placeMisses.push(`  ${t.id} ${truth} → ${j.fullName}  ${t.text.slice(0, 50)}`);
    }
    outcomes.push({
      lang: t.lang ?? "?",
      channel: t.channel ?? "?",
      sectorOk: t.sector === null ? d.unit.id === t.unitId : d.sector === t.sector,
      urgentGold: t.urgent,
      urgentGot: d.urgent,
      placeOk,
      placeAsGivenOk,
      hadPlaceField: !!t.place,
    });
  }
  console.log(`${path}\n`);
  console.log(formatEvaluation(rows));
  console.log(`\nurgent: precision ${pct(tp, tp + fp)} (${tp}/${tp + fp}), recall ${pct(tp, tp + fn)} (${tp}/${tp + fn})`);
  console.log(`urgent tips ended as: urgent ${ended.urgent}, possible ${ended.possible} (not counted as found), none ${ended.none}`);
  if (urgentMisses.length) console.log(urgentMisses.join("\n"));
  if (placeMisses.length) console.log(`county from the text alone, misses:\n${placeMisses.join("\n")}`);
  console.log(`place recognised: ${placed}/${tips.length} (${pct(placed, tips.length)})`);
  if (fromDb) console.log(`unit as staff settled it: ${unitOk}/${unitLabelled} (${pct(unitOk, unitLabelled)})`);
  console.log(`\n${formatBreakdown(outcomes)}\n`);
  return outcomes;
}

for (const [path, tips] of sets) allOutcomes.push(...(await evaluate(path, tips)));
if (sets.length > 1) console.log(`all ${sets.length} files together\n${formatBreakdown(allOutcomes)}\n`);
console.log(`urgent tips ended as (all files): urgent ${endedAll.urgent}, possible ${endedAll.possible}, none ${endedAll.none}`);
timings.sort((a, b) => a - b);
const q = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]?.toFixed(2);
console.log(`routing time per tip (place field given, in-process, ${timings.length} tips): p50 ${q(0.5)} ms, p99 ${q(0.99)} ms (goal < 5 ms)`);
console.log("goals: sector ≥ 95% (English ≥ 90%), urgent recall ≥ 95% with precision ≥ 80%, county from the text alone ≥ 90% (English included)");
await opened.close();
