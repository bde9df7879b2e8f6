import type { Deps } from "../deps.js";
import { runIdempotent, type IdempotencyInput } from "./idempotency.js";
import { tipBatcherFor } from "./tip-batcher.js";
import { prepareTip, storePreparedTip, type SubmitTipInput, type SubmittedTip } from "./submit-tip.js";

export type TipOnceOutcome<R> =
  | { state: "stored" | "replayed"; receipt: R }
  /** The key was used before with another body: nothing stored. */
  | { state: "mismatch" };

/**
 * Submit a tip at most once per Idempotency-Key (the API's header, the web form's hidden token): the
 * key, the tip and the receipt the caller renders from it commit in one transaction, so a retry after
 * any crash replays the same receipt and never stores a second tip. Without a key it is a plain
 * submit. Routing runs first, outside the transaction (PGlite's one connection would deadlock on it).
 * `receipt` turns the stored tip into what the caller answers and replays (it holds the secret, so
 * it is kept encrypted, for 24 hours).
 */
export async function submitTipOnce<R>(
  deps: Deps,
  input: { tip: SubmitTipInput; once?: IdempotencyInput & { status: number }; receipt: (tip: SubmittedTip) => R },
): Promise<TipOnceOutcome<R>> {
  const prepared = await prepareTip(deps, input.tip);
  // Without a key the tip joins the process's group commit (stored with whatever else arrived meanwhile).
  if (!input.once) return { state: "stored", receipt: input.receipt(await tipBatcherFor(deps).store(prepared)) };
  const { status } = input.once;
  const outcome = await runIdempotent(deps, input.once, async (tx) => ({ status, body: input.receipt(await storePreparedTip(tx, deps, prepared)) }));
  if (outcome.state === "mismatch") return { state: "mismatch" };
  return { state: outcome.replayed ? "replayed" : "stored", receipt: outcome.body };
}
