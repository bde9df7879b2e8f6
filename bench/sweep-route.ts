/**
 * Fast leave-one-writer-out sweep of the learned router's training options: every tuning set is read
 * (featurised) once, then for each option set each file is predicted by a model trained on the others.
 * The decision follows route-model.ts (sector below its threshold → "other"; urgent at the threshold,
 * never for a resolved account the rules left alone), without the rest of routeTip, so one option set
 * costs the training only. `npm run eval:route -- --cv` remains the reference for a chosen set.
 *   npx tsx bench/sweep-route.ts [--recall 0.975] '{"l2":1e-4}' '{"l2":3e-4,"epochs":20}' …   (one JSON of TrainOptions per run; none: the defaults)
 * Prints per option set: sector overall / zh / en, urgent P and R at the default threshold, the best
 * precision with pooled recall ≥ 96% at one threshold, and with one threshold per channel (each channel's
 * recall ≥ 96%).
 */
import { basename } from "node:path";
import { createLogger } from "../src/adapters/logger.js";
import { loadConfig, openNode, ROOT } from "../src/bootstrap.js";
import { isSeeded, seedDefaults } from "../src/db/seed.js";
import { routingSnapshot } from "../src/app/routing/routing-cache.js";
import { readTip } from "../src/app/routing/route-model.js";
import { featurize, hashFeature, type FeatureVector } from "../src/domain/classify/features.js";
import { decodeRouteModel, predict } from "../src/domain/classify/learned.js";
import { DEFAULT_TRAIN_OPTIONS, trainRouteModel, type TrainingExample, type TrainOptions } from "../src/domain/classify/train.js";
import type { SectorCode } from "../src/domain/sectors.js";
import { readLabelled, tuningSets } from "./lib/labelled.js";

interface Row {
  file: string;
  lang: string;
  channel: string;
  sector: SectorCode;
  urgent: boolean;
  example: TrainingExample;
  rulesFoundWord: boolean;
  resolvedUnread: boolean;
}

const opened = await openNode(loadConfig(process.env), createLogger("warn"));
if (!(await isSeeded(opened.deps.db))) await seedDefaults(opened.deps.db);
const snapshot = await routingSnapshot(opened.deps);
const RESOLVED = hashFeature("p:resolved");
const rows: Row[] = [];
for (const path of tuningSets(ROOT)) {
  for (const t of readLabelled(path)) {
    if (!t.sector) continue;
    const r = readTip(snapshot, { text: t.text, enterprise: t.enterprise || undefined }, null);
    const features: FeatureVector = featurize({ sectorText: r.sectorText, dangerText: t.text, classification: r.classification, danger: r.danger });
    rows.push({
      file: basename(path),
      lang: t.lang ?? "?",
      channel: t.channel ?? "?",
      sector: t.sector as SectorCode,
      urgent: !!t.urgent,
      example: { features, sector: t.sector as SectorCode, urgent: t.urgent },
      rulesFoundWord: r.classification.confidence > 0,
      resolvedUnread: r.danger.level === "none" && features.index.includes(RESOLVED),
    });
  }
}
await opened.close();

const files = [...new Set(rows.map((r) => r.file))];
const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);

type Scored = { row: Row; p: number };
function bestAt(scored: Scored[], minRecall: number): { th: number; tp: number; fp: number; fn: number } {
  const ths = [...new Set(scored.map((s) => s.p))].sort((a, b) => b - a);
  let best = { th: 0, tp: 0, fp: 0, fn: 0 };
  let bestP = -1;
  for (const th of ths) {
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const s of scored) {
      const flag = s.p >= th;
      if (flag && s.row.urgent) tp++;
      else if (flag) fp++;
      else if (s.row.urgent) fn++;
    }
    if (tp / (tp + fn) < minRecall) continue;
    const p = tp / (tp + fp);
    if (p > bestP) {
      bestP = p;
      best = { th, tp, fp, fn };
    }
  }
  return best;
}

/**
 * One threshold per channel chosen together so that the POOLED recall reaches minRecall with the fewest
 * false alarms: from no flags, each step lowers one channel's threshold to take in its next urgent tip(s),
 * the channel whose step costs the fewest false alarms per urgent tip gained. Unlike a recall floor per
 * channel, a channel where urgent tips are rare and hard (web) is not forced down to flag nearly everything.
 */
function jointAt(scored: Scored[], minRecall: number, channels: string[]): { th: Map<string, number>; tp: number; fp: number; fn: number } {
  const urgentTotal = scored.filter((s) => s.row.urgent).length;
  const lists = new Map(channels.map((ch) => [ch, scored.filter((s) => s.row.channel === ch).sort((a, b) => b.p - a.p)]));
  const at = new Map(channels.map((ch) => [ch, 0])); // how many of the channel's tips are flagged
  let tp = 0;
  let fp = 0;
  while (tp < minRecall * urgentTotal) {
    let best: { ch: string; to: number; gain: number; cost: number } | undefined;
    for (const ch of channels) {
      const list = lists.get(ch)!;
      let i = at.get(ch)!;
      let cost = 0;
      while (i < list.length && !list[i].row.urgent) {
        cost++;
        i++;
      }
      if (i >= list.length) continue;
      // take every tip tied at this probability: a threshold cannot split them
      let gain = 0;
      const p = list[i].p;
      while (i < list.length && list[i].p >= p) {
        if (list[i].row.urgent) gain++;
        else cost++;
        i++;
      }
      if (!best || cost / gain < best.cost / best.gain) best = { ch, to: i, gain, cost };
    }
    if (!best) break;
    at.set(best.ch, best.to);
    tp += best.gain;
    fp += best.cost;
  }
  const th = new Map(
    channels.map((ch) => {
      const list = lists.get(ch)!;
      const n = at.get(ch)!;
      return [ch, n === 0 ? 1 : list[n - 1].p];
    }),
  );
  return { th, tp, fp, fn: urgentTotal - tp };
}

// --recall 0.975: the recall each threshold must keep (default 0.96).
const argv = process.argv.slice(2);
const recallAt = argv.indexOf("--recall");
const RECALL = recallAt >= 0 ? Number(argv[recallAt + 1]) : 0.96;
const optionArgs = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--recall");
const runs: TrainOptions[] = optionArgs.length ? optionArgs.map((a) => JSON.parse(a)) : [{}];
for (const options of runs) {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const scored: Scored[] = [];
  let ok = 0,
    en = 0,
    enOk = 0;
  for (const file of files) {
    const model = decodeRouteModel(
      trainRouteModel(
        rows.filter((r) => r.file !== file).map((r) => r.example),
        options,
      ),
    );
    for (const row of rows.filter((r) => r.file === file)) {
      const pr = predict(model, row.example.features);
      let top = 0;
      for (let s = 1; s < pr.sector.length; s++) if (pr.sector[s] > pr.sector[top]) top = s;
      const sector = pr.sector[top] >= (row.rulesFoundWord ? o.sectorThreshold : o.bareThreshold) ? model.sectors[top] : "other";
      const right = sector === row.sector;
      ok += +right;
      if (row.lang === "en") {
        en++;
        enOk += +right;
      }
      // A resolved account the danger module left alone is never urgent by the model (learned.ts combineDanger).
      scored.push({ row, p: row.resolvedUnread ? Math.min(pr.urgent, o.urgentThreshold - 1e-9) : pr.urgent });
    }
  }
  const at = (th: number) => {
    const tp = scored.filter((s) => s.p >= th && s.row.urgent).length;
    const fp = scored.filter((s) => s.p >= th && !s.row.urgent).length;
    const fn = scored.filter((s) => s.p < th && s.row.urgent).length;
    return `P ${pct(tp, tp + fp)} R ${pct(tp, tp + fn)}`;
  };
  const one = bestAt(scored, RECALL);
  const channels = [...new Set(scored.map((s) => s.row.channel))].sort();
  let tp = 0,
    fp = 0,
    fn = 0;
  const perChannel = channels.map((ch) => {
    const b = bestAt(
      scored.filter((s) => s.row.channel === ch),
      RECALL,
    );
    tp += b.tp;
    fp += b.fp;
    fn += b.fn;
    return `${ch} ${b.th.toFixed(3)} (P ${pct(b.tp, b.tp + b.fp)} R ${pct(b.tp, b.tp + b.fn)})`;
  });
  const joint = jointAt(scored, RECALL, channels);
  const jointText = channels.map((ch) => `${ch} ${joint.th.get(ch)!.toFixed(3)}`).join(", ");
  console.log(
    `${JSON.stringify(options)}\n  sector ${pct(ok, rows.length)} (en ${pct(enOk, en)})  urgent at ${o.urgentThreshold}: ${at(o.urgentThreshold)}` +
      `  best one threshold ${one.th.toFixed(3)}: P ${pct(one.tp, one.tp + one.fp)} R ${pct(one.tp, one.tp + one.fn)}` +
      `\n  per channel: P ${pct(tp, tp + fp)} R ${pct(tp, tp + fn)}  ${perChannel.join(", ")}` +
      `\n  per channel, pooled recall: P ${pct(joint.tp, joint.tp + joint.fp)} R ${pct(joint.tp, joint.tp + joint.fn)}  ${jointText}`,
  );
}
