import { sql } from "drizzle-orm";
import { rows, type DbOrTx } from "../../db/client.js";
import type { Assignee } from "../../domain/campaign-templates.js";

export const assigneeKey = (a: Assignee) => `${a.level}:${a.kind}`;

/**
 * Resolve relative assignees to active units under the issuing jurisdiction: "issuer" means units at
 * the issuing jurisdiction itself; "city" / "county" / "township" mean units at descendants of that
 * level (walking parent links, not code prefixes, which break for directly administered counties).
 */
export async function resolveAssignees(db: DbOrTx, issuerCode: string, assignees: Assignee[]): Promise<Map<string, number[]>> {
  const found = await rows<{ id: number; kind: string; level: string; code: string }>(
    db,
    sql`
    with recursive sub(code, level) as (
      select code, level from jurisdictions where code = ${issuerCode}
      union all
      select j.code, j.level from jurisdictions j join sub on j.parent_code = sub.code
    )
    select u.id, u.kind, sub.level, sub.code from units u join sub on u.jurisdiction_code = sub.code
    where u.active order by u.id`,
  );
  const out = new Map<string, number[]>();
  for (const a of assignees) {
    const key = assigneeKey(a);
    if (out.has(key)) continue;
    out.set(
      key,
      found
        .filter((u) => u.kind === a.kind && (a.level === "issuer" ? u.code === issuerCode : u.code !== issuerCode && u.level === a.level))
        .map((u) => Number(u.id)),
    );
  }
  return out;
}
