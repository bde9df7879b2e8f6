import { sql } from "drizzle-orm";
import { rows, type DbOrTx } from "../../db/client.js";
import { METRIC_CODES } from "../../domain/figures.js";
import { PACKED_LENGTH, PERIOD_RE, type StoredValues } from "./stored-values.js";

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
 * refreshed by a trigger on monthly_reports in the writer's own transaction (the `rollup`
 * migration, hand-written part). A unit answers with its row for `month`, or, when its last filed month is earlier, with the row
 * of that last month (累计数 carried forward, nothing filed for `month`): one row per unit either way.
 */
export async function unitTotals(db: DbOrTx, input: { campaignId: number; month: string; unitIds?: number[] }): Promise<UnitTotals[]> {
  if (!PERIOD_RE.test(input.month)) throw new Error(`not a month: ${input.month}`);
  if (input.unitIds && input.unitIds.length === 0) return [];
  const found = await rows<Record<string, string | number | boolean | Date | null>>(db, sql`${unitRows(input)} order by 1`);
  return found.map((r) => {
    const filed = r.filed === true || String(r.filed) === "true";
    const month = pick(r, "m_"),
      cumulative = pick(r, "c_");
    const before = Object.fromEntries(METRIC_CODES.map((c) => [c, cumulative[c] - (filed ? month[c] : 0)])) as StoredValues;
    return {
      unitId: Number(r.unit_id),
      jurisdictionCode: String(r.code),
      month: filed ? month : null,
      monthFiledAt: filed && r.filed_at ? new Date(r.filed_at as string | Date) : null,
      cumulative,
      before,
    };
  });
}

/**
 * The rows unitTotals reads: one per unit that filed up to `month` (its month's row, or its last row
 * before). `values`: the metrics as number columns, or the two jsonb documents as text (`m`, `c`).
 */
function unitRows(input: { campaignId: number; month: string; unitIds?: number[] }, values: "columns" | "documents" = "columns") {
  const onlyUnits = input.unitIds
    ? sql`and t.unit_id in (${sql.join(
        input.unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  return sql`
    select t.unit_id, u.jurisdiction_code as code, t.filed, t.filed_at, ${values === "columns" ? metricColumns(true) : sql`t.month_values::text as m, t.cumulative::text as c`}
    from figure_totals t join units u on u.id = t.unit_id
    where t.campaign_id = ${input.campaignId} and t.period = ${input.month} ${onlyUnits}
    union all
    select t.unit_id, u.jurisdiction_code, false, null, ${values === "columns" ? metricColumns(false) : sql`null, t.cumulative::text`}
    from figure_totals t join units u on u.id = t.unit_id
    where t.campaign_id = ${input.campaignId} and t.last and t.period < ${input.month} ${onlyUnits}`;
}

/** A unit's jurisdiction code with its month and 累计数 packed (see PACKED_LENGTH); what the roll-up adds up. */
export interface PackedUnitTotals {
  jurisdictionCode: string;
  filed: boolean;
  totals: Float64Array;
}

/** A jurisdiction on the way up from the units' own jurisdictions to the provinces. */
export interface TreeJurisdiction {
  code: string;
  parentCode: string | null;
  name: string;
  level: "province" | "city" | "county" | "township";
}

/**
 * unitTotals' rows (same rules, same statement shape) and the jurisdictions above their codes, in one
 * statement with two parameters. The figures come as the stored jsonb documents, parsed here: on
 * PGlite, extracting and summing 22 numbers per unit in SQL cost more than the whole walk in JS, and
 * reading the tree afterwards took a second round trip with a parameter per code.
 */
export async function unitTotalsWithAncestors(
  db: DbOrTx,
  input: { campaignId: number; month: string },
): Promise<{ units: PackedUnitTotals[]; tree: TreeJurisdiction[] }> {
  if (!PERIOD_RE.test(input.month)) throw new Error(`not a month: ${input.month}`);
  const found = await rows<{
    code: string;
    parent_code: string | null;
    name: string | null;
    level: string | null;
    filed: unknown;
    m: string | null;
    c: string | null;
  }>(
    db,
    sql`
    with recursive per_unit as (${unitRows(input, "documents")}),
    up(code) as (
      select distinct code from per_unit
      union
      select j.parent_code from jurisdictions j join up on j.code = up.code where j.parent_code is not null
    )
    select code, null as parent_code, null as name, null as level, filed, m, c from per_unit
    union all
    select j.code, j.parent_code, j.name, j.level, null, null, null from up join jurisdictions j on j.code = up.code`,
  );
  const units: PackedUnitTotals[] = [];
  const tree: TreeJurisdiction[] = [];
  for (const r of found) {
    if (r.level === null) {
      const filed = r.filed === true || String(r.filed) === "true";
      units.push({ jurisdictionCode: String(r.code), filed, totals: packDocuments(r.m, r.c) });
    } else tree.push({ code: String(r.code), parentCode: r.parent_code, name: String(r.name), level: r.level as TreeJurisdiction["level"] });
  }
  return { units, tree };
}

/** The month's and the 累计数's jsonb documents (text) as one packed array; absent keys count 0. */
function packDocuments(month: string | null, cumulative: string | null): Float64Array {
  const out = new Float64Array(PACKED_LENGTH);
  const m = month ? (JSON.parse(month) as Record<string, unknown>) : {};
  const c = cumulative ? (JSON.parse(cumulative) as Record<string, unknown>) : {};
  for (let i = 0; i < METRIC_CODES.length; i++) {
    out[i] = Number(m[METRIC_CODES[i]] ?? 0);
    out[METRIC_CODES.length + i] = Number(c[METRIC_CODES[i]] ?? 0);
  }
  return out;
}

/**
 * The metrics as plain integer columns, extracted in SQL: for unitTotals, which hands back every unit's
 * figures, 22 numbers per row parse much faster in either driver than two jsonb documents (the roll-up,
 * which only adds them up, is the other way round: see unitTotalsWithAncestors). Metric codes are our own constants, so they may be spliced in.
 */
function metricColumns(withMonth: boolean) {
  return sql.raw(
    METRIC_CODES.flatMap((c) => [
      withMonth ? `coalesce((t.month_values->>'${c}')::int8, 0)::float8 as "m_${c}"` : `0::float8 as "m_${c}"`,
      `coalesce((t.cumulative->>'${c}')::int8, 0)::float8 as "c_${c}"`,
    ]).join(", "),
  );
}

const MONTH_COLUMNS = METRIC_CODES.map((c) => `m_${c}`);
const CUMULATIVE_COLUMNS = METRIC_CODES.map((c) => `c_${c}`);

function pick(row: Record<string, unknown>, prefix: "m_" | "c_"): StoredValues {
  const columns = prefix === "m_" ? MONTH_COLUMNS : CUMULATIVE_COLUMNS;
  const out = {} as StoredValues;
  for (let i = 0; i < METRIC_CODES.length; i++) out[METRIC_CODES[i]] = Number(row[columns[i]] ?? 0);
  return out;
}
