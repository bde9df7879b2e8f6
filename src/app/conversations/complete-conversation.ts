import { AppError, type Deps } from "../deps.js";
import { clearConversation } from "./clear-conversation.js";

export type CompleteResult<T> = { ok: true; value: T } | { ok: false; reason: "conflict" };

/**
 * Finish a conversation and store what it produced in ONE transaction: the row is removed only if it
 * still has the version that was read, and `work` runs in the same transaction (it receives deps whose
 * `db` is that transaction). So a double-tapped "submit", or two replicas handling it at once, store
 * one result; and a crash can never leave a stored result with its conversation still open (which a
 * retry would store twice), nor a removed conversation without its result.
 *
 * `work` must use only the deps it is given: on PGlite the outer db inside the transaction deadlocks.
 */
export async function completeConversation<T>(
  deps: Deps,
  input: { key: string; expectedVersion: number },
  work: (txDeps: Deps) => Promise<T>,
): Promise<CompleteResult<T>> {
  try {
    const value = await deps.db.transaction(async (tx) => {
      const txDeps: Deps = { ...deps, db: tx as unknown as Deps["db"] };
      if (!(await clearConversation(txDeps, input))) throw new ConversationMoved();
      return work(txDeps);
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ConversationMoved) return { ok: false, reason: "conflict" };
    throw err;
  }
}

/** Internal: aborts the transaction when another update already finished or changed the conversation. */
class ConversationMoved extends AppError {
  constructor() {
    super("conflict", "conversation changed");
  }
}
