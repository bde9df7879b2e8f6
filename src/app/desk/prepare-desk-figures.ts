import { z } from "zod";
import { historyMedians, type Figures, type MetricCode } from "../../domain/figures.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { currentReport, figuresObligationById, unitHistory } from "../figures/report-queries.js";
import { fromStored } from "../figures/stored-values.js";
import { deskUnitId } from "./desk-unit.js";
import { recordedFigures } from "../inspections/recorded-figures.js";

export const deskFiguresKey = z.object({ obligationId: z.number().int().positive().max(2_147_483_647) });

export interface DeskFiguresForm {
  obligation: { id: number; campaignId: number; unitId: number; unitName: string; period: string; dueOn: string };
  /** "correct" once the month has a current version: the next filing is a correction with a reason. */
  mode: "new" | "correct";
  current: { version: number; values: Figures } | null;
  lastMonth: Figures | null;
  medians: Partial<Record<MetricCode, number>>;
  /** The month as the unit's inspection records give it (null: no records); pre-fills a first filing. */
  recorded: Partial<Figures> | null;
}

/**
 * The monthly form of one figures duty, as the bot's startFigures sees it: the month's current version
 * (then it is a correction), last month's figures and the unit's medians for the plausibility check.
 * Another unit's duty, a cancelled one or one of a closed campaign reads as missing.
 */
export async function prepareDeskFigures(deps: Deps, actor: StaffActor, raw: z.input<typeof deskFiguresKey>): Promise<DeskFiguresForm> {
  const unitId = deskUnitId(actor);
  const parsed = deskFiguresKey.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid duty");
  const o = await figuresObligationById(deps.db, parsed.data.obligationId);
  if (!o || o.unitId !== unitId || o.status === "cancelled" || o.campaignStatus !== "active")
    throw new AppError("not_found", "no such figures duty for this unit");
  const existing = await currentReport(deps.db, o);
  const history = await unitHistory(deps.db, o.unitId, o.period);
  return {
    obligation: { id: o.id, campaignId: o.campaignId, unitId: o.unitId, unitName: o.unitName, period: o.period, dueOn: o.dueOn },
    mode: existing ? "correct" : "new",
    current: existing ? { version: existing.version, values: fromStored(existing.values) } : null,
    lastMonth: history.lastMonth,
    medians: historyMedians(history.months),
    recorded: await recordedFigures(deps.db, o.unitId, o.period),
  };
}
