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
 * Units that filed nothing up to `month` are absent.
 *
 * The sums are kept, not computed here: figure_totals holds each unit's 本月数 and 累计数 per month,
 * refreshed by a trigger on monthly_reports in the writer's own transaction (migration 0018, hand-written
 * part). A unit answers with its row for `month`, or, when its last filed month is earlier, with the row
 * of that last month (累计数 carried forward, nothing filed for `month`): one row per unit either way.
 */
export async function unitTotals(db: DbOrTx, input: { campaignId: number; month: string; unitIds?: number[] }): Promise<UnitTotals[]> {
  if (!PERIOD_RE.test(input.month)) throw new Error(`not a month: ${input.month}`);
  if (input.unitIds && input.unitIds.length === 0) return [];
  const onlyUnits = input.unitIds
    ? sql`and t.unit_id in (${sql.join(
        input.unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const found = await rows<{
    unit_id: number;
    code: string;
    period: string;
    filed: boolean;
    month_values: unknown;
    cumulative: unknown;
    filed_at: string | Date | null;
  }>(
    db,
    sql`
    select t.unit_id, u.jurisdiction_code as code, t.period, t.filed, t.month_values, t.cumulative, t.filed_at
    from figure_totals t join units u on u.id = t.unit_id
    where t.campaign_id = ${input.campaignId} and t.period = ${input.month} ${onlyUnits}
    union all
    select t.unit_id, u.jurisdiction_code, t.period, false, '{}'::jsonb, t.cumulative, null
    from figure_totals t join units u on u.id = t.unit_id
    where t.campaign_id = ${input.campaignId} and t.last and t.period < ${input.month} ${onlyUnits}
    order by 1`,
  );
  return found.map((r) => {
    const filed = r.filed === true || String(r.filed) === "true";
    const month = stored(r.month_values),
      cumulative = stored(r.cumulative);
    const before = Object.fromEntries(METRIC_CODES.map((c) => [c, cumulative[c] - (filed ? month[c] : 0)])) as StoredValues;
    return {
      unitId: Number(r.unit_id),
      jurisdictionCode: String(r.code),
      month: filed ? month : null,
      monthFiledAt: filed && r.filed_at ? new Date(r.filed_at) : null,
      cumulative,
      before,
    };
  });
}

/** jsonb of stored units as read by either driver (an object, or its text). Missing metrics are 0. */
function stored(value: unknown): StoredValues {
  const v = (typeof value === "string" ? JSON.parse(value) : (value ?? {})) as Record<string, unknown>;
  return Object.fromEntries(METRIC_CODES.map((c) => [c, Number(v[c] ?? 0)])) as StoredValues;
}
