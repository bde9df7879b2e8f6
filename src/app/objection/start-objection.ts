import { z } from "zod";
import { startConversation } from "../conversations/engine.js";
import { AppError, type Deps } from "../deps.js";
import { objectionAllowed, type ObjectionRefusal } from "../tips/object-to-answer.js";
import { OBJECTION_ASK_MS, objectionConversation, objectionKey, type ObjectionState } from "./objection-steps.js";

export const startObjectionInput = z.object({ chatId: z.number().int(), trackingCode: z.string().min(1).max(64) });

/**
 * The 提出异议 button under an answer in a reporter's chat: if this chat sent that tip and the window is
 * open, the next message is taken as the reason; otherwise the refusal (with the day the window closed).
 */
export async function startObjection(deps: Deps, raw: z.input<typeof startObjectionInput>): Promise<{ ok: true; trackingCode: string } | ObjectionRefusal> {
  const parsed = startObjectionInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid objection start");
  const { chatId, trackingCode } = parsed.data;
  const allowed = await objectionAllowed(deps, { kind: "chat", channel: "telegram", address: String(chatId), trackingCode });
  if (!allowed.ok) return allowed;
  const state: ObjectionState = {
    v: 1,
    trackingCode: allowed.trackingCode,
    expiresAt: new Date(deps.clock().getTime() + OBJECTION_ASK_MS).toISOString(),
  };
  await startConversation(deps, objectionConversation, objectionKey(deps, chatId), state, { replace: true });
  return allowed;
}
