import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client.js";

/**
 * Fixed SQL text with `$n` parameters, run straight on the driver under a drizzle handle: for hot paths
 * (the tip commit) where drizzle's query building cost more CPU than the database did. The handle may be
 * the database or an open transaction: its session's client is the pool or the transaction's connection
 * (postgres.js), the PGlite instance or its transaction — so a statement run here is inside the caller's
 * transaction exactly as a drizzle query on `tx` would be.
 *
 * Parameters must be what drizzle itself hands the driver (insertRows maps them the same way): ISO
 * strings for timestamps and JSON text for jsonb (drizzle's postgres.js driver makes both serialisers
 * transparent), Uint8Array for bytea. On the server every parameter goes untyped (see `untyped`), so each
 * must stand where PostgreSQL can type it: a column of an insert, a comparison with a column, or a cast.
 * Results come back as the driver parses them, with drizzle's transparent timestamp parsers: select only
 * columns whose driver value is the value you want.
 */
interface PostgresJsClient {
  unsafe(text: string, params: unknown[], opts: { prepare: boolean }): Promise<unknown[]>;
  typed(value: unknown, type: number): unknown;
}
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A value postgres.js would type by its JS kind (bytea for a Uint8Array, boolean, timestamptz for a Date)
 * sent with no type instead, as it sends a null. postgres.js keys its prepared statements by the text AND
 * those types, so the same text with bytes in a row where the last batch had a null was another statement:
 * one more round trip (it describes a new statement before binding it), one more parse on the server and
 * one more statement kept by both, for every combination of nulls in a batch. Untyped, PostgreSQL types
 * each parameter from its column (or cast) when the statement is described, and postgres.js serialises
 * the value by that type: the bytes sent are the same, and there is one statement per text.
 */
function untyped(client: PostgresJsClient, value: unknown): unknown {
  return value instanceof Uint8Array || typeof value === "boolean" || value instanceof Date ? client.typed(value, 0) : value;
}

export async function rawRows<T>(db: DbOrTx, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client;
  // Prepared on the server: parsed and planned once per connection and text, so texts are fixed per shape.
  if ("unsafe" in client)
    return (await client.unsafe(
      text,
      params.map((p) => untyped(client, p)),
      { prepare: true },
    )) as T[];
  return (await client.query(text, params)).rows as T[];
}

/** `($1, $2), ($3, $4)` for `rows` rows of `width` parameters, numbered from `first`. */
export function valuesList(width: number, rows: number, first = 1): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(`$${first + r * width + c}`);
    out.push(`(${cells.join(", ")})`);
  }
  return out.join(", ");
}

export interface RawStatement {
  text: string;
  params: unknown[];
}

/**
 * Several inserts as ONE statement: each part a data-modifying CTE named by its key (parts may read
 * earlier ones), then `final` (a select, which may read them). One statement is atomic on its own — all
 * parts or none — so outside a transaction it needs no BEGIN and COMMIT: one round trip, one write.
 * Each part's parameters must be numbered after the previous parts' (insertRows' `first`).
 */
export function withInserts(parts: [name: string, part: RawStatement][], final: string): RawStatement {
  return {
    text: `with ${parts.map(([name, p]) => `${name} as (${p.text})`).join(",\n")}\n${final}`,
    params: parts.flatMap(([, p]) => p.params),
  };
}

const insertTexts = new Map<string, string>();
const tableColumns = new WeakMap<PgTable, Record<string, PgColumn>>();

/**
 * A multi-row INSERT of `rows` (drizzle insert objects, every row with the same keys) into `table`,
 * followed by `tail` (`on conflict do nothing returning …`). The text is built once per table, key set,
 * row count and tail; the parameters are mapped by each column's own mapToDriverValue, as drizzle's
 * insert does, so the row stored is the one `db.insert(table).values(rows)` stores. A key absent from
 * every row takes the column's default; a value left `undefined` is refused rather than guessed.
 * Parameters are numbered from `first`, so the insert can be one part of a larger statement (withInserts).
 */
export function insertRows<T extends PgTable>(table: T, rows: T["$inferInsert"][], tail = "", first = 1): RawStatement {
  let columns = tableColumns.get(table);
  if (!columns) tableColumns.set(table, (columns = getTableColumns(table) as Record<string, PgColumn>));
  const keys = Object.keys(rows[0]);
  const params: unknown[] = [];
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    if (Object.keys(values).length !== keys.length) throw new Error(`insertRows(${getTableName(table)}): rows differ in their keys`);
    for (const key of keys) {
      const value = values[key];
      if (value === undefined) throw new Error(`insertRows(${getTableName(table)}): ${key} is undefined`);
      params.push(value === null ? null : columns[key].mapToDriverValue(value));
    }
  }
  const cacheKey = `${getTableName(table)}|${keys.join(",")}|${rows.length}|${tail}|${first}`;
  let text = insertTexts.get(cacheKey);
  if (text === undefined) {
    const names = keys.map((k) => {
      if (!columns[k]) throw new Error(`insertRows(${getTableName(table)}): no column ${k}`);
      return `"${columns[k].name}"`;
    });
    text = `insert into "${getTableName(table)}" (${names.join(", ")}) values ${valuesList(keys.length, rows.length, first)} ${tail}`.trimEnd();
    // Shapes are few (row counts up to a batch); the bound only guards against a caller that varies forever.
    if (insertTexts.size >= 2_000) insertTexts.clear();
    insertTexts.set(cacheKey, text);
  }
  return { text, params };
}
