import { z } from "zod";
import type { Figures } from "../../domain/figures.js";
import { AppError, type Deps } from "../deps.js";
import { runTurn, type ConversationDef, type Step } from "../conversations/engine.js";
import { correctFigures } from "./correct-figures.js";
import { FIGURES_FLOW, figuresKey, type FiguresState } from "./figures-conversation.js";
import { transition, type FiguresAnswer } from "./figures-steps.js";
import { figuresView, type FiguresReply } from "./figures-view.js";
import { currentReport, figuresObligationById, liaisonUnits } from "./report-queries.js";
import { parseFiguresInput, submitFigures } from "./submit-figures.js";

export const recordFigureAnswerInput = z.object({
  chatId: z.union([z.number().int(), z.string().min(1).max(32)]),
  answer: z.discriminatedUnion("type", [
    z.object({ type: z.literal("text"), text: z.string().max(4096) }),
    z.object({ type: z.enum(["same", "zero", "confirm", "submit", "cancel"]) }),
    z.object({ type: z.literal("edit"), index: z.number().int().min(0).max(10).optional() }),
  ]),
});
export type RecordFigureAnswerInput = z.input<typeof recordFigureAnswerInput>;

interface FiguresTurnInput {
  chatId: number | string;
  answer: FiguresAnswer;
}

/** The figures conversation for the engine: the pure transition, then what ending it stores. */
const figuresConversation: ConversationDef<FiguresState, FiguresTurnInput, FiguresReply> = {
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
        return { kind: "submitted", unitName: state.unitName, period: state.period, mode: state.mode, version: done.version, late: done.late };
      },
    };
  },
};

/** One answer in the figures conversation: a typed value, a button, or the correction's reason. */
export async function recordFigureAnswer(deps: Deps, raw: RecordFigureAnswerInput): Promise<FiguresReply> {
  const { chatId, answer } = parseFiguresInput(recordFigureAnswerInput, raw);
  try {
    const turn = await runTurn(deps, figuresConversation, figuresKey(deps, chatId), { chatId, answer });
    if (turn.kind === "none") return { kind: "no_conversation" };
    if (turn.kind === "conflict") return { kind: "conflict" };
    return turn.out;
  } catch (err) {
    // Lost a race the step's checks could not see (filed or cancelled at the same instant): look again.
    if (err instanceof AppError && (err.code === "conflict" || err.code === "not_found")) return { kind: "conflict" };
    throw err;
  }
}
