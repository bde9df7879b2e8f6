import type { Figures, PlausibilityWarning } from "../../domain/figures.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { AppError, type Deps } from "../deps.js";
import { correctFigures } from "../figures/correct-figures.js";
import { currentReport } from "../figures/report-queries.js";
import { submitFigures } from "../figures/submit-figures.js";
import type { TxDeps } from "../with-transaction.js";
import { figuresPeriodText } from "./sms-figures-text.js";

export const SMS_FIGURES_FLOW = "sms-figures";
/** A 月报 awaiting 确认 is forgotten after this: a 确认 days later must not file figures the sender no longer has in mind. */
export const SMS_FIGURES_TTL_MS = 24 * 3_600_000;

/** What a `月报 …` SMS asked to file, held until the sender answers 确认 (warnings, a correction, or a phone of several units). */
export interface SmsFiguresState {
  liaisonId: number;
  campaignId: number;
  unitId: number;
  unitName: string;
  period: string;
  mode: "new" | "correct";
  values: Figures;
  warnings: PlausibilityWarning[];
}

export interface SmsFiguresConfirm {
  /** The liaison rows the sending phone holds now: a liaison removed since the 月报 confirms nothing. */
  liaisonIds: number[];
  /** Text after 确认: a correction's reason. */
  reason: string;
}

export type SmsFiguresOutcome = { reply: string; outcome: "figures" | "refused" | "invalid" };

/**
 * The pending 月报 of one phone, on the conversation engine: 确认 files it (a new month with submitFigures,
 * a filed one as a correction with its reason) in the engine's finish, so the figures are stored and the
 * pending state removed in one transaction; a second 确认 finds nothing to confirm.
 */
export const smsFiguresConversation: ConversationDef<SmsFiguresState, SmsFiguresConfirm, SmsFiguresOutcome> = {
  flow: SMS_FIGURES_FLOW,
  accepts: (stored, now) => stored.flow === SMS_FIGURES_FLOW && now.getTime() - stored.updatedAt.getTime() < SMS_FIGURES_TTL_MS,
  step(state, input, deps): Step<SmsFiguresState, SmsFiguresOutcome> {
    const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t("zh-CN", key, vars);
    if (!input.liaisonIds.includes(state.liaisonId)) return { kind: "end", out: { reply: t("sms-figures-not-liaison"), outcome: "refused" } };
    const reason = input.reason.trim();
    if (state.mode === "correct" && reason.length < 2) return { kind: "stay", out: { reply: t("sms-figures-reason-needed"), outcome: "invalid" } };
    return { kind: "finish", work: (tx) => fileSmsFigures(tx, state, reason) };
  },
};

/** Store what was confirmed. Filed meanwhile by someone else (desk, bot): nothing is overwritten, the sender is told. */
export async function fileSmsFigures(tx: TxDeps<Deps>, state: SmsFiguresState, reason: string): Promise<SmsFiguresOutcome> {
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t("zh-CN", key, vars);
  const key = { campaignId: state.campaignId, unitId: state.unitId, period: state.period, values: state.values, by: `liaison:${state.liaisonId}` };
  const vars = { unit: state.unitName, period: figuresPeriodText(tx.i18n, state.period) };
  if (state.mode === "new" && (await currentReport(tx.db, state))) return { reply: t("sms-figures-filed-meanwhile", vars), outcome: "refused" };
  try {
    const done = state.mode === "new" ? await submitFigures(tx, key) : await correctFigures(tx, { ...key, reason });
    if (done.version > 1) return { reply: t("sms-figures-corrected", { ...vars, version: done.version }), outcome: "figures" };
    return { reply: t("sms-figures-filed", { ...vars, late: done.late ? "yes" : "no" }), outcome: "figures" };
  } catch (err) {
    // submitFigures/correctFigures run in a savepoint of this transaction: a lost race rolls back only that.
    if (err instanceof AppError && (err.code === "conflict" || err.code === "not_found"))
      return { reply: t("sms-figures-filed-meanwhile", vars), outcome: "refused" };
    throw err;
  }
}
