import { InlineKeyboard } from "grammy";
import { METRICS, type Metric, type MetricCode, type PlausibilityWarning } from "../../../src/domain/figures.js";
import type { AnswerProblem, FiguresReply } from "../../../src/app/figures/figures-view.js";
import type { BotContext } from "../../context.js";

export interface Rendered {
  text: string;
  keyboard?: InlineKeyboard;
}

type T = BotContext["t"];
const metricOf = (code: MetricCode) => METRICS.find((m) => m.code === code)!;
const label = (ctx: Pick<BotContext, "locale">, m: Metric) => (ctx.locale === "en" ? m.en : m.zh);
const unitOf = (ctx: Pick<BotContext, "locale">, m: Metric) => (ctx.locale === "en" ? m.unitEn : m.unit);
/** Fines always with two decimals (the form's 万元 column); counts as integers. */
export const show = (m: Metric, v: number | null | undefined) => (v === null || v === undefined ? "—" : m.kind === "money_wan" ? v.toFixed(2) : String(v));
const period = (t: T, p: string) => t("figures-period", { year: p.slice(0, 4), month: String(Number(p.slice(5, 7))) });

/** A FiguresReply as the text and buttons the liaison sees, in their language. */
export function renderFigures(ctx: Pick<BotContext, "t" | "locale">, r: FiguresReply): Rendered {
  const t = ctx.t;
  switch (r.kind) {
    case "not_liaison":
      return { text: t("figures-not-liaison") };
    case "no_open":
      return { text: t("figures-no-open") };
    case "no_conversation":
      return { text: t("figures-no-conversation") };
    case "conflict":
      return { text: t("figures-conflict") };
    case "cancelled":
      return { text: t("figures-cancelled") };
    case "choose_unit": {
      const keyboard = new InlineKeyboard();
      for (const u of r.units) keyboard.text(u.name, `fig:unit:${u.id}`).row();
      return { text: t("figures-choose-unit"), keyboard };
    }
    case "ask": {
      const m = metricOf(r.metric);
      const parts = [
        r.problem ? problemText(ctx, r.problem) : "",
        r.first ? t("figures-intro", { unit: r.unitName, period: period(t, r.period), total: METRICS.length }) : "",
        r.prefilled ? t("figures-prefilled-ask", { unit: r.unitName, period: period(t, r.period) }) : "",
        t("figures-ask", { n: r.index + 1, total: METRICS.length, metric: label(ctx, m), unit: unitOf(ctx, m) }),
        t("figures-last-month", { value: show(m, r.lastMonth) }),
        r.current !== null ? t("figures-current", { value: show(m, r.current) }) : "",
      ];
      const keyboard = new InlineKeyboard();
      if (r.lastMonth !== null) keyboard.text(t("figures-button-same"), "fig:same");
      keyboard.text(t("figures-button-zero"), "fig:zero").row().text(t("figures-button-cancel"), "fig:cancel");
      return { text: parts.filter(Boolean).join("\n"), keyboard };
    }
    case "warn":
      return {
        text: [t("figures-warn-title"), ...r.warnings.map((w) => `· ${warningText(ctx, w)}`), t("figures-warn-question")].join("\n"),
        keyboard: new InlineKeyboard().text(t("figures-button-confirm"), "fig:confirm").text(t("figures-button-edit"), "fig:edit"),
      };
    case "choose_line": {
      const keyboard = new InlineKeyboard();
      METRICS.forEach((m, i) => keyboard.text(`${i + 1}. ${label(ctx, m)}: ${show(m, r.values[m.code])}`, `fig:edit:${i}`).row());
      return { text: t("figures-choose-line"), keyboard };
    }
    case "review": {
      const lines = r.rows.map((row) => {
        const m = metricOf(row.code);
        return `${label(ctx, m)}｜${unitOf(ctx, m)}｜${show(m, row.month)}｜${show(m, row.cumulative)}`;
      });
      const text = [
        r.problem ? problemText(ctx, r.problem) : "",
        t(r.mode === "new" ? "figures-review-title" : "figures-review-title-correction", { unit: r.unitName, period: period(t, r.period) }),
        r.prefilled && r.mode === "new" ? t("figures-prefilled-review") : "",
        t("figures-review-header"),
        ...lines,
        t("figures-review-footer"),
        r.prefilled && r.mode === "new" ? t("figures-prefilled-confirm") : "",
      ];
      return {
        text: text.filter(Boolean).join("\n"),
        keyboard: new InlineKeyboard()
          .text(t("figures-button-submit"), "fig:submit")
          .text(t("figures-button-edit"), "fig:edit")
          .row()
          .text(t("figures-button-cancel"), "fig:cancel"),
      };
    }
    case "ask_reason":
      return {
        text: [r.alreadySubmitted ? t("figures-already-submitted") : "", r.problem ? problemText(ctx, r.problem) : "", t("figures-ask-reason")]
          .filter(Boolean)
          .join("\n"),
        keyboard: new InlineKeyboard().text(t("figures-button-cancel"), "fig:cancel"),
      };
    case "submitted":
      return {
        text: t(r.version === 1 ? "figures-submitted" : "figures-corrected", {
          unit: r.unitName,
          period: period(t, r.period),
          version: r.version,
          late: r.late ? "yes" : "no",
        }),
      };
  }
}

function problemText(ctx: Pick<BotContext, "t" | "locale">, p: AnswerProblem): string {
  if (p.reason === "wrong_count") return ctx.t("figures-problem-wrong_count", { found: p.found, expected: p.expected });
  const metric = "metric" in p && p.metric ? label(ctx, metricOf(p.metric)) : "";
  const text = ctx.t(`figures-problem-${p.reason}`);
  return metric ? ctx.t("figures-problem-in-metric", { metric, problem: text }) : text;
}

function warningText(ctx: Pick<BotContext, "t" | "locale">, w: PlausibilityWarning): string {
  switch (w.code) {
    case "officers_below_minimum":
      return ctx.t("figures-warn-officers", { officers: w.data.officers, actions: w.data.actions, minimum: w.data.minimum });
    case "penalty_without_case": {
      const m = metricOf(w.data.metric);
      return ctx.t("figures-warn-penalty", { metric: label(ctx, m), value: show(m, w.data.value), unit: unitOf(ctx, m) });
    }
    case "far_above_history": {
      const m = metricOf(w.data.metric);
      return ctx.t("figures-warn-history", { metric: label(ctx, m), value: show(m, w.data.value), median: show(m, w.data.median), factor: w.data.factor });
    }
  }
}
