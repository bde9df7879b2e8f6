import { z } from "zod";
import { METRICS, type Figures, type MetricCode, type PlausibilityWarning } from "../../domain/figures.js";
import { parseFigure, type FigureResult } from "../../domain/numerals.js";
import { AppError, type Deps } from "../deps.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { correctFigures } from "../figures/correct-figures.js";
import { warningsFor } from "../figures/figures-steps.js";
import { cumulativeWith } from "../figures/get-report.js";
import { toStored } from "../figures/stored-values.js";
import { submitFigures } from "../figures/submit-figures.js";
import { deskFiguresKey, prepareDeskFigures, type DeskFiguresForm } from "./prepare-desk-figures.js";

export const fileDeskFiguresInput = deskFiguresKey.extend({
  /** What was typed per metric code, as typed: "三十五", "3500元", "1.2万". */
  texts: z.record(z.string(), z.string().max(100)),
  /** The digest of the figures the review showed; filing needs it to match what is filed now. */
  reviewed: z.string().max(400).optional(),
  confirmed: z.boolean().default(false),
  reason: z.string().max(500).optional(),
});

export type FieldProblem = Exclude<FigureResult, { ok: true }>["reason"];
export interface DeskField {
  code: MetricCode;
  text: string;
  problem?: FieldProblem;
}

export type DeskFiguresOutcome =
  | { kind: "invalid"; form: DeskFiguresForm; fields: DeskField[] }
  | {
      kind: "review";
      form: DeskFiguresForm;
      fields: DeskField[];
      values: Figures;
      cumulative: Figures;
      warnings: PlausibilityWarning[];
      digest: string;
      problem?: "changed" | "unconfirmed" | "reason_too_short" | "already_submitted";
    }
  | { kind: "filed"; form: DeskFiguresForm; version: number; late: boolean };

/**
 * The desk's monthly form, one page, two posts: the first shows the figures as parsed (the bot's
 * parseFigure), the 累计数 they make (cumulativeWith, the one query) and the plausibility warnings;
 * the second files them (submitFigures or, for a filed month, correctFigures with a reason) only if
 * they are exactly what the review showed and every warning was confirmed. Nothing is stored before.
 */
export async function fileDeskFigures(deps: Deps, actor: StaffActor, raw: z.input<typeof fileDeskFiguresInput>): Promise<DeskFiguresOutcome> {
  const parsed = fileDeskFiguresInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid figures form");
  const input = parsed.data;
  const form = await prepareDeskFigures(deps, actor, { obligationId: input.obligationId });
  const fields: DeskField[] = [];
  const values = {} as Figures;
  for (const m of METRICS) {
    const text = (input.texts[m.code] ?? "").trim();
    const r = parseFigure(text, m.kind);
    if (r.ok) values[m.code] = r.value;
    fields.push(r.ok ? { code: m.code, text } : { code: m.code, text, problem: r.reason });
  }
  if (fields.some((f) => f.problem)) return { kind: "invalid", form, fields };

  const key = { campaignId: form.obligation.campaignId, unitId: form.obligation.unitId, period: form.obligation.period };
  const stored = toStored(values);
  const digest = METRICS.map((m) => stored[m.code]).join(",");
  // The bot's rule: a warning is asked about when a metric it relates was typed (all in a first filing, the edited ones in a correction).
  const changed = METRICS.filter((m) => !form.current || stored[m.code] !== toStored(form.current.values)[m.code]).map((m) => m.code);
  const warnings = warningsFor({ values, medians: form.medians }, changed);
  const review = async (problem?: "changed" | "unconfirmed" | "reason_too_short" | "already_submitted", shown = form) => ({
    kind: "review" as const,
    form: shown,
    fields,
    values,
    cumulative: await cumulativeWith(deps, key, stored),
    warnings,
    digest,
    problem,
  });
  if (input.reviewed !== digest) return review(input.reviewed ? "changed" : undefined);
  if (warnings.length > 0 && !input.confirmed) return review("unconfirmed");
  const reason = (input.reason ?? "").trim();
  if (form.mode === "correct" && reason.length < 2) return review("reason_too_short");

  const by = actorLabel(actor);
  try {
    const done = form.mode === "new" ? await submitFigures(deps, { ...key, values, by }) : await correctFigures(deps, { ...key, values, by, reason });
    return { kind: "filed", form, version: done.version, late: done.late };
  } catch (err) {
    // Filed meanwhile (by a liaison in the bot, or a colleague): what was typed becomes a correction, with a reason.
    if (err instanceof AppError && err.code === "conflict")
      return review("already_submitted", await prepareDeskFigures(deps, actor, { obligationId: input.obligationId }));
    throw err;
  }
}
