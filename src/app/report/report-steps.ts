import type { JurisdictionChoice } from "../places/list-jurisdictions.js";
import type { JurisdictionDetail } from "../places/get-jurisdiction.js";
import {
  ATTACHMENT_TYPES,
  checkTipText,
  cleanText,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_TIP,
  MAX_TIP_TEXT,
  MIN_TIP_TEXT,
  textLength,
} from "../../domain/tip-input.js";
import { findCreditCodes, validateCreditCode } from "../../domain/credit-code.js";
import { isSectorCode } from "../../domain/sectors.js";
import { EDITABLE, nextStep, previousStep, type FileRef, type ReportState, type ReportStep } from "./report-state.js";

export type ReportInput =
  /** `closesLocation`: the text is the location keyboard's own "don't share" button (the transport knows its label). */
  | { kind: "text"; text: string; closesLocation?: boolean }
  | { kind: "button"; step: ReportStep; action: string; arg?: string }
  | { kind: "location"; lat: number; lon: number }
  | { kind: "file"; file: FileRef }
  | { kind: "back" }
  /** A sticker, voice note, video…: answered with a hint, never an error. */
  | { kind: "other" };

export interface Notice {
  key: string;
  vars?: Record<string, string | number>;
}

export interface Outcome {
  state: ReportState;
  /** Shown above the prompt: why the answer was not taken, or what was just received. */
  notice?: Notice;
  /** Send the "share location" reply keyboard instead of the step's prompt. */
  askLocation?: boolean;
  /** The reporter confirmed the review screen: the caller stores the tip. */
  submit?: boolean;
}

/** What a place keyboard shows: the jurisdiction being browsed (null at the top, the cities) and its children. */
export interface JurisdictionLevel {
  parent: JurisdictionDetail | null;
  children: JurisdictionChoice[];
}

export interface TransitionEnv {
  /** One level of the place pickers; null for an unknown code (a forged or stale button). */
  level(parentCode?: string): Promise<JurisdictionLevel | null>;
  /** The text without any receipt secret it carries: a draft is stored, and a secret never may be. */
  withoutReceiptSecrets(text: string): Promise<string>;
}

const MAX_PLACE_TEXT = 200;
const MAX_ENTERPRISE_TEXT = 200;

/** Apply one input to the state. Pure apart from jurisdiction look-ups, so a lost optimistic race can simply re-run it. */
export async function applyInput(env: TransitionEnv, state: ReportState, input: ReportInput): Promise<Outcome> {
  if (input.kind === "back") return goBack(state);
  if (input.kind === "other") return { state, notice: { key: "report-unsupported-message" } };
  if (input.kind === "button") {
    if (input.step !== state.step) return { state, notice: { key: "report-stale-button" } };
    if (input.action === "back") return goBack(state);
  }
  switch (state.step) {
    case "sector":
      return onSector(state, input);
    case "place":
      return onPlace(env, state, input);
    case "enterprise":
      return onEnterprise(state, input);
    case "text":
      return onText(env, state, input);
    case "files":
      return onFiles(state, input);
    case "urgent":
      return onChoice(state, input, { yes: { urgent: true }, no: { urgent: false } });
    case "contact":
      return onChoice(state, input, { anon: { anonymous: true, contact: undefined, consent: false }, contact: { anonymous: false } });
    case "contact_value":
      return onContactValue(state, input);
    case "consent":
      return onChoice(state, input, { yes: { consent: true }, no: { consent: false } });
    case "review":
      return onReview(state, input);
  }
}

function advance(state: ReportState, patch: Partial<ReportState>): Outcome {
  const merged = { ...state, ...patch, placeBrowse: undefined, replyKeyboard: undefined };
  const step = nextStep(merged, state.step);
  return { state: { ...merged, step, editing: step === "review" ? false : merged.editing } };
}

function goBack(state: ReportState): Outcome {
  const prev = previousStep(state);
  if (!prev) return { state, notice: { key: "report-first-step" } };
  return { state: { ...state, step: prev, editing: prev === "review" ? false : state.editing, placeBrowse: undefined, replyKeyboard: undefined } };
}

const hint = (state: ReportState, key = "report-hint-buttons"): Outcome => ({ state, notice: { key } });

function onSector(state: ReportState, input: ReportInput): Outcome {
  if (input.kind !== "button") return hint(state);
  if (input.action === "unsure" || isSectorCode(input.action)) return advance(state, { sector: input.action as ReportState["sector"] });
  return hint(state);
}

async function onPlace(env: TransitionEnv, state: ReportState, input: ReportInput): Promise<Outcome> {
  if (input.kind === "location") {
    return advance(state, { place: { location: { lat: input.lat, lon: input.lon } } });
  }
  if (input.kind === "text") {
    if (input.closesLocation) return { state: { ...state, replyKeyboard: undefined } };
    const text = cleanText(input.text);
    if (!text || text.startsWith("/")) return hint(state, "report-place-hint");
    if (text.length > MAX_PLACE_TEXT) return { state, notice: { key: "report-too-long", vars: { max: MAX_PLACE_TEXT } } };
    return advance(state, { place: { text } });
  }
  if (input.kind !== "button") return hint(state, "report-place-hint");
  switch (input.action) {
    case "skip":
      return advance(state, { place: null });
    case "loc":
      return { state: { ...state, replyKeyboard: true }, askLocation: true };
    case "up": {
      const here = state.placeBrowse ? await env.level(state.placeBrowse) : null;
      const parent = here?.parent?.level === "city" ? undefined : (here?.parent?.parentCode ?? undefined);
      return { state: { ...state, placeBrowse: parent } };
    }
    case "go":
    case "ok": {
      const level = input.arg ? await env.level(input.arg) : null;
      if (!level?.parent) return { state, notice: { key: "report-stale-button" } };
      if (input.action === "go" && level.children.length > 0) return { state: { ...state, placeBrowse: level.parent.code } };
      return advance(state, { place: { code: level.parent.code, label: level.parent.fullName } });
    }
    default:
      return hint(state, "report-place-hint");
  }
}

function onEnterprise(state: ReportState, input: ReportInput): Outcome {
  if (input.kind === "button" && input.action === "skip") return advance(state, { enterprise: null });
  if (input.kind !== "text") return hint(state, "report-enterprise-hint");
  const text = cleanText(input.text);
  if (!text || text.startsWith("/")) return hint(state, "report-enterprise-hint");
  if (text.length > MAX_ENTERPRISE_TEXT) return { state, notice: { key: "report-too-long", vars: { max: MAX_ENTERPRISE_TEXT } } };
  const [candidate] = findCreditCodes(text);
  if (!candidate) return advance(state, { enterprise: { name: text } });
  const checked = validateCreditCode(candidate);
  // A mistyped code could name a different, real enterprise: ask again rather than guess.
  if (!checked.ok) return { state, notice: { key: "report-credit-code-invalid", vars: { code: candidate } } };
  const name = cleanText(text.normalize("NFKC").replace(new RegExp(candidate, "i"), " "));
  return advance(state, { enterprise: { creditCode: checked.code, ...(name ? { name } : {}) } });
}

async function onText(env: TransitionEnv, state: ReportState, input: ReportInput): Promise<Outcome> {
  if (input.kind !== "text") return hint(state, "report-text-hint");
  const text = await env.withoutReceiptSecrets(cleanText(input.text));
  if (text.startsWith("/")) return hint(state, "report-text-hint");
  // Same bounds as submitTip (the one policy), so that a description accepted here is never refused at submit.
  const problem = checkTipText(text);
  if (problem === "too_short") return { state, notice: { key: "report-text-too-short", vars: { count: textLength(text), min: MIN_TIP_TEXT } } };
  if (problem === "too_long") return { state, notice: { key: "report-too-long", vars: { max: MAX_TIP_TEXT } } };
  return advance(state, { text });
}

function onFiles(state: ReportState, input: ReportInput): Outcome {
  if (input.kind === "button" && input.action === "done") return advance(state, {});
  if (input.kind !== "file") return hint(state, "report-files-hint");
  const { file } = input;
  if (state.files.length >= MAX_ATTACHMENTS_PER_TIP) return { state, notice: { key: "report-file-too-many", vars: { max: MAX_ATTACHMENTS_PER_TIP } } };
  // Refused now rather than at submit: the media sanitiser keeps at most MAX_ATTACHMENT_BYTES per file.
  if (file.size !== undefined && file.size > MAX_ATTACHMENT_BYTES)
    return { state, notice: { key: "report-file-too-large", vars: { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 } } };
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.mimeType)) return { state, notice: { key: "report-file-unsupported" } };
  if (state.files.some((f) => f.fileId === file.fileId)) return { state };
  return { state: { ...state, files: [...state.files, file] } };
}

function onChoice(state: ReportState, input: ReportInput, choices: Record<string, Partial<ReportState>>): Outcome {
  if (input.kind !== "button" || !Object.hasOwn(choices, input.action)) return hint(state);
  return advance(state, choices[input.action]);
}

function onContactValue(state: ReportState, input: ReportInput): Outcome {
  if (input.kind !== "text") return hint(state, "report-contact-hint");
  const text = cleanText(input.text);
  if ([...text].length < 2 || text.startsWith("/")) return hint(state, "report-contact-hint");
  if (text.length > 100) return { state, notice: { key: "report-too-long", vars: { max: 100 } } };
  return advance(state, { contact: text });
}

function onReview(state: ReportState, input: ReportInput): Outcome {
  if (input.kind !== "button") return hint(state);
  if (input.action === "submit") {
    // Reachable only through the flow, but a state edited by an older version could lack the text.
    if (!state.text) return { state: { ...state, step: "text", editing: true } };
    return { state, submit: true };
  }
  if (input.action === "edit" && input.arg && Object.hasOwn(EDITABLE, input.arg)) {
    return { state: { ...state, step: EDITABLE[input.arg as keyof typeof EDITABLE], editing: true, placeBrowse: undefined } };
  }
  return hint(state);
}
