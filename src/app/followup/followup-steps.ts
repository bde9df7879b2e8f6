import type { Deps } from "../deps.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { conversationKey } from "../conversations/load-conversation.js";

export const FOLLOW_UP_FLOW = "followup";
/** How long a checked receipt may be used to add information without typing it again. */
export const FOLLOW_UP_MS = 30 * 60_000;

/**
 * After a successful /status check: which tip the next messages are added to. The receipt secret is
 * kept only encrypted (sealed and opened here, in the app; the bot never sees it again).
 */
export interface FollowUp {
  v: 1;
  trackingCode: string;
  secretEnc: string;
  adding: boolean;
  expiresAt: string;
}

export type FollowUpInput =
  /** The "add information" button. */
  | { kind: "add" }
  /** A message while adding: its text (maybe empty) and whether it carries a file. */
  | { kind: "info" };

/** What a step decides; `add_info` is the verb's to carry out (the step itself stores nothing). */
export type FollowUpStepOut =
  | { kind: "ask"; trackingCode: string }
  | { kind: "expired" }
  /** Not ours to answer: no follow-up in progress, or not adding. */
  | { kind: "pass" }
  | { kind: "add_info"; trackingCode: string; secret: string };

export const followUpKey = (deps: Pick<Deps, "crypto">, chatId: number) => conversationKey(deps, FOLLOW_UP_FLOW, "telegram", String(chatId));

export function sealSecret(deps: Pick<Deps, "crypto">, secret: string): string {
  return Buffer.from(deps.crypto.encrypt(secret)).toString("base64");
}

function openSecret(deps: Pick<Deps, "crypto">, sealed: string): string {
  return deps.crypto.decrypt(new Uint8Array(Buffer.from(sealed, "base64")));
}

export const followUpConversation: ConversationDef<FollowUp, FollowUpInput, FollowUpStepOut> = {
  flow: FOLLOW_UP_FLOW,
  accepts: (stored) => stored.flow === FOLLOW_UP_FLOW && (stored.state as Partial<FollowUp> | null)?.v === 1,
  step(state, input, deps): Step<FollowUp, FollowUpStepOut> {
    // An expired follow-up is removed on sight: its sealed secret is kept no longer than needed.
    if (new Date(state.expiresAt).getTime() < deps.clock().getTime())
      return { kind: "end", out: input.kind === "add" ? { kind: "expired" } : { kind: "pass" } };
    if (input.kind === "add") return { kind: "save", state: { ...state, adding: true }, out: { kind: "ask", trackingCode: state.trackingCode } };
    if (!state.adding) return { kind: "stay", out: { kind: "pass" } };
    return { kind: "stay", out: { kind: "add_info", trackingCode: state.trackingCode, secret: openSecret(deps, state.secretEnc) } };
  },
};
