import { shanghaiDate } from "../../domain/deadlines.js";
import { METRIC_CODES, type Figures, type MetricCode } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { rollupFigures, type JurisdictionTotals } from "../figures/rollup.js";
import { unitTotals } from "../figures/cumulative.js";
import { statusMatrix, type StatusMatrix } from "../figures/status-matrix.js";
import { fromStored, PERIOD_RE } from "../figures/stored-values.js";
import type { StaffActor } from "../staff/actor.js";
import { figuresDisagreement } from "../../domain/inspection-figures.js";
import { recordedFiguresByUnit } from "../inspections/recorded-figures.js";
import { campaignAccess, type CampaignAccess } from "./campaign-scope.js";

export interface CampaignFigures {
  access: CampaignAccess;
  month: string | null;
  metric: MetricCode;
  matrix: StatusMatrix;
  rollup: JurisdictionTotals[];
  /** The chosen metric for the month, one entry per unit in the matrix (0 when it has not filed). */
  perUnit: { unitId: number; name: string; value: number; filed: boolean }[];
  /** Whole-campaign export, or the actor's own unit's form, or none (committee staff seeing part of it). */
  export: { unitId?: number } | null;
  /** Units whose filed month differs from their inspection records: metric, typed, recorded. */
  disagreements: { unitId: number; name: string; code: MetricCode; typed: number; recorded: number }[];
}

/**
 * The figures dashboard for one campaign, narrowed to what the actor may see: the matrix to their
 * units, the roll-up to jurisdictions in their subtree (a unit's staff get no roll-up: a
 * jurisdiction's total includes other units' figures). A missing or malformed month falls back to
 * the latest month already begun.
 */
export async function campaignFigures(
  deps: Pick<Deps, "db" | "clock">,
  input: { actor: StaffActor; campaignId: number; month?: string; metric?: string },
): Promise<CampaignFigures> {
  const access = await campaignAccess(deps, input);
  const full = await statusMatrix(deps, { campaignId: access.campaign.id });
  const matrix = narrowMatrix(full, access.unitIds);
  const thisMonth = shanghaiDate(deps.clock()).slice(0, 7);
  // Unasked, open on the latest month anyone in scope has filed for: the current month's figures are
  // not due until next month, so defaulting to it shows a dashboard of zeros.
  const filed = (m: string) => matrix.units.some((u) => u.cells[m] === "on_time" || u.cells[m] === "late");
  const past = [...matrix.months].reverse().filter((m) => m <= thisMonth);
  const month = input.month && PERIOD_RE.test(input.month) ? input.month : (past.find(filed) ?? past[0] ?? matrix.months[0] ?? null);
  const metric = (METRIC_CODES as readonly string[]).includes(input.metric ?? "") ? (input.metric as MetricCode) : METRIC_CODES[0];

  let rollup: JurisdictionTotals[] = [];
  const values = new Map<number, Figures>();
  if (month) {
    if (access.full) rollup = await rollupFigures(deps, { campaignId: access.campaign.id, month });
    else if (access.prefix) rollup = (await rollupFigures(deps, { campaignId: access.campaign.id, month })).filter((r) => r.code.startsWith(access.prefix!));
    for (const u of await unitTotals(deps.db, { campaignId: access.campaign.id, month, unitIds: access.unitIds ?? undefined })) {
      if (u.month) values.set(u.unitId, fromStored(u.month));
    }
  }
  const perUnit = matrix.units.map((u) => ({ unitId: u.unitId, name: u.name, value: values.get(u.unitId)?.[metric] ?? 0, filed: values.has(u.unitId) }));
  const exportable = access.full ? {} : access.unitIds?.length === 1 && input.actor.unitId ? { unitId: input.actor.unitId } : null;
  const disagreements: CampaignFigures["disagreements"] = [];
  if (month && values.size) {
    const recorded = await recordedFiguresByUnit(deps.db, [...values.keys()], month);
    for (const u of matrix.units) {
      const filedValues = values.get(u.unitId);
      const rec = recorded.get(u.unitId);
      if (!filedValues || !rec) continue;
      for (const d of figuresDisagreement(filedValues, rec)) disagreements.push({ unitId: u.unitId, name: u.name, ...d });
    }
  }
  return { access, month, metric, matrix, rollup, perUnit, export: exportable, disagreements };
}

function narrowMatrix(m: StatusMatrix, unitIds: number[] | null): StatusMatrix {
  if (!unitIds) return m;
  const keep = new Set(unitIds);
  const units = m.units.filter((u) => keep.has(u.unitId));
  const counts = { on_time: 0, late: 0, missing: 0, not_yet_due: 0 };
  for (const u of units) for (const s of Object.values(u.cells)) if (s) counts[s]++;
  return { months: m.months, units, counts };
}
