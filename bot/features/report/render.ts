import { InlineKeyboard, Keyboard } from "grammy";
import type { FluentVariable } from "@fluent/bundle";
import { MAX_ATTACHMENTS_PER_TIP, MIN_TIP_TEXT } from "../../../src/domain/tip-input.js";
import { SECTOR_CODES } from "../../../src/domain/sectors.js";
import { EDITABLE, type ReportState, type ReportStep } from "../../../src/app/report/report-state.js";
import type { ReportView } from "../../../src/app/report/report-view.js";

export type Translate = (key: string, vars?: Record<string, FluentVariable>) => string;

export interface Prompt {
  text: string;
  reply_markup: InlineKeyboard | Keyboard | { remove_keyboard: true };
}

/** One letter per step in callback data: Telegram allows 64 bytes, and buttons carry the step so stale ones are recognised. */
export const STEP_TAG: Record<ReportStep, string> = {
  sector: "s",
  place: "p",
  enterprise: "e",
  text: "t",
  files: "f",
  urgent: "u",
  contact: "c",
  contact_value: "v",
  consent: "k",
  review: "r",
};
export const TAG_STEP: Record<string, ReportStep> = Object.fromEntries(Object.entries(STEP_TAG).map(([s, t]) => [t, s as ReportStep]));

/** Callback data: "rp:<step tag>:<action>[:<arg>]", at most ~20 bytes (Telegram allows 64). */
export const cb = (step: ReportStep, action: string, arg?: string) => `rp:${STEP_TAG[step]}:${action}${arg ? `:${arg}` : ""}`;

/** The review screen shows at most this much of the description: a Telegram message holds 4,096 characters. */
const REVIEW_TEXT_CHARS = 1_500;

/** The question for the current step, with its keyboard. */
export function renderPrompt(t: Translate, view: Pick<ReportView, "state" | "level">): Prompt {
  const { state, level } = view;
  const step = state.step;
  const kb = new InlineKeyboard();
  let text: string;
  switch (step) {
    case "sector":
      text = t("report-ask-sector");
      [...SECTOR_CODES, "unsure" as const].forEach((code, i) => {
        kb.text(t(`report-sector-${code}`), cb(step, code));
        if (i % 2 === 1) kb.row();
      });
      break;
    case "place": {
      if (state.placeBrowse && level?.parent) {
        text = t("report-ask-place-within", { place: level.parent.fullName });
        kb.text(t("report-place-this-level", { place: level.parent.name }), cb(step, "ok", level.parent.code)).row();
      } else {
        text = t("report-ask-place");
      }
      (level?.children ?? []).forEach((j, i) => {
        kb.text(j.name, cb(step, "go", j.code));
        if (i % 3 === 2) kb.row();
      });
      kb.row();
      if (state.placeBrowse) kb.text(t("report-place-up"), cb(step, "up"));
      kb.text(t("report-place-share-location"), cb(step, "loc")).text(t("report-place-skip"), cb(step, "skip"));
      break;
    }
    case "enterprise":
      text = t("report-ask-enterprise");
      kb.text(t("report-skip"), cb(step, "skip"));
      break;
    case "text":
      text = t("report-ask-text", { min: MIN_TIP_TEXT });
      break;
    case "files":
      text = state.files.length ? t("report-files-received", { count: state.files.length }) : t("report-ask-files", { max: MAX_ATTACHMENTS_PER_TIP });
      kb.text(state.files.length ? t("report-files-done") : t("report-skip"), cb(step, "done"));
      break;
    case "urgent":
      text = t("report-ask-urgent");
      kb.text(t("report-urgent-yes"), cb(step, "yes")).text(t("report-urgent-no"), cb(step, "no"));
      break;
    case "contact":
      text = t("report-ask-contact");
      kb.text(t("report-contact-anonymous"), cb(step, "anon")).row().text(t("report-contact-leave"), cb(step, "contact"));
      break;
    case "contact_value":
      text = t("report-ask-contact-value");
      break;
    case "consent":
      text = t("report-ask-consent");
      kb.text(t("report-consent-yes"), cb(step, "yes")).row().text(t("report-consent-no"), cb(step, "no"));
      break;
    case "review":
      text = renderReview(t, state);
      Object.keys(EDITABLE).forEach((field, i) => {
        kb.text(t(`report-edit-${field}`), cb(step, "edit", field));
        if (i % 2 === 1) kb.row();
      });
      kb.row().text(t("report-submit"), cb(step, "submit"));
      break;
  }
  kb.row();
  if (step !== "sector") kb.text(t("report-back"), cb(step, "back"));
  kb.text(t("report-cancel"), "rp:cancel");
  return { text, reply_markup: kb };
}

/** The reply keyboard with Telegram's own "share location" button (inline keyboards cannot ask for one). */
export function renderLocationRequest(t: Translate): Prompt {
  return {
    text: t("report-ask-location"),
    reply_markup: new Keyboard().requestLocation(t("report-location-button")).row().text(t("report-location-cancel")).resized().oneTime(),
  };
}

export function renderReview(t: Translate, state: ReportState): string {
  const none = t("report-review-none");
  const place =
    state.place?.label ??
    state.place?.text ??
    (state.place?.location ? t("report-review-location", { lat: state.place.location.lat.toFixed(5), lon: state.place.location.lon.toFixed(5) }) : none);
  const enterprise = state.enterprise ? [state.enterprise.name, state.enterprise.creditCode].filter(Boolean).join(" ") : none;
  const description = (state.text ?? "").length > REVIEW_TEXT_CHARS ? `${state.text!.slice(0, REVIEW_TEXT_CHARS)}…` : (state.text ?? none);
  const identity =
    state.anonymous !== false
      ? t("report-review-anonymous")
      : t(state.consent ? "report-review-contact-consent" : "report-review-contact-no-consent", { contact: state.contact ?? "" });
  return t("report-review", {
    sector: state.sector ? t(`report-sector-${state.sector}`) : none,
    place,
    enterprise,
    text: description,
    files: state.files.length,
    urgent: t(state.urgent ? "report-urgent-yes" : "report-urgent-no"),
    identity,
  });
}
