import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "../../db/client.js";
import type { Figures } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { addStored, fromStored, PERIOD_RE, zeroStored, type StoredValues } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";
import { codeTotals } from "./cumulative.js";

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
 * 汇总: the units' totals (codeTotals: unitTotals, the one 累计数 query, summed per jurisdiction code in
 * SQL) added to their own jurisdiction and every ancestor (township units and county departments →
 * county → city → province). The tree walk touches one row per jurisdiction with filing units.
 */
export async function rollupFigures(deps: Pick<Deps, "db">, raw: z.input<typeof rollupInput>): Promise<JurisdictionTotals[]> {
  const input = parseFiguresInput(rollupInput, raw);
  const perCode = await codeTotals(deps.db, { campaignId: input.campaignId, month: input.month });
  if (perCode.length === 0) return [];
  const codes = perCode.map((u) => u.jurisdictionCode);

  const tree = await rows<{ code: string; parent_code: string | null; name: string; level: JurisdictionTotals["level"] }>(
    deps.db,
    sql`
    with recursive up as (
      select code, parent_code, name, level from jurisdictions where code in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})
      union
      select j.code, j.parent_code, j.name, j.level from jurisdictions j join up on j.code = up.parent_code
    ) select * from up`,
  );
  const byCode = new Map(tree.map((j) => [j.code, j]));
  const totals = new Map<string, { reporting: number; month: StoredValues; cumulative: StoredValues }>();
  for (const u of perCode) {
    for (let j = byCode.get(u.jurisdictionCode); j; j = j.parent_code ? byCode.get(j.parent_code) : undefined) {
      const t = totals.get(j.code) ?? { reporting: 0, month: zeroStored(), cumulative: zeroStored() };
      t.reporting += u.reporting;
      addStored(t.month, u.month);
      addStored(t.cumulative, u.cumulative);
      totals.set(j.code, t);
    }
  }
  return [...totals.entries()]
    .map(([code, t]) => {
      const j = byCode.get(code)!;
      return {
        code,
        name: j.name,
        level: j.level,
        parentCode: j.parent_code,
        unitsReporting: t.reporting,
        month: fromStored(t.month),
        cumulative: fromStored(t.cumulative),
      };
    })
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
}
