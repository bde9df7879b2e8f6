import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { runTurn } from "../conversations/engine.js";
import { figuresKey } from "./figures-conversation.js";
import { figuresConversation } from "./figures-steps.js";
import type { FiguresReply } from "./figures-view.js";
import { parseFiguresInput } from "./submit-figures.js";

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
