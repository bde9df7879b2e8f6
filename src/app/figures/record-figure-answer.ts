import { z } from "zod";
import type { Figures } from "../../domain/figures.js";
import { AppError, type Deps } from "../deps.js";
import { correctFigures } from "./correct-figures.js";
import { clearFiguresConversation, loadFiguresConversation, saveFiguresConversation, type FiguresState } from "./figures-conversation.js";
import { transition } from "./figures-steps.js";
import { figuresView, type FiguresReply } from "./figures-view.js";
import { liaisonUnits } from "./report-queries.js";
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

/** One answer in the figures conversation: a typed value, a button, or the correction's reason. */
export async function recordFigureAnswer(deps: Deps, raw: RecordFigureAnswerInput): Promise<FiguresReply> {
  const { chatId, answer } = parseFiguresInput(recordFigureAnswerInput, raw);
  const stored = await loadFiguresConversation(deps, chatId);
  if (!stored) return { kind: "no_conversation" };
  const t = transition(stored.state, answer);
  if ("action" in t) {
    if (t.action === "cancel") {
      await clearFiguresConversation(deps, chatId);
      return { kind: "cancelled" };
    }
    return finish(deps, chatId, stored.version, t.state, t.action === "correct" ? t.reason : null);
  }
  try {
    await saveFiguresConversation(deps, chatId, t.state, stored.version);
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") return { kind: "conflict" };
    throw err;
  }
  return figuresView(deps, t.state, { problem: t.problem });
}

/** Store the month (first filing or correction) and close the conversation. */
async function finish(deps: Deps, chatId: number | string, version: number, state: FiguresState, reason: string | null): Promise<FiguresReply> {
  // The chat may have been unbound from the unit since the conversation started.
  if (!(await liaisonUnits(deps, chatId)).some((u) => u.unitId === state.unitId)) {
    await clearFiguresConversation(deps, chatId);
    return { kind: "not_liaison" };
  }
  const key = { campaignId: state.campaignId, unitId: state.unitId, period: state.period, values: state.values as Figures, by: `liaison:${state.liaisonId}` };
  try {
    const done = reason === null ? await submitFigures(deps, key) : await correctFigures(deps, { ...key, reason });
    await clearFiguresConversation(deps, chatId);
    return { kind: "submitted", unitName: state.unitName, period: state.period, mode: state.mode, version: done.version, late: done.late };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === "conflict" && reason === null) {
      // Another liaison of the unit filed first: what this one typed becomes a correction, with a reason.
      const next: FiguresState = { ...state, mode: "correct", step: { kind: "reason" } };
      await saveFiguresConversation(deps, chatId, next, version);
      return figuresView(deps, next, { alreadySubmitted: true });
    }
    if (err.code === "not_found") {
      await clearFiguresConversation(deps, chatId);
      return { kind: "no_open" };
    }
    if (err.code === "conflict") return { kind: "conflict" };
    throw err;
  }
}
