import type { Deps } from "../deps.js";
import { withTransaction, type TxDeps } from "../with-transaction.js";
import { clearConversation } from "./clear-conversation.js";
import { loadConversation, type StoredConversation } from "./load-conversation.js";
import { saveConversation } from "./save-conversation.js";

/**
 * A conversation's definition: its name in the `conversations` table, how to recognise a stored state
 * of its own, and one pure step. Transports (bot, SMS, desk) map what arrived to an input, call a verb
 * that runs a turn, and render the outcome; the state machine lives here, in the app.
 */
export interface ConversationDef<S, I, O, D extends Pick<Deps, "db" | "clock"> = Deps> {
  flow: string;
  /** Whether a stored state is one of ours and still alive (shape, expiry); false: treated as none. */
  accepts(stored: StoredConversation<unknown>, now: Date): boolean;
  /** One input applied to the state. Pure apart from read-only look-ups, so a lost race re-runs it. */
  step(state: S, input: I, deps: D): Promise<Step<S, O, D>> | Step<S, O, D>;
}

/** How a conversation is stored and recognised, without its step (enough to start or end one). */
export type ConversationName = Pick<ConversationDef<unknown, unknown, unknown>, "flow" | "accepts">;

/** What a step decides. */
export type Step<S, O, D extends Pick<Deps, "db"> = Deps> =
  /** Keep the new state (version-checked) and answer `out`. */
  | { kind: "save"; state: S; out: O }
  /** Nothing changed: answer `out`, write nothing. */
  | { kind: "stay"; out: O }
  /** The conversation ends with nothing stored (cancel). */
  | { kind: "end"; out: O }
  /**
   * The conversation ends by storing what it produced: the row is removed only if it still has the
   * version that was read, and `work` runs in the same transaction, so a double tap or two replicas
   * store one result, and a crash never leaves a result with its conversation still open.
   */
  | { kind: "finish"; work: (tx: TxDeps<D>) => Promise<O> };

/** A turn's result: the step's answer, "no conversation", or a conflict that retries could not settle. */
export type Turn<O> = { kind: "done"; out: O } | { kind: "none" } | { kind: "conflict" };

/** Optimistic writes lost to another replica are retried on fresh state this many times. */
const ATTEMPTS = 3;

/**
 * The one engine: load → step → version-checked save (or finish in one transaction) → on a conflict,
 * reload and apply the input to the winner's state. A conflict is a value, never a thrown error.
 */
export async function runTurn<S, I, O, D extends Pick<Deps, "db" | "clock">>(
  deps: D,
  def: ConversationDef<S, I, O, D>,
  key: string,
  input: I,
): Promise<Turn<O>> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await loadConversation<unknown>(deps, { key });
    if (!stored || !def.accepts(stored, deps.clock())) return { kind: "none" };
    const version = stored.version;
    const step = await def.step(stored.state as S, input, deps);
    switch (step.kind) {
      case "stay":
        return { kind: "done", out: step.out };
      case "save": {
        const saved = await saveConversation(deps, { key, flow: def.flow, state: step.state, expectedVersion: version });
        if (saved.ok) return { kind: "done", out: step.out };
        continue;
      }
      case "end":
        if (await clearConversation(deps, { key, expectedVersion: version })) return { kind: "done", out: step.out };
        continue;
      case "finish": {
        const done = await finishIfCurrent(deps, key, version, step.work);
        if (done.kind === "done") return done;
        continue;
      }
    }
  }
  return { kind: "conflict" };
}

/**
 * Open a conversation with its first state. `replace`: whatever the key held is overwritten (a fresh
 * /figures); otherwise an existing live conversation of this flow is kept and returned (a /report
 * while one is open resumes it).
 */
export async function startConversation<S>(
  deps: Pick<Deps, "db" | "clock">,
  def: ConversationName,
  key: string,
  state: S,
  opts: { replace: boolean },
): Promise<{ kind: "started"; state: S } | { kind: "existing"; state: S } | { kind: "conflict" }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await loadConversation<unknown>(deps, { key });
    if (stored && !opts.replace && stored.flow === def.flow && def.accepts(stored, deps.clock())) return { kind: "existing", state: stored.state as S };
    const saved = await saveConversation(deps, { key, flow: def.flow, state, expectedVersion: stored?.version ?? null });
    if (saved.ok) return { kind: "started", state };
  }
  return { kind: "conflict" };
}

/** End a conversation whatever its version (/cancel must always work). Whether there was one. */
export async function endConversation(deps: Pick<Deps, "db">, key: string): Promise<boolean> {
  return clearConversation(deps, { key });
}

class Moved extends Error {}

async function finishIfCurrent<O, D extends Pick<Deps, "db">>(deps: D, key: string, version: number, work: (tx: TxDeps<D>) => Promise<O>): Promise<Turn<O>> {
  try {
    const out = await withTransaction(deps, async (tx) => {
      if (!(await clearConversation(tx, { key, expectedVersion: version }))) throw new Moved();
      return work(tx);
    });
    return { kind: "done", out };
  } catch (err) {
    if (err instanceof Moved) return { kind: "conflict" };
    throw err;
  }
}
