import { METRICS, type Figures, type MetricCode, type PlausibilityWarning } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import type { FiguresState } from "./figures-conversation.js";
import { cumulativeWith } from "./get-report.js";
import { toStored } from "./stored-values.js";

/** Why an answer was not taken: a parseFigure reason, or one of the flow's own. */
export type AnswerProblem =
  | { reason: "empty" | "not_a_number" | "negative" | "not_integer" | "too_many_decimals" | "no_last_month"; metric?: MetricCode }
  /** A whole-form message with the wrong number of figures. */
  | { reason: "wrong_count"; found: number; expected: number }
  | { reason: "use_buttons" }
  | { reason: "reason_too_short" };

interface Where {
  unitName: string;
  period: string;
  mode: FiguresState["mode"];
  /** The values came from the unit's inspection records of the month. */
  prefilled: boolean;
}

/** What the bot shows next. Each transport renders it in the user's language; no text lives here. */
export type FiguresReply =
  | { kind: "not_liaison" }
  | { kind: "no_open" }
  | { kind: "no_conversation" }
  | { kind: "conflict" }
  | { kind: "cancelled" }
  | { kind: "choose_unit"; units: { id: number; name: string }[] }
  | ({ kind: "ask"; index: number; metric: MetricCode; lastMonth: number | null; current: number | null; first: boolean; problem?: AnswerProblem } & Where)
  | { kind: "warn"; warnings: PlausibilityWarning[] }
  | { kind: "choose_line"; values: Partial<Figures> }
  | ({ kind: "review"; rows: { code: MetricCode; month: number; cumulative: number }[]; problem?: AnswerProblem } & Where)
  | ({ kind: "ask_reason"; alreadySubmitted: boolean; problem?: AnswerProblem } & Where)
  | ({ kind: "submitted"; version: number; late: boolean } & Where);

/** The reply for the conversation's current step. */
export async function figuresView(
  deps: Pick<Deps, "db">,
  state: FiguresState,
  extra: { problem?: AnswerProblem; alreadySubmitted?: boolean } = {},
): Promise<FiguresReply> {
  const where: Where = { unitName: state.unitName, period: state.period, mode: state.mode, prefilled: state.prefilled === true };
  const step = state.step;
  switch (step.kind) {
    case "metric": {
      const metric = METRICS[step.index].code;
      const answered = METRICS.some((m) => state.values[m.code] !== undefined);
      return {
        kind: "ask",
        ...where,
        index: step.index,
        metric,
        lastMonth: state.lastMonth?.[metric] ?? null,
        current: state.values[metric] ?? null,
        first: step.index === 0 && !answered,
        problem: extra.problem,
      };
    }
    case "warn":
      return { kind: "warn", warnings: step.warnings };
    case "choose_line":
      return { kind: "choose_line", values: state.values };
    case "review": {
      const month = state.values as Figures;
      const cumulative = await cumulativeWith(deps, state, toStored(month));
      return {
        kind: "review",
        ...where,
        rows: METRICS.map((m) => ({ code: m.code, month: month[m.code], cumulative: cumulative[m.code] })),
        problem: extra.problem,
      };
    }
    case "reason":
      return { kind: "ask_reason", ...where, alreadySubmitted: extra.alreadySubmitted ?? false, problem: extra.problem };
  }
}
