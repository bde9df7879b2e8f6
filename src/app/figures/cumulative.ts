import { sql } from "drizzle-orm";
import { rows, type DbOrTx } from "../../db/client.js";
import { METRIC_CODES } from "../../domain/figures.js";
import { PERIOD_RE, type StoredValues } from "./stored-values.js";

/** One unit's month and 累计数 in one campaign, in stored units (integers). */
export interface UnitTotals {
  unitId: number;
  jurisdictionCode: string;
  /** The month's current version, or null when the unit has not filed it. */
  month: StoredValues | null;
  /** When the month's current version was filed. */
  monthFiledAt: Date | null;
  /** 累计数: the current versions of every month of the campaign up to and including `month`. */
  cumulative: StoredValues;
  /** 累计数 of the months before `month` (what a new filing for `month` is added to). */
  before: StoredValues;
}

/**
 * THE 累计数 query: the dashboard's roll-up, the 月报表 export and the review screen of a filing (bot
 * or desk) all read the totals from here, so they cannot disagree. The rules, in one place:
 * - only current versions count (a correction replaces the month's figures, it does not add to them);
 * - every filed month of the campaign up to `month` counts, whether or not its duty was later
 *   cancelled: cancelling a duty stops it being owed, it does not undo the enforcement it recorded;
 * - months after `month` never count.
 * Units that filed nothing up to `month` are absent. Sums run in SQL, one row per unit.
 */
export async function unitTotals(db: DbOrTx, input: { campaignId: number; month: string; unitIds?: number[] }): Promise<UnitTotals[]> {
  if (!PERIOD_RE.test(input.month)) throw new Error(`not a month: ${input.month}`);
  if (input.unitIds && input.unitIds.length === 0) return [];
  // Metric codes are our own constants, so they may be spliced in as SQL identifiers and literals.
  const sums = sql.join(
    METRIC_CODES.flatMap((c) => [
      sql`coalesce(sum((r."values"->>${sql.raw(`'${c}'`)})::bigint) filter (where r.period = ${input.month}), 0) as ${sql.raw(`"m_${c}"`)}`,
      sql.raw(`coalesce(sum((r."values"->>'${c}')::bigint), 0) as "c_${c}"`),
    ]),
    sql`, `,
  );
  const onlyUnits = input.unitIds
    ? sql`and r.unit_id in (${sql.join(
        input.unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const grouped = await rows<Record<string, string | number | Date | null>>(
    db,
    sql`
    select r.unit_id as unit_id, u.jurisdiction_code as code,
      count(*) filter (where r.period = ${input.month}) as filed,
      max(r.submitted_at) filter (where r.period = ${input.month}) as filed_at,
      ${sums}
    from monthly_reports r join units u on u.id = r.unit_id
    where r.campaign_id = ${input.campaignId} and r.current and r.period <= ${input.month} ${onlyUnits}
    group by r.unit_id, u.jurisdiction_code
    order by r.unit_id`,
  );
  return grouped.map((g) => {
    const month = pick(g, "m_"),
      cumulative = pick(g, "c_");
    const before = Object.fromEntries(METRIC_CODES.map((c) => [c, cumulative[c] - month[c]])) as StoredValues;
    const filed = Number(g.filed) > 0;
    return {
      unitId: Number(g.unit_id),
      jurisdictionCode: String(g.code),
      month: filed ? month : null,
      monthFiledAt: filed && g.filed_at ? new Date(g.filed_at as string | Date) : null,
      cumulative,
      before,
    };
  });
}

function pick(row: Record<string, unknown>, prefix: string): StoredValues {
  return Object.fromEntries(METRIC_CODES.map((c) => [c, Number(row[`${prefix}${c}`] ?? 0)])) as StoredValues;
}
