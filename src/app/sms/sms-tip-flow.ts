import type { Deps } from "../deps.js";
import { runTurn, startConversation } from "../conversations/engine.js";
import type { TxDeps } from "../with-transaction.js";
import type { SmsLocale } from "./sms-replies.js";
import { smsTipConversation, type SmsTipOutcome } from "./sms-tip-steps.js";

/**
 * One SMS that is no command: the engine applies it to the phone's live draft, or to a fresh one.
 * Runs in the caller's transaction, which holds the per-phone lock: the version read stays current,
 * so a conflict here means the lock was not held.
 */
export async function continueSmsTip(tx: TxDeps<Deps>, input: { key: string; phone: string; text: string; locale: SmsLocale }): Promise<SmsTipOutcome> {
  const started = await startConversation(tx, smsTipConversation, input.key, { step: "new", locale: input.locale }, { replace: false });
  if (started.kind === "conflict") throw new Error("sms conversation changed under a held lock");
  const turn = await runTurn(tx, smsTipConversation, input.key, { key: input.key, phone: input.phone, text: input.text, locale: input.locale });
  if (turn.kind !== "done") throw new Error(`sms conversation ${turn.kind} under a held lock`);
  return turn.out;
}
