import type { DbOrTx } from "../db/client.js";
import type { Deps } from "./deps.js";

const IN_TRANSACTION: unique symbol = Symbol("jubao.inTransaction");

/** Deps whose `db` is an open transaction: the only handle a unit of work may use. */
export type TxDeps<D extends Pick<Deps, "db"> = Deps> = D & { readonly [IN_TRANSACTION]: true };

export function inTransaction<D extends Pick<Deps, "db">>(deps: D): deps is TxDeps<D> {
  return (deps as { [IN_TRANSACTION]?: true })[IN_TRANSACTION] === true;
}

/**
 * Run `fn` in one transaction, handing it deps whose `db` is that transaction. Called with deps that
 * are already in a transaction, it joins it instead of opening another: a verb that is atomic on its
 * own can be composed into a larger unit of work without change.
 *
 * `fn` must use only the deps it is given. On PGlite (one connection) a query on the outer `db` while
 * the transaction is open waits for the transaction, which waits for the query: a deadlock. Passing
 * the transaction as the only `db` is what keeps verbs called inside from reaching for the outer one.
 */
export async function withTransaction<D extends Pick<Deps, "db">, T>(deps: D, fn: (tx: TxDeps<D>) => Promise<T>): Promise<T> {
  if (inTransaction(deps)) return fn(deps);
  return deps.db.transaction((tx) => fn({ ...deps, db: tx as DbOrTx, [IN_TRANSACTION]: true } as TxDeps<D>));
}
