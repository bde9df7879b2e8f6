import { z } from "zod";
import { historyMedians } from "../../domain/figures.js";
import type { Deps } from "../deps.js";
import { FIGURES_FLOW, figuresKey, type FiguresState } from "./figures-conversation.js";
import { startConversation } from "../conversations/engine.js";
import { figuresView, type FiguresReply } from "./figures-view.js";
import { currentReport, figuresObligationById, findFiguresObligation, liaisonUnits, unitHistory, type FiguresObligation } from "./report-queries.js";
import { fromStored, PERIOD_RE } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";
import { recordedFigures } from "../inspections/recorded-figures.js";
import { advance } from "./figures-steps.js";

export const startFiguresInput = z.object({
  chatId: z.union([z.number().int(), z.string().min(1).max(32)]),
  /** From the reminder's button. */
  obligationId: z.number().int().positive().optional(),
  /** From the "which unit?" buttons. */
  unitId: z.number().int().positive().optional(),
  /** `/figures 2018-07`: that month, open or already filed (then it is a correction). */
  period: z.string().regex(PERIOD_RE).optional(),
});
export type StartFiguresInput = z.input<typeof startFiguresInput>;

/**
 * Open the figures conversation of a liaison's chat: the reminder's obligation, or the oldest open
 * figures period of an active campaign of their unit (asking which unit if they answer for several).
 * A month already filed opens as a correction, prefilled with the current version.
 */
export async function startFigures(deps: Deps, raw: StartFiguresInput): Promise<FiguresReply> {
  const input = parseFiguresInput(startFiguresInput, raw);
  const mine = await liaisonUnits(deps, input.chatId);
  if (mine.length === 0) return { kind: "not_liaison" };
  let obligation: FiguresObligation | null;
  if (input.obligationId !== undefined) {
    obligation = await figuresObligationById(deps.db, input.obligationId);
    // Someone else's obligation id reads the same as a missing one: no probing other units.
    if (obligation && !mine.some((u) => u.unitId === obligation!.unitId)) obligation = null;
  } else {
    const unitIds = input.unitId !== undefined ? mine.filter((u) => u.unitId === input.unitId).map((u) => u.unitId) : mine.map((u) => u.unitId);
    if (input.unitId !== undefined && unitIds.length === 0) return { kind: "not_liaison" };
    if (unitIds.length > 1) return { kind: "choose_unit", units: mine.map((u) => ({ id: u.unitId, name: u.unitName })) };
    obligation = await findFiguresObligation(deps.db, unitIds, input.period);
  }
  if (!obligation || obligation.status === "cancelled" || obligation.campaignStatus !== "active") return { kind: "no_open" };

  const liaison = mine.find((u) => u.unitId === obligation!.unitId)!;
  const existing = await currentReport(deps.db, obligation);
  const history = await unitHistory(deps.db, obligation.unitId, obligation.period);
  // A month not yet filed starts from the unit's inspection records, when it has any (README "Inspection records").
  const recorded = existing ? null : await recordedFigures(deps.db, obligation.unitId, obligation.period);
  const base: FiguresState = {
    liaisonId: liaison.liaisonId,
    obligationId: obligation.id,
    campaignId: obligation.campaignId,
    unitId: obligation.unitId,
    unitName: obligation.unitName,
    period: obligation.period,
    mode: existing ? "correct" : "new",
    values: existing ? fromStored(existing.values) : {},
    lastMonth: history.lastMonth,
    medians: historyMedians(history.months),
    step: existing ? { kind: "review" } : { kind: "metric", index: 0 },
  };
  const state: FiguresState = recorded ? advance({ ...base, values: recorded, prefilled: true }) : base;
  // A fresh start replaces whatever figures conversation the chat had.
  const started = await startConversation(deps, FIGURES_FLOW, figuresKey(deps, input.chatId), state, { replace: true });
  if (started.kind === "conflict") return { kind: "conflict" };
  return figuresView(deps, state);
}
