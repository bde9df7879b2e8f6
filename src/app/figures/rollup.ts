import { z } from "zod";
import { METRIC_CODES, type Figures } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { fromPacked, PACKED_LENGTH, PERIOD_RE } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";
import { unitTotalsWithAncestors } from "./cumulative.js";

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
 * 汇总: every unit's month and 累计数 (unitTotals' rows: the one 累计数 query's rules) added to its own
 * jurisdiction and every ancestor (township units and county departments → county → city → province).
 * The units and the tree above them come in one statement; the walk adds packed arrays, a few per unit.
 */
export async function rollupFigures(deps: Pick<Deps, "db">, raw: z.input<typeof rollupInput>): Promise<JurisdictionTotals[]> {
  const input = parseFiguresInput(rollupInput, raw);
  const { units, tree } = await unitTotalsWithAncestors(deps.db, { campaignId: input.campaignId, month: input.month });
  const nodes = new Map(tree.map((j) => [j.code, { j, reporting: 0, sums: null as Float64Array | null }]));
  for (const u of units) {
    for (let n = nodes.get(u.jurisdictionCode); n; n = n.j.parentCode ? nodes.get(n.j.parentCode) : undefined) {
      if (u.filed) n.reporting++;
      const sums = (n.sums ??= new Float64Array(PACKED_LENGTH));
      for (let i = 0; i < PACKED_LENGTH; i++) sums[i] += u.totals[i];
    }
  }
  const out: JurisdictionTotals[] = [];
  for (const { j, reporting, sums } of nodes.values()) {
    if (!sums) continue;
    out.push({
      code: j.code,
      name: j.name,
      level: j.level,
      parentCode: j.parentCode,
      unitsReporting: reporting,
      month: fromPacked(sums, 0),
      cumulative: fromPacked(sums, METRIC_CODES.length),
    });
  }
  return out.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code));
}
