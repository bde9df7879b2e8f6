import { METRICS, METRIC_KINDS, plausibilityWarnings, type Figures, type MetricCode, type PlausibilityWarning } from "../../domain/figures.js";
import { parseAllFigures, parseFigure } from "../../domain/numerals.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { correctFigures } from "./correct-figures.js";
import { FIGURES_FLOW, type FiguresState } from "./figures-conversation.js";
import { figuresView, type AnswerProblem, type FiguresReply } from "./figures-view.js";
import { currentReport, figuresObligationById, liaisonUnits } from "./report-queries.js";
import { submitFigures } from "./submit-figures.js";

export type FiguresAnswer =
  | { type: "text"; text: string }
  | { type: "same" }
  | { type: "zero" }
  | { type: "confirm" }
  | { type: "edit"; index?: number }
  | { type: "submit" }
  | { type: "cancel" };

export type Transition =
  | { state: FiguresState; problem?: AnswerProblem }
  | { state: FiguresState; action: "submit" | "cancel" }
  | { state: FiguresState; action: "correct"; reason: string };

export interface FiguresTurnInput {
  chatId: number | string;
  answer: FiguresAnswer;
}

/** The figures conversation for the engine: the pure transition, then what ending it stores. */
export const figuresConversation: ConversationDef<FiguresState, FiguresTurnInput, FiguresReply> = {
  ...FIGURES_FLOW,
  async step(state, { chatId, answer }, deps): Promise<Step<FiguresState, FiguresReply>> {
    const t = transition(state, answer);
    if (!("action" in t)) return { kind: "save", state: t.state, out: await figuresView(deps, t.state, { problem: t.problem }) };
    if (t.action === "cancel") return { kind: "end", out: { kind: "cancelled" } };
    // The chat may have been unbound from the unit, or the duty cancelled, since the conversation started.
    if (!(await liaisonUnits(deps, chatId)).some((u) => u.unitId === state.unitId)) return { kind: "end", out: { kind: "not_liaison" } };
    const obligation = await figuresObligationById(deps.db, state.obligationId);
    if (!obligation || obligation.status === "cancelled") return { kind: "end", out: { kind: "no_open" } };
    const reason = t.action === "correct" ? t.reason : null;
    if (reason === null && (await currentReport(deps.db, state))) {
      // Another liaison of the unit filed first: what this one typed becomes a correction, with a reason.
      const next: FiguresState = { ...state, mode: "correct", step: { kind: "reason" } };
      return { kind: "save", state: next, out: await figuresView(deps, next, { alreadySubmitted: true }) };
    }
    const key = { campaignId: state.campaignId, unitId: state.unitId, period: state.period, values: state.values as Figures, by: `liaison:${state.liaisonId}` };
    return {
      kind: "finish",
      async work(tx) {
        const done = reason === null ? await submitFigures(tx, key) : await correctFigures(tx, { ...key, reason });
        return {
          kind: "submitted",
          unitName: state.unitName,
          period: state.period,
          mode: state.mode,
          prefilled: state.prefilled === true,
          version: done.version,
          late: done.late,
        };
      },
    };
  },
};

/**
 * The figures conversation as a pure state machine: one answer in, the next state out. Storage and
 * submission are the caller's; keeping this pure is what lets it be replayed after a restart.
 */
export function transition(state: FiguresState, answer: FiguresAnswer): Transition {
  const step = state.step;
  if (answer.type === "cancel") return { state, action: "cancel" };
  if (answer.type === "edit" && step.kind !== "reason") {
    if (answer.index === undefined) return { state: { ...state, step: { kind: "choose_line" } } };
    if (answer.index >= 0 && answer.index < METRICS.length) return { state: { ...state, step: { kind: "metric", index: answer.index } } };
  }
  switch (step.kind) {
    case "metric":
      return answerMetric(state, step.index, answer);
    case "warn":
      return answer.type === "confirm" || saysConfirm(answer) ? { state: advance(state) } : { state, problem: { reason: "use_buttons" } };
    case "choose_line":
      return { state, problem: { reason: "use_buttons" } };
    case "review":
      if (answer.type !== "submit" && !saysConfirm(answer)) return { state, problem: { reason: "use_buttons" } };
      return state.mode === "new" ? { state, action: "submit" } : { state: { ...state, step: { kind: "reason" } } };
    case "reason": {
      const reason = answer.type === "text" ? answer.text.trim() : "";
      return reason.length >= 2 ? { state, action: "correct", reason } : { state, problem: { reason: "reason_too_short" } };
    }
  }
}

/** "确认" / "confirm" typed instead of tapping the button (a pre-filled form is confirmed so). */
export function saysConfirm(answer: FiguresAnswer): boolean {
  return answer.type === "text" && /^(确认|確認|确定|confirm|ok)[。.!！]?$/i.test(answer.text.trim());
}

function answerMetric(state: FiguresState, index: number, answer: FiguresAnswer): Transition {
  const metric = METRICS[index];
  if (answer.type === "zero") return afterValues(state, { [metric.code]: 0 }, index);
  if (answer.type === "same") {
    const last = state.lastMonth?.[metric.code];
    return last === undefined ? { state, problem: { reason: "no_last_month" } } : afterValues(state, { [metric.code]: last }, index);
  }
  if (answer.type !== "text") return { state };
  const all = parseAllFigures(answer.text, METRIC_KINDS);
  if (all.found >= 2) {
    if (all.found !== METRICS.length) return { state, problem: { reason: "wrong_count", found: all.found, expected: METRICS.length } };
    const values: Partial<Figures> = {};
    for (const [i, r] of all.results.entries()) {
      if (!r.ok) return { state, problem: { reason: r.reason, metric: METRICS[i].code } };
      values[METRICS[i].code] = r.value;
    }
    return afterValues(state, values, null);
  }
  const one = parseFigure(answer.text, metric.kind);
  return one.ok ? afterValues(state, { [metric.code]: one.value }, index) : { state, problem: { reason: one.reason } };
}

/** Take the values, then either ask to confirm the warnings they raise or move on. */
function afterValues(state: FiguresState, changed: Partial<Figures>, index: number | null): Transition {
  const next = { ...state, values: { ...state.values, ...changed } };
  const codes = Object.keys(changed) as MetricCode[];
  const warnings = warningsFor(next, codes);
  return { state: warnings.length ? { ...next, step: { kind: "warn", index, warnings } } : advance(next) };
}

/** Next unanswered metric in form order, else the review. */
export function advance(state: FiguresState): FiguresState {
  const index = METRICS.findIndex((m) => state.values[m.code] === undefined);
  return { ...state, step: index === -1 ? { kind: "review" } : { kind: "metric", index } };
}

/**
 * Warnings that the changed metrics take part in. Unanswered metrics are NaN, which compares false
 * with everything, so a rule fires only once all the metrics it relates are known. The desk's one-page
 * form asks the same question (every metric is "changed" in a first filing, the edited ones in a correction).
 */
export function warningsFor(state: Pick<FiguresState, "values" | "medians">, changed: readonly MetricCode[]): PlausibilityWarning[] {
  const filled = Object.fromEntries(METRICS.map((m) => [m.code, state.values[m.code] ?? Number.NaN])) as Figures;
  return plausibilityWarnings(filled, { medians: state.medians }).filter((w) => involved(w).some((c) => changed.includes(c)));
}

function involved(w: PlausibilityWarning): MetricCode[] {
  switch (w.code) {
    case "officers_below_minimum":
      return ["enforcement_actions", "officers_deployed"];
    case "penalty_without_case":
      return ["cases_opened", w.data.metric];
    case "far_above_history":
      return [w.data.metric];
  }
}
