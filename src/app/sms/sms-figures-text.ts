import type { I18n } from "../../adapters/i18n.js";
import { METRICS, type Metric, type MetricCode, type PlausibilityWarning } from "../../domain/figures.js";

const metricOf = (code: MetricCode): Metric => METRICS.find((m) => m.code === code)!;
const show = (m: Metric, v: number) => (m.kind === "money_wan" ? v.toFixed(2) : String(v));

export function figuresPeriodText(i18n: I18n, period: string): string {
  return i18n.t("zh-CN", "figures-period", { year: period.slice(0, 4), month: String(Number(period.slice(5, 7))) });
}

/** The bot's warning sentences (the same figures-warn-* keys), for an SMS reply. */
export function warningText(i18n: I18n, w: PlausibilityWarning): string {
  const t = (key: string, vars: Record<string, string | number>) => i18n.t("zh-CN", key, vars);
  switch (w.code) {
    case "officers_below_minimum":
      return t("figures-warn-officers", { officers: w.data.officers, actions: w.data.actions, minimum: w.data.minimum });
    case "penalty_without_case": {
      const m = metricOf(w.data.metric);
      return t("figures-warn-penalty", { metric: m.zh, value: show(m, w.data.value), unit: m.unit });
    }
    case "far_above_history": {
      const m = metricOf(w.data.metric);
      return t("figures-warn-history", { metric: m.zh, value: show(m, w.data.value), median: show(m, w.data.median), factor: w.data.factor });
    }
  }
}
