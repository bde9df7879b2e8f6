import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "../../db/client.js";
import { METRIC_CODES, type Figures } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { addStored, fromStored, PERIOD_RE, zeroStored, type StoredValues } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";

export const rollupInput = z.object({ campaignId: z.number().int().positive(), month: z.string().regex(PERIOD_RE) });

export interface JurisdictionTotals {
  code: string;
  name: string;
  level: "province" | "city" | "county" | "township";
  parentCode: string | null;
  /** Units under this jurisdiction that filed the month. */
  unitsReporting: number;
  month: Figures;
  /** Since the campaign began, up to and including the month. */
  cumulative: Figures;
}

const LEVEL_ORDER = { province: 0, city: 1, county: 2, township: 3 } as const;

/**
 * 汇总: each unit's current version added to its own jurisdiction and every ancestor (township units
 * and county departments → county → city → province). Sums run in SQL per jurisdiction of filing
 * units; the tree walk then touches a few hundred rows at most, whatever the number of reports.
 */
export async function rollupFigures(deps: Pick<Deps, "db">, raw: z.input<typeof rollupInput>): Promise<JurisdictionTotals[]> {
  const input = parseFiguresInput(rollupInput, raw);
  // Metric codes are our own constants, so they may be spliced in as SQL identifiers and literals.
  const monthSums = METRIC_CODES.map((c) =>
    sql`coalesce(sum((r."values"->>${sql.raw(`'${c}'`)})::bigint) filter (where r.period = ${input.month}), 0) as ${sql.raw(`"m_${c}"`)}`);
  const cumSums = METRIC_CODES.map((c) => sql.raw(`coalesce(sum((r."values"->>'${c}')::bigint), 0) as "c_${c}"`));
  const grouped = await rows<Record<string, string | number>>(deps.db, sql`
    select u.jurisdiction_code as code,
      count(distinct r.unit_id) filter (where r.period = ${input.month}) as reporting,
      ${sql.join([...monthSums, ...cumSums], sql`, `)}
    from monthly_reports r join units u on u.id = r.unit_id
    where r.campaign_id = ${input.campaignId} and r.current and r.period <= ${input.month}
    group by u.jurisdiction_code`);
  if (grouped.length === 0) return [];

  const tree = await rows<{ code: string; parent_code: string | null; name: string; level: JurisdictionTotals["level"] }>(deps.db, sql`
    with recursive up as (
      select code, parent_code, name, level from jurisdictions where code in (${sql.join(grouped.map((g) => sql`${String(g.code)}`), sql`, `)})
      union
      select j.code, j.parent_code, j.name, j.level from jurisdictions j join up on j.code = up.parent_code
    ) select * from up`);
  const byCode = new Map(tree.map((j) => [j.code, j]));
  const totals = new Map<string, { reporting: number; month: StoredValues; cumulative: StoredValues }>();
  for (const g of grouped) {
    const month = pick(g, "m_"), cumulative = pick(g, "c_");
    for (let j = byCode.get(String(g.code)); j; j = j.parent_code ? byCode.get(j.parent_code) : undefined) {
      const t = totals.get(j.code) ?? { reporting: 0, month: zeroStored(), cumulative: zeroStored() };
      t.reporting += Number(g.reporting);
      addStored(t.month, month);
      addStored(t.cumulative, cumulative);
      totals.set(j.code, t);
    }
  }
  return [...totals.entries()].map(([code, t]) => {
    const j = byCode.get(code)!;
    return { code, name: j.name, level: j.level, parentCode: j.parent_code, unitsReporting: t.reporting, month: fromStored(t.month), cumulative: fromStored(t.cumulative) };
  }).sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
}

function pick(row: Record<string, string | number>, prefix: string): StoredValues {
  return Object.fromEntries(METRIC_CODES.map((c) => [c, Number(row[`${prefix}${c}`] ?? 0)])) as StoredValues;
}
