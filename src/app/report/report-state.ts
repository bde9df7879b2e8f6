import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";

/**
 * The reporting conversation is a plain state machine whose whole state is this JSON object, kept in
 * the `conversations` table. Nothing lives in process memory, so a restart or another replica continues
 * the chat from the stored step. Bump `v` (and migrate or drop old rows) when the shape changes.
 */
export const REPORT_FLOW = "report";

export const STEPS = ["sector", "place", "enterprise", "text", "files", "urgent", "contact", "contact_value", "consent", "review"] as const;
export type ReportStep = (typeof STEPS)[number];

/** A file the reporter sent: only Telegram's file id is kept until submit, never the bytes. */
export interface FileRef {
  fileId: string;
  kind: "photo" | "document";
  mimeType: string;
  fileName?: string;
  size?: number;
}

export interface PlaceAnswer {
  code?: string;
  /** The full name of the picked jurisdiction, for the review screen. */
  label?: string;
  text?: string;
  location?: { lat: number; lon: number };
}

export interface ReportState {
  v: 1;
  step: ReportStep;
  /** Set when a field is edited from the review screen: finishing it returns there. */
  editing: boolean;
  sector?: SectorCode | "unsure";
  /** The jurisdiction whose children the place keyboard shows; absent = the list of cities. */
  placeBrowse?: string;
  /** null = the reporter skipped the question. */
  place?: PlaceAnswer | null;
  enterprise?: { name?: string; creditCode?: string } | null;
  text?: string;
  files: FileRef[];
  urgent?: boolean;
  anonymous?: boolean;
  contact?: string;
  consent?: boolean;
  /** The "share location" reply keyboard is showing: the next prompt after leaving it must remove it. */
  replyKeyboard?: boolean;
}

export function newReport(): ReportState {
  return { v: 1, step: "sector", editing: false, files: [] };
}

/** Fields the review screen can edit, each starting at its first step. */
export const EDITABLE = {
  sector: "sector",
  place: "place",
  enterprise: "enterprise",
  text: "text",
  files: "files",
  urgent: "urgent",
  contact: "contact",
} as const satisfies Record<string, ReportStep>;
export type EditableField = keyof typeof EDITABLE;

const CONTACT_GROUP: ReportStep[] = ["contact", "contact_value", "consent"];

/** The step after `step` in the linear flow; while editing, the review screen once the field is done. */
export function nextStep(state: ReportState, step: ReportStep): ReportStep {
  const linear: Record<ReportStep, ReportStep> = {
    sector: "place",
    place: "enterprise",
    enterprise: "text",
    text: "files",
    files: "urgent",
    urgent: "contact",
    contact: state.anonymous ? "review" : "contact_value",
    contact_value: "consent",
    consent: "review",
    review: "review",
  };
  const next = linear[step];
  if (state.editing && !(CONTACT_GROUP.includes(step) && CONTACT_GROUP.includes(next))) return "review";
  return next;
}

/** The step /back returns to; null at the first step. Editing a field goes back to the review screen. */
export function previousStep(state: ReportState): ReportStep | null {
  if (state.editing && state.step !== "review") return "review";
  const linear: Record<ReportStep, ReportStep | null> = {
    sector: null,
    place: "sector",
    enterprise: "place",
    text: "enterprise",
    files: "text",
    urgent: "files",
    contact: "urgent",
    contact_value: "contact",
    consent: "contact_value",
    review: state.anonymous ? "contact" : "consent",
  };
  return linear[state.step];
}

/**
 * The form kept in the `conversations` table: the contact (typically a name and a phone number) only
 * encrypted. Every write of the row leaves its old version in the database files until a vacuum (PGlite
 * keeps them readable in its data directory), so the contact is never written there in clear, not even
 * for the few minutes between the contact step and submit.
 */
export type StoredReportState = Omit<ReportState, "contact"> & { contactEnc?: string };

export function sealReport(crypto: Pick<Deps["crypto"], "encrypt">, state: ReportState): StoredReportState {
  const { contact, ...rest } = state;
  return contact === undefined ? rest : { ...rest, contactEnc: Buffer.from(crypto.encrypt(contact)).toString("base64") };
}

/** The working state of a stored one. A row written before contacts were sealed still reads (and is sealed on its next save). */
export function openReport(crypto: Pick<Deps["crypto"], "decrypt">, stored: StoredReportState & { contact?: string }): ReportState {
  const { contactEnc, ...rest } = stored;
  return contactEnc === undefined ? rest : { ...rest, contact: crypto.decrypt(new Uint8Array(Buffer.from(contactEnc, "base64"))) };
}

export function isReportState(value: unknown): value is StoredReportState {
  const v = value as StoredReportState | null;
  return !!v && v.v === 1 && (STEPS as readonly string[]).includes(v.step) && Array.isArray(v.files);
}
