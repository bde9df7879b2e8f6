import { tipEvents } from "../../db/schema.js";
import type { Deps } from "../deps.js";
import { runTurn, startConversation } from "../conversations/engine.js";
import type { TxDeps } from "../with-transaction.js";
import type { SmsLocale } from "./sms-replies.js";
import { urgencyQuestionConversation, type UrgencyQuestionOutcome } from "./urgency-question-steps.js";

/**
 * The receipt of a possibly urgent SMS tip asks one question: open the phone's question conversation
 * (replacing the finished draft's row) and record on the tip that it was asked. Caller's transaction.
 */
export async function askUrgencyQuestion(tx: TxDeps<Deps>, input: { key: string; tipId: number; locale: SmsLocale }): Promise<void> {
  const started = await startConversation(tx, urgencyQuestionConversation, input.key, { tipId: input.tipId, locale: input.locale }, { replace: true });
  if (started.kind === "conflict") throw new Error("sms conversation changed under a held lock");
  await tx.db.insert(tipEvents).values({ tipId: input.tipId, kind: "urgency_asked", actor: "system", data: { channel: "sms" }, public: false, at: tx.clock() });
}

/**
 * An inbound SMS read as the answer to the phone's open question, if there is one and the SMS is an
 * answer ("1"/"2"); null otherwise, and the SMS goes on to the usual commands and tip flow.
 */
export async function answerUrgencyQuestion(tx: TxDeps<Deps>, input: { key: string; text: string }): Promise<NonNullable<UrgencyQuestionOutcome> | null> {
  const turn = await runTurn(tx, urgencyQuestionConversation, input.key, { text: input.text });
  if (turn.kind === "conflict") throw new Error("sms conversation changed under a held lock");
  return turn.kind === "done" ? turn.out : null;
}
