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

/** One routed tip's outcome, for the per-language and per-channel figures. */
export interface OutcomeRow {
  lang: string;
  channel: string;
  sectorOk: boolean;
  urgentGold: boolean;
  urgentGot: boolean;
  /** Whether the county found from the text alone (place field dropped) matches the labelled one; undefined when the set has no place label. */
  placeOk?: boolean;
  /** The same with the tip as submitted (text and place field). */
  placeAsGivenOk?: boolean;
  /** Whether the tip came with a place field: without one (every SMS) the text is all there is. */
  hadPlaceField?: boolean;
}

const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1)}%`.padStart(6));

function figures(rows: OutcomeRow[]): string {
  const tp = rows.filter((r) => r.urgentGold && r.urgentGot).length;
  const flagged = rows.filter((r) => r.urgentGot).length;
  const gold = rows.filter((r) => r.urgentGold).length;
  const placed = rows.filter((r) => r.placeOk !== undefined);
  const noField = placed.filter((r) => !r.hadPlaceField);
  const sector = rows.filter((r) => r.sectorOk).length;
  const share = (xs: OutcomeRow[], ok: (r: OutcomeRow) => boolean | undefined) =>
    xs.length ? `${pct(xs.filter(ok).length, xs.length)}`.padStart(10) : "       n/a";
  return [
    String(rows.length).padStart(5),
    `${pct(sector, rows.length)}`.padStart(9),
    `${pct(tp, flagged)} (${tp}/${flagged})`.padStart(16),
    `${pct(tp, gold)} (${tp}/${gold})`.padStart(16),
    share(placed, (r) => r.placeAsGivenOk),
    share(noField, (r) => r.placeOk),
    share(placed, (r) => r.placeOk),
  ].join("");
}

/** Sector accuracy, urgent precision and recall, and place accuracy: overall, per language, per channel. */
export function formatBreakdown(rows: OutcomeRow[]): string {
  const groups: [string, OutcomeRow[]][] = [["all", rows]];
  for (const key of ["lang", "channel"] as const) {
    for (const v of [...new Set(rows.map((r) => r[key]))].sort()) groups.push([`${key}=${v}`, rows.filter((r) => r[key] === v)]);
  }
  const head = `${"".padEnd(18)}${"tips".padStart(5)}${"sector".padStart(9)}${"urgent prec".padStart(16)}${"urgent recall".padStart(16)}${"as given".padStart(10)}${"no field".padStart(10)}${"field off".padStart(10)}`;
  const legend =
    "county: 'as given' = text and place field; 'no field' = tips sent without a place field (every SMS), from the text; 'field off' = every tip with its place field dropped";
  return [head, ...groups.map(([label, g]) => `${label.padEnd(18)}${figures(g)}`), legend].join("\n");
}
