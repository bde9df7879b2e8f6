import type { ConversationDef, Step } from "../conversations/engine.js";
import { answerUrgency, type UrgencyAnswer } from "../tips/answer-urgency.js";
import { urgentNotice } from "../tips/urgent-notice.js";
import type { SmsLocale } from "./sms-replies.js";

export const SMS_URGENCY_FLOW = "sms-urgency";
/** The question waits this long for its answer; a later "1" is read as a new message. */
export const SMS_URGENCY_WINDOW_MS = 6 * 3_600_000;

/** The tip whose receipt asked "is anyone in danger right now?", and the language it was asked in. */
export type UrgencyQuestionState = { tipId: number; locale: SmsLocale };

export type UrgencyQuestionOutcome = { outcome: "urgent" | "noted"; reply: string; locale: SmsLocale } | null;

/**
 * "1"/"2" as a reporter may type them: full-width digits, 是/否, yes/no, with a little punctuation around.
 * Anything else is not an answer (null).
 */
export function readUrgencyAnswer(text: string): UrgencyAnswer | null {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/^[\s.。!！,，:：]+|[\s.。!！,，:：]+$/g, "")
    .toLowerCase();
  if (/^(?:1|是|是的|有|有人|y|yes)$/.test(t)) return "yes";
  if (/^(?:2|否|不是|没有|没有人|无|n|no)$/.test(t)) return "no";
  return null;
}

/**
 * The one-question conversation that follows the receipt of a possibly urgent SMS tip. An answer ends
 * it by updating the tip in the same transaction; any other message leaves the question open (a new
 * tip from the phone replaces it, as every SMS tip draft replaces another flow).
 */
export const urgencyQuestionConversation: ConversationDef<UrgencyQuestionState, { text: string }, UrgencyQuestionOutcome> = {
  flow: SMS_URGENCY_FLOW,
  accepts: (stored, now) => stored.flow === SMS_URGENCY_FLOW && now.getTime() - stored.updatedAt.getTime() < SMS_URGENCY_WINDOW_MS,
  step(state, input): Step<UrgencyQuestionState, UrgencyQuestionOutcome> {
    const answer = readUrgencyAnswer(input.text);
    if (!answer) return { kind: "stay", out: null };
    return {
      kind: "finish",
      async work(tx) {
        const done = await answerUrgency(tx, { tipId: state.tipId, answer });
        if (done.answer === "no") return { outcome: "noted", reply: tx.i18n.t(state.locale, "sms-urgency-noted"), locale: state.locale };
        return { outcome: "urgent", reply: urgentNotice(tx.i18n, state.locale, { urgent: true, alerted: done.alerted })!, locale: state.locale };
      },
    };
  },
};
