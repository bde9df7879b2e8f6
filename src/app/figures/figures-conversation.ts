import type { Figures, MetricCode, PlausibilityWarning } from "../../domain/figures.js";
import { chatKey } from "../chat/chat-locale.js";
import type { Deps } from "../deps.js";

export type FiguresStep =
  | { kind: "metric"; index: number }
  /** `index`: the one metric just answered (edit re-asks it); null after a whole-form message. */
  | { kind: "warn"; index: number | null; warnings: PlausibilityWarning[] }
  | { kind: "choose_line" }
  | { kind: "review" }
  | { kind: "reason" };

export interface FiguresState {
  liaisonId: number;
  obligationId: number;
  campaignId: number;
  unitId: number;
  unitName: string;
  period: string;
  /** "correct": the month is already filed; submitting makes a new version and needs a reason. */
  mode: "new" | "correct";
  values: Partial<Figures>;
  /** Read once at the start: the conversation shows them on every question. */
  lastMonth: Figures | null;
  medians: Partial<Record<MetricCode, number>>;
  step: FiguresStep;
  /** Pre-filled from the unit's inspection records of the month (the review then takes "确认"/"confirm"). */
  prefilled?: boolean;
}

const FLOW = "figures";
/** One figures conversation per chat, beside (not instead of) a chat's tip conversation. */
export const figuresKey = (deps: Pick<Deps, "crypto">, chatId: number | string) => `${FLOW}:${chatKey(deps, chatId)}`;

export function isFiguresState(state: unknown): state is FiguresState {
  const s = state as Partial<FiguresState> | null;
  return !!s && typeof s === "object" && typeof s.obligationId === "number" && typeof s.period === "string" && !!s.step && typeof s.values === "object";
}

/** Name and recognition of the figures conversation; its step is in record-figure-answer.ts. */
export const FIGURES_FLOW = { flow: FLOW, accepts: (stored: { flow: string; state: unknown }) => stored.flow === FLOW && isFiguresState(stored.state) };
