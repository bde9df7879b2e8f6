import { z } from "zod";
import { endConversation, runTurn } from "../conversations/engine.js";
import { AppError, type Deps } from "../deps.js";
import type { ObjectionResult } from "../tips/object-to-answer.js";
import { objectionConversation, objectionKey } from "./objection-steps.js";

export const objectionTurnInput = z.object({ chatId: z.number().int(), text: z.string().max(10_000) });

export type ObjectionReply =
  /** No objection being written in this chat: another feature may answer the message. */
  { kind: "pass" } | { kind: "expired" } | { kind: "too_short"; trackingCode: string } | { kind: "result"; result: ObjectionResult };

/** A message while an objection is being written: its reason, or a hint when too short. */
export async function objectionTurn(deps: Deps, raw: z.input<typeof objectionTurnInput>): Promise<ObjectionReply> {
  const parsed = objectionTurnInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid objection message");
  const { chatId, text } = parsed.data;
  const turn = await runTurn(deps, objectionConversation, objectionKey(deps, chatId), { kind: "reason", text, chatId });
  if (turn.kind === "none") return { kind: "pass" };
  if (turn.kind === "conflict") return { kind: "expired" };
  return turn.out;
}

/** /cancel while writing an objection. Whether there was one. */
export async function endObjection(deps: Deps, raw: { chatId: number }): Promise<boolean> {
  if (!Number.isInteger(raw.chatId)) throw new AppError("invalid_input", "invalid chat");
  return endConversation(deps, objectionKey(deps, raw.chatId));
}
