import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { liaisons } from "../../db/schema.js";

/**
 * True when the unit has an active liaison a message can reach (a bound Telegram chat or a phone) —
 * the same test notifyUnits applies when it queues a message. `unitId` is an SQL expression that must
 * name its table: drizzle leaves columns unqualified in a one-table select, where "id" would be read as
 * the liaison's own id — hence the alias and `qualified`.
 */
export function hasReachableLiaison(unitId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${liaisons} as reach where reach.unit_id = ${unitId} and reach.active
    and (reach.telegram_chat_enc is not null or reach.phone_enc is not null))`;
}

/** "table"."column", whatever the surrounding select renders. */
export function qualified(table: "units" | "tips", column: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(column)}`;
}

/** The committee an urgent tip alerts (routing.alsoAlert), as an SQL integer; null when none. */
export const alertedCommitteeId = sql`(${qualified("tips", "routing")}->>'alsoAlert')::int`;

/** The tip's unit cannot be reached by any liaison now. */
export const unitUnreachable = sql<boolean>`not ${hasReachableLiaison(qualified("tips", "unit_id"))}`;

/** An urgent tip's committee cannot be reached by any liaison now. */
export const committeeUnreachable = sql<boolean>`(${qualified("tips", "urgent")} and ${alertedCommitteeId} is not null and not ${hasReachableLiaison(alertedCommitteeId)})`;
