import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { liaisons, tips } from "../../db/schema.js";

/**
 * True when the unit has an active liaison a message can reach (a bound Telegram chat or a phone) —
 * the same test notifyUnits applies when it queues a message. `unitId` is an SQL expression.
 */
export function hasReachableLiaison(unitId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${liaisons} where ${liaisons.unitId} = ${unitId} and ${liaisons.active}
    and (${liaisons.telegramChatEnc} is not null or ${liaisons.phoneEnc} is not null))`;
}

/** The committee an urgent tip alerts (routing.alsoAlert), as an SQL integer; null when none. */
export const alertedCommitteeId = sql`(${tips.routing}->>'alsoAlert')::int`;

/** The tip's unit cannot be reached by any liaison now. */
export const unitUnreachable = sql<boolean>`not ${hasReachableLiaison(tips.unitId)}`;

/** An urgent tip's committee cannot be reached by any liaison now. */
export const committeeUnreachable = sql<boolean>`(${tips.urgent} and ${alertedCommitteeId} is not null and not ${hasReachableLiaison(alertedCommitteeId)})`;
