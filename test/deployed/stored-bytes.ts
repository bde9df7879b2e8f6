import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";
import type { ServiceDb } from "../support/service.js";

/** A value that must not be stored, in the forms a careless write could leave: as is, base64 and hex of its UTF-8. */
export function forms(values: string[]): { what: string; text: string }[] {
  return values.flatMap((v) => {
    const utf8 = Buffer.from(v, "utf8");
    return [
      { what: v, text: v },
      { what: `base64 ${v}`, text: utf8.toString("base64").replace(/=+$/, "") },
      { what: `hex ${v}`, text: utf8.toString("hex") },
    ];
  });
}

/**
 * Where a stopped service's database holds any of `values`: on PGlite every file of the data directory
 * (dead row versions and the WAL included); on the server every row of `tables` as text.
 */
export async function storedOccurrences(db: ServiceDb, values: string[], tables: string[]): Promise<string[]> {
  const needles = forms(values);
  if (db.kind === "pglite") {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.isFile()) {
          const body = readFileSync(p);
          for (const n of needles) if (body.includes(Buffer.from(n.text, "utf8"))) found.push(`${p}: ${n.what}`);
        }
      }
    };
    walk(join(db.dataDir, "pglite"));
    return found;
  }
  const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const found: string[] = [];
    for (const table of tables) {
      const [row] = await sql.unsafe(`select coalesce(json_agg(t), '[]')::text as dump from ${table} t`);
      for (const n of needles) if (String(row.dump).includes(n.text)) found.push(`${table}: ${n.what}`);
    }
    return found;
  } finally {
    await sql.end();
  }
}
