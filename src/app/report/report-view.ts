import type { AlertedUnit } from "../tips/submit-tip.js";
import type { Deps } from "../deps.js";
import { getJurisdiction } from "../places/get-jurisdiction.js";
import { listJurisdictions } from "../places/list-jurisdictions.js";
import type { ReportState } from "./report-state.js";
import type { JurisdictionLevel, Notice, Outcome } from "./report-steps.js";

/** What the bot shows after a turn: the step's prompt and what it needs. No text lives here. */
export interface ReportView {
  /** The working state, contact in clear (the review screen shows it to its own reporter). */
  state: ReportState;
  /** Shown above the prompt: why the answer was not taken, or what was just received. */
  notice?: Notice;
  /** Send the "share location" reply keyboard instead of the step's prompt. */
  askLocation?: boolean;
  /** The "share location" reply keyboard was showing and this prompt leaves it: remove it. */
  closeReplyKeyboard?: boolean;
  /** The place picker's level, at the place step. */
  level: JurisdictionLevel | null;
}

export type ReportReply =
  | { kind: "prompt"; view: ReportView }
  | { kind: "submitted"; unit: { name: string; nameEn: string | null }; urgent: boolean; alerted: AlertedUnit[]; droppedFiles: number }
  /** This chat has no report in progress. */
  | { kind: "none" }
  /** Other replicas kept winning the race for this chat: ask to send it again. */
  | { kind: "busy" };

export async function reportView(deps: Pick<Deps, "db" | "database">, before: ReportState, outcome: Omit<Outcome, "submit">): Promise<ReportView> {
  const { state } = outcome;
  return {
    state,
    notice: outcome.notice,
    askLocation: outcome.askLocation,
    closeReplyKeyboard: !!before.replyKeyboard && !state.replyKeyboard,
    level: state.step === "place" && !outcome.askLocation ? await placeLevel(deps, state.placeBrowse) : null,
  };
}

/** One level of the place pickers; null for an unknown code (a forged or stale button). */
export async function placeLevel(deps: Pick<Deps, "db" | "database">, code?: string): Promise<JurisdictionLevel | null> {
  if (!code) {
    // The pickers start at the cities (设区市) of every seeded province, not at the provinces.
    const provinces = await listJurisdictions(deps, { parentCode: null });
    const cities = await Promise.all(provinces.map((p) => listJurisdictions(deps, { parentCode: p.code })));
    return { parent: null, children: cities.flat() };
  }
  const parent = await getJurisdiction(deps, { code });
  return parent ? { parent, children: await listJurisdictions(deps, { parentCode: code }) } : null;
}
