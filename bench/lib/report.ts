/**
 * Plain-text evaluation report for a labelled run: accuracy, a confusion table (expected × got) and the
 * misses with the evidence that misled the classifier — what one needs to fix vocabulary, not just a score.
 */
export interface EvaluationRow {
  id: string;
  expected: string;
  got: string;
  text: string;
  evidence?: string[];
}

/** Column labels short enough that eleven sectors fit one terminal line. */
const SHORT: Record<string, string> = {
  coal_mine: "coal",
  non_coal_mine: "mine",
  hazardous_chemicals: "chem",
  fireworks: "firew",
  transport: "trans",
  construction: "build",
  fire_safety: "fire",
  industry_trade: "indus",
  civil_explosives: "explo",
  culture_tourism: "tour",
  other: "other",
};

const short = (code: string) => SHORT[code] ?? code.slice(0, 5);

function labelsOf(rows: EvaluationRow[]): string[] {
  const known = Object.keys(SHORT);
  const seen = new Set(rows.flatMap((r) => [r.expected, r.got]));
  return [...known.filter((k) => seen.has(k)), ...[...seen].filter((s) => !known.includes(s)).sort()];
}

function confusionTable(rows: EvaluationRow[]): string {
  const labels = labelsOf(rows);
  const count = (e: string, g: string) => rows.filter((r) => r.expected === e && r.got === g).length;
  const cell = (s: string | number) => String(s).padStart(6);
  const lines = [`${"expected \\ got".padEnd(20)}${labels.map((l) => cell(short(l))).join("")}${"recall".padStart(8)}`];
  for (const e of labels) {
    const total = rows.filter((r) => r.expected === e).length;
    if (total === 0) continue;
    const cells = labels.map((g) => {
      const n = count(e, g);
      return cell(n === 0 ? "." : n);
    });
    lines.push(`${e.padEnd(20)}${cells.join("")}${`${Math.round((100 * count(e, e)) / total)}%`.padStart(8)}`);
  }
  return lines.join("\n");
}

export function formatEvaluation(rows: EvaluationRow[]): string {
  const correct = rows.filter((r) => r.expected === r.got).length;
  const pct = rows.length === 0 ? 0 : (100 * correct) / rows.length;
  const misses = rows.filter((r) => r.expected !== r.got);
  const out = [
    `accuracy: ${correct}/${rows.length} = ${pct.toFixed(1)}%`,
    "",
    confusionTable(rows),
    "",
    `misses (${misses.length}):`,
    ...misses.map((r) => {
      const text = r.text.length > 90 ? `${r.text.slice(0, 90)}…` : r.text;
      const ev = r.evidence && r.evidence.length > 0 ? ` [${r.evidence.join(", ")}]` : "";
      return `  ${r.id}  ${r.expected} → ${r.got}${ev}\n      ${text.replace(/\s+/g, " ")}`;
    }),
  ];
  return out.join("\n");
}
