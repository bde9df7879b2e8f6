import { createDb, type Database } from "../../src/db/client.js";
import { openTestDb, type DbKind } from "../support/db.js";

/**
 * A database that is down: a closed PGlite, or a PostgreSQL URL where nothing listens (connection
 * refused). Closing a live postgres.js pool and querying it instead leaves an unhandled rejection
 * inside postgres.js itself, which is not what these tests are about.
 */
export async function unreachableDb(kind: DbKind): Promise<Database> {
  if (kind === "postgres") return createDb({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/jubao_down", DATA_DIR: "" }, { max: 1 });
  const gone = await openTestDb(kind);
  await gone.close();
  return gone;
}
