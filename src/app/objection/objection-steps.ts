import type { Deps } from "../deps.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { conversationKey } from "../conversations/load-conversation.js";
import { objectToAnswer, type ObjectionResult } from "../tips/object-to-answer.js";
import { cleanText } from "../../domain/tip-input.js";

export const OBJECTION_FLOW = "objection";
/** How long the chat's next message is taken as the reason after tapping 提出异议. */
export const OBJECTION_ASK_MS = 30 * 60_000;

/**
 * After the 提出异议 button under an answer: which tip the reason is for. No secret and no chat id are
 * kept — the chat proves itself on every turn by its keyed hash against the tip's.
 */
export interface ObjectionState {
  v: 1;
  trackingCode: string;
  expiresAt: string;
}

/** The reason as typed, and the chat it came from (only ever in memory). */
export type ObjectionInput = { kind: "reason"; text: string; chatId: number };

export type ObjectionStepOut = { kind: "expired" } | { kind: "too_short"; trackingCode: string } | { kind: "result"; result: ObjectionResult };

export const objectionKey = (deps: Pick<Deps, "crypto">, chatId: number) => conversationKey(deps, OBJECTION_FLOW, "telegram", String(chatId));

export const objectionConversation: ConversationDef<ObjectionState, ObjectionInput, ObjectionStepOut> = {
  flow: OBJECTION_FLOW,
  accepts: (stored) => stored.flow === OBJECTION_FLOW && (stored.state as Partial<ObjectionState> | null)?.v === 1,
  step(state, input, deps): Step<ObjectionState, ObjectionStepOut> {
    if (new Date(state.expiresAt).getTime() < deps.clock().getTime()) return { kind: "end", out: { kind: "expired" } };
    const text = cleanText(input.text);
    if (Array.from(text).length < 2) return { kind: "stay", out: { kind: "too_short", trackingCode: state.trackingCode } };
    // The objection and the end of this conversation commit together: a double send objects once.
    return {
      kind: "finish",
      work: async (tx) => ({
        kind: "result",
        result: await objectToAnswer(tx, {
          proof: { kind: "chat", channel: "telegram", address: String(input.chatId), trackingCode: state.trackingCode },
          channel: "telegram",
          text: text.slice(0, 2_000),
        }),
      }),
    };
  },
};
