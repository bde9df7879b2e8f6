import type { FigureKind } from "./numerals";

/**
 * The monthly form (安全监管"强执法防事故"行动情况月报表) of the Hengnan seed, in form order.
 * `zh` is the row label exactly as the seed prints it (ASCII parentheses included) so exports can
 * reproduce the form; `formUnit` is the seed's unit column where extraction kept it ("人(次)").
 */
export const METRIC_CODES = [
  "enforcement_actions",
  "officers_deployed",
  "units_inspected",
  "cases_opened",
  "fines",
  "suspensions",
  "licences_suspended_or_revoked",
  "closures",
  "officials_held_accountable",
  "administrative_detentions",
  "criminal_arrests",
] as const;

export type MetricCode = (typeof METRIC_CODES)[number];
export type Figures = Record<MetricCode, number>;

export interface Metric {
  code: MetricCode;
  position: number;
  zh: string;
  en: string;
  unit: string;
  unitEn: string;
  formUnit: string;
  kind: FigureKind;
}

type Row = [MetricCode, string, string, string, FigureKind, string?];
const ROWS: Row[] = [
  ["enforcement_actions", "组织(包括日常、集中、联合、专项等)执法活动", "Enforcement actions (routine, concentrated, joint, special)", "次", "count"],
  ["officers_deployed", "出动执法人员", "Officers deployed", "人次", "count", "人(次)"],
  ["units_inspected", "检查生产经营单位", "Business units inspected", "家", "count"],
  ["cases_opened", "立案调查", "Cases opened for investigation", "起", "count"],
  ["fines", "经济处罚", "Fines", "万元", "money_wan"],
  ["suspensions", "责令停产停业", "Ordered to suspend production or business", "家", "count"],
  ["licences_suspended_or_revoked", "暂扣或者吊销许可证照", "Licences suspended or revoked", "个", "count"],
  ["closures", "取缔关闭", "Banned and closed", "家", "count"],
  ["officials_held_accountable", "问责领导干部", "Officials held accountable", "人", "count"],
  ["administrative_detentions", "行政拘留", "Administrative detentions", "人", "count"],
  ["criminal_arrests", "抓捕涉嫌犯罪人员", "Criminal suspects arrested", "人", "count"],
];

const UNIT_EN: Record<string, string> = {
  次: "actions",
  人次: "person-times",
  家: "units",
  起: "cases",
  万元: "10,000 yuan",
  个: "licences",
  人: "persons",
};

export const METRICS: readonly Metric[] = ROWS.map(([code, zh, en, unit, kind, formUnit], i) => ({
  code,
  position: i + 1,
  zh,
  en,
  unit,
  unitEn: UNIT_EN[unit],
  formUnit: formUnit ?? unit,
  kind,
}));

export const METRIC_KINDS: readonly FigureKind[] = METRICS.map((m) => m.kind);

export type FigureError = { code: MetricCode; reason: "missing" | "not_a_number" | "negative" | "not_integer" | "too_many_decimals" };

// The form holds 万元 to two decimals; tolerance absorbs binary-float noise like 1.15 * 100 = 114.999….
const hasAtMostTwoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

export function validateFigures(values: Partial<Record<MetricCode, unknown>>): { ok: true; values: Figures } | { ok: false; errors: FigureError[] } {
  const errors: FigureError[] = [];
  for (const m of METRICS) {
    const v = values[m.code];
    if (v === undefined || v === null) errors.push({ code: m.code, reason: "missing" });
    else if (typeof v !== "number" || !Number.isFinite(v)) errors.push({ code: m.code, reason: "not_a_number" });
    else if (v < 0) errors.push({ code: m.code, reason: "negative" });
    else if (m.kind === "count" && !Number.isSafeInteger(v)) errors.push({ code: m.code, reason: "not_integer" });
    else if (m.kind === "money_wan" && !hasAtMostTwoDecimals(v)) errors.push({ code: m.code, reason: "too_many_decimals" });
  }
  return errors.length ? { ok: false, errors } : { ok: true, values: values as Figures };
}

export interface PlausibilityRules {
  /** 行政处罚法 第四十二条: 执法人员不得少于两人 — every enforcement action needs at least two officers. */
  officersPerAction: number;
  /** A value above this multiple of the unit's own median for the metric is queried. */
  historyFactor: number;
}

export const DEFAULT_PLAUSIBILITY_RULES: PlausibilityRules = { officersPerAction: 2, historyFactor: 5 };

export type PlausibilityWarning =
  | { code: "officers_below_minimum"; data: { officers: number; actions: number; minimum: number } }
  | { code: "penalty_without_case"; data: { metric: "fines" | "administrative_detentions"; value: number } }
  | { code: "far_above_history"; data: { metric: MetricCode; value: number; median: number; factor: number } };

/** Warnings ask the liaison to confirm; they never block a submission (a value can be odd and true). */
export function plausibilityWarnings(
  values: Figures,
  history: { medians: Partial<Record<MetricCode, number>> },
  rules: PlausibilityRules = DEFAULT_PLAUSIBILITY_RULES,
): PlausibilityWarning[] {
  const warnings: PlausibilityWarning[] = [];
  const minimum = values.enforcement_actions * rules.officersPerAction;
  if (values.officers_deployed < minimum) {
    warnings.push({ code: "officers_below_minimum", data: { officers: values.officers_deployed, actions: values.enforcement_actions, minimum } });
  }
  // A fine or a detention is the outcome of a case, so some case must have been opened.
  if (values.cases_opened === 0) {
    for (const metric of ["fines", "administrative_detentions"] as const) {
      if (values[metric] > 0) warnings.push({ code: "penalty_without_case", data: { metric, value: values[metric] } });
    }
  }
  for (const m of METRICS) {
    const median = history.medians[m.code];
    if (median !== undefined && median > 0 && values[m.code] > rules.historyFactor * median) {
      warnings.push({ code: "far_above_history", data: { metric: m.code, value: values[m.code], median, factor: rules.historyFactor } });
    }
  }
  return warnings;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Per-metric medians of a unit's past months, for `plausibilityWarnings`. */
export function historyMedians(months: readonly Figures[]): Partial<Record<MetricCode, number>> {
  const medians: Partial<Record<MetricCode, number>> = {};
  for (const code of METRIC_CODES) {
    const m = median(months.map((f) => f[code]));
    if (m !== null) medians[code] = m;
  }
  return medians;
}

/** 累计数: sums months; money is summed in integer hundredths of 万元 so 0.1 + 0.2 stays 0.3. */
export function cumulative(months: readonly Figures[]): Figures {
  const totals = {} as Figures;
  for (const m of METRICS) {
    if (m.kind === "money_wan") {
      totals[m.code] = months.reduce((sum, f) => sum + Math.round(f[m.code] * 100), 0) / 100;
    } else {
      totals[m.code] = months.reduce((sum, f) => sum + f[m.code], 0);
    }
  }
  return totals;
}
