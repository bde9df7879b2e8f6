/**
 * Leave-one-set-out cross-validation of the learned router: each labelled file (one writer each) is
 * routed by a model trained in-process on the other files only, and by the rules alone. This is the
 * honest estimate of how the router does on a new writer's wording.
 */
import { basename } from "node:path";
import { routeTip } from "../../src/app/routing/route-tip.js";
import { trainingExamples, type LabelledTip } from "../../src/app/routing/route-training.js";
import type { Deps } from "../../src/app/deps.js";
import type { TipChannel } from "../../src/domain/tip-channels.js";
import { decodeRouteModel, predict } from "../../src/domain/classify/learned.js";
import { trainRouteModel, type TrainingExample, type TrainOptions } from "../../src/domain/classify/train.js";

type Counts = { n: number; ok: number; zh: number; zhOk: number; en: number; enOk: number; tp: number; fp: number; fn: number };
const empty = (): Counts => ({ n: 0, ok: 0, zh: 0, zhOk: 0, en: 0, enOk: 0, tp: 0, fp: 0, fn: 0 });
const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1)}%`);
const line = (c: Counts) =>
  `sector ${pct(c.ok, c.n)} (zh ${pct(c.zhOk, c.zh)}, en ${pct(c.enOk, c.en)})  urgent P ${pct(c.tp, c.tp + c.fp)} R ${pct(c.tp, c.tp + c.fn)} (${c.tp}/${c.tp + c.fn})`;

function count(c: Counts, t: LabelledTip, sector: string, urgent: boolean) {
  const ok = sector === t.sector;
  c.n++;
  c.ok += +ok;
  if (t.lang === "en") {
    c.en++;
    c.enOk += +ok;
  } else {
    c.zh++;
    c.zhOk += +ok;
  }
  if (urgent && t.urgent) c.tp++;
  else if (urgent) c.fp++;
  else if (t.urgent) c.fn++;
}

export async function crossValidate(
  deps: Pick<Deps, "db" | "database" | "clock" | "config">,
  sets: [string, LabelledTip[]][],
  options: TrainOptions = {},
  showMisses = false,
) {
  const examples = new Map<string, TrainingExample[]>();
  for (const [path, tips] of sets) examples.set(path, await trainingExamples(deps, tips));
  const rulesAll = empty();
  const combinedAll = empty();
  /** Out-of-fold urgent probabilities and labels, to show the recall/precision trade-off. */
  const scored: { file: string; p: number; rule: boolean; urgent: boolean }[] = [];
  /** Out-of-fold top sector probability, and whether the top sector (or "other") is right. */
  const sectorScored: { p: number; topOk: boolean; otherOk: boolean }[] = [];
  for (const [path, tips] of sets) {
    const train = sets.filter(([p]) => p !== path).flatMap(([p]) => examples.get(p)!);
    const model = decodeRouteModel(trainRouteModel(train, options));
    const rules = empty();
    const combined = empty();
    const misses: string[] = [];
    for (const [i, t] of tips.entries()) {
      const input = { text: t.text, place: t.place || undefined, enterprise: t.enterprise || undefined, channel: t.channel as TipChannel | undefined };
      const r = await routeTip(deps, input, { model: null });
      const m = await routeTip(deps, input, { model });
      for (const [c, d] of [
        [rules, r],
        [rulesAll, r],
        [combined, m],
        [combinedAll, m],
      ] as const)
        count(c, t, d.sector, d.urgent);
      const pr = predict(model, examples.get(path)![i].features);
      const top = pr.sector.indexOf(Math.max(...pr.sector));
      sectorScored.push({ p: pr.sector[top], topOk: model.sectors[top] === t.sector, otherOk: t.sector === "other" });
      scored.push({ file: basename(path), p: pr.urgent, rule: r.urgent, urgent: !!t.urgent });
      const why = [
        m.sector !== t.sector ? `sector ${t.sector} → ${m.sector}` : "",
        m.urgent !== !!t.urgent ? `${t.urgent ? "missed urgent" : "false alarm"} p=${pr.urgent.toFixed(3)}` : "",
      ].filter(Boolean);
      if (why.length) misses.push(`    ${t.id} [${t.lang}/${t.channel}] ${why.join("; ")}: ${t.text.slice(0, 90)}`);
    }
    console.log(`${basename(path)} (${tips.length} tips, trained on ${train.length})`);
    console.log(`  rules alone  ${line(rules)}`);
    console.log(`  combined     ${line(combined)}`);
    if (showMisses && misses.length) console.log(misses.join("\n"));
  }
  console.log(`all ${sets.length} files, each predicted by a model that never saw it`);
  console.log(`  rules alone  ${line(rulesAll)}`);
  console.log(`  combined     ${line(combinedAll)}`);
  const sectorLine = (th: number) => {
    const ok = sectorScored.filter((s) => (s.p >= th ? s.topOk : s.otherOk)).length;
    return `${th.toFixed(2)} ${pct(ok, sectorScored.length)} (to manual triage ${sectorScored.filter((s) => s.p < th).length})`;
  };
  console.log(`sector, model alone, by the probability under which a tip goes to manual triage: ${[0, 0.2, 0.3, 0.35, 0.4, 0.5].map(sectorLine).join(", ")}`);
  const sweep = (rows: typeof scored, th: number, orRules: boolean) => {
    const flag = (s: (typeof scored)[number]) => s.p >= th || (orRules && s.rule);
    const tp = rows.filter((s) => flag(s) && s.urgent).length;
    const fp = rows.filter((s) => flag(s) && !s.urgent).length;
    const fn = rows.filter((s) => !flag(s) && s.urgent).length;
    return `P ${pct(tp, tp + fp)} R ${pct(tp, tp + fn)}`;
  };
  console.log("urgent trade-off over the out-of-fold probabilities: threshold → model alone | model or rules (precision, recall)");
  const files = [...new Set(scored.map((s) => s.file))];
  for (const th of [0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.5]) {
    console.log(`  ${th.toFixed(2)}  all: ${sweep(scored, th, false)} | ${sweep(scored, th, true)}`);
    for (const f of files.slice(-2)) {
      const rows = scored.filter((s) => s.file === f);
      console.log(`        ${f}: ${sweep(rows, th, false)} | ${sweep(rows, th, true)}`);
    }
  }
}
