import { z } from "zod";
import type { RouteModel } from "../../domain/classify/learned.js";
import { resolvePlace } from "../../domain/places/index.js";
import { decideRoute } from "../../domain/routing/decide.js";
import type { RouteDecision } from "../../domain/routing/types.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { TIP_CHANNELS } from "../../domain/tip-channels.js";
import { computeTipDeadlines, DEFAULT_TIP_DEADLINE_RULES, type TipDeadlineRules, type TipDeadlines } from "../../domain/deadlines.js";
import type { Config } from "../../config.js";
import type { Deps } from "../deps.js";
import { findEnterprise } from "../enterprises/find-enterprise.js";
import { routingSnapshot } from "./routing-cache.js";
import { committedRouteModel, readTip } from "./route-model.js";

export const routeTipInput = z.object({
  text: z.string().max(10_000).default(""),
  place: z.string().max(200).optional(),
  jurisdictionCode: z.string().max(12).optional(),
  location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  enterprise: z.string().max(200).optional(),
  creditCode: z.string().max(40).optional(),
  sector: z.enum(SECTOR_CODES).optional(),
  urgent: z.boolean().optional(),
  receivedAt: z.date().optional(),
  /** Where the tip came in: the learned layer's urgent threshold is per channel (a web form is rarely urgent). */
  channel: z.enum(TIP_CHANNELS).optional(),
});
export type RouteTipInput = z.input<typeof routeTipInput>;

export interface RoutedTip extends RouteDecision {
  deadlines: TipDeadlines;
}

/** Where the province-wide fallback lands when no place can be recognised (manual triage). */
export const DEFAULT_JURISDICTION = "450000";

export interface RouteTipOptions {
  /** The learned model over the rules; null: the rules alone. Default: the committed model. */
  model?: RouteModel | null;
}

/** Sector, place, enterprise, tier and unit for one tip, with the explanation and the deadlines. */
export async function routeTip(deps: Pick<Deps, "db" | "database" | "clock" | "config">, raw: RouteTipInput, opts: RouteTipOptions = {}): Promise<RoutedTip> {
  const input = routeTipInput.parse(raw);
  const snapshot = await routingSnapshot(deps);
  const lookup = await findEnterprise(deps, { name: input.enterprise, creditCode: input.creditCode, text: input.text });
  // Rules staff accepted from their corrections: a term counts strongly for its sector, and so does a known enterprise.
  const enterpriseSector = lookup.enterprise ? snapshot.enterpriseSectors.get(lookup.enterprise.id) : undefined;
  const reading = readTip(
    snapshot,
    { text: input.text, enterprise: input.enterprise, enterpriseSector, enterpriseName: lookup.enterprise?.name, channel: input.channel },
    opts.model === undefined ? committedRouteModel() : opts.model,
  );
  const decision = decideRoute(snapshot, {
    sectorChosen: input.sector && input.sector !== "other" ? input.sector : undefined,
    classification: reading.classification,
    danger: reading.danger,
    reporterUrgent: input.urgent ?? false,
    place: resolvePlace(snapshot.placeIndex, { code: input.jurisdictionCode, place: input.place, text: input.text, location: input.location }),
    enterprise: lookup.enterprise,
    creditCodeProblem: lookup.creditCodeProblem,
    defaultJurisdiction: DEFAULT_JURISDICTION,
  });
  // decideRoute's object is this call's own: the deadlines join it as its last property, as a spread would.
  const routed = decision as RoutedTip;
  routed.deadlines = tipDeadlinesFor(deps.config, input.receivedAt ?? deps.clock(), decision.urgent);
  return routed;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const deadlineMemo = new WeakMap<object, Map<string, TipDeadlines>>();

/**
 * The deadlines depend only on the Shanghai calendar day, urgency and the configured periods, and walking the
 * holiday calendar costs more than the rest of a decision: they are computed once per (config, day, urgency)
 * and handed out as copies (a Deadline holds a mutable Date).
 */
function tipDeadlinesFor(config: Config, receivedAt: Date, urgent: boolean): TipDeadlines {
  let memo = deadlineMemo.get(config);
  if (!memo) deadlineMemo.set(config, (memo = new Map()));
  const key = `${Math.floor((receivedAt.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000)}|${urgent}`;
  let d = memo.get(key);
  if (!d) {
    if (memo.size > 64) memo.clear();
    d = computeTipDeadlines(receivedAt, tipDeadlineRules(config), undefined, urgent);
    memo.set(key, d);
  }
  return {
    receivedDate: d.receivedDate,
    acceptance: copyDeadline(d.acceptance),
    verification: copyDeadline(d.verification),
    extendedVerification: copyDeadline(d.extendedVerification),
  };
}

/**
 * Module level, not a closure per decision: tsx compiles with keepNames, so every named closure made in a call
 * costs an Object.defineProperty (__name) on the hot path.
 */
function copyDeadline(x: TipDeadlines["acceptance"]): TipDeadlines["acceptance"] {
  return { ...x, due: new Date(x.due.getTime()) };
}

/** The configured number of days per step; the other periods keep their documented defaults. */
export function tipDeadlineRules(
  config: Pick<
    Config,
    | "TIP_ACCEPTANCE_WORKING_DAYS"
    | "TIP_URGENT_ACCEPTANCE_WORKING_DAYS"
    | "TIP_VERIFICATION_DAYS"
    | "TIP_EXTENSION_DAYS"
    | "TIP_FEEDBACK_DAYS"
    | "TIP_OBJECTION_DAYS"
    | "TIP_REVIEW_START_DAYS"
  >,
): TipDeadlineRules {
  return {
    ...DEFAULT_TIP_DEADLINE_RULES,
    acceptance: { amount: config.TIP_ACCEPTANCE_WORKING_DAYS, unit: "working_days" },
    urgentAcceptance: { amount: config.TIP_URGENT_ACCEPTANCE_WORKING_DAYS, unit: "working_days" },
    verification: { amount: config.TIP_VERIFICATION_DAYS, unit: "calendar_days" },
    maxExtension: { amount: config.TIP_EXTENSION_DAYS, unit: "calendar_days" },
    feedback: { amount: config.TIP_FEEDBACK_DAYS, unit: "calendar_days" },
    objection: { amount: config.TIP_OBJECTION_DAYS, unit: "calendar_days" },
    reviewStart: { amount: config.TIP_REVIEW_START_DAYS, unit: "calendar_days" },
  };
}
