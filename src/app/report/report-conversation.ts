import type { Deps } from "../deps.js";
import type { ConversationDef, Step } from "../conversations/engine.js";
import { conversationKey } from "../conversations/load-conversation.js";
import { withoutReceiptSecrets } from "../tips/receipt-in-text.js";
import { submitTip, type SubmitTipInput } from "../tips/submit-tip.js";
import { fetchCleanAttachment, type CleanAttachment, type DownloadFile } from "../tips/chat-attachment.js";
import type { Locale } from "../../domain/locale.js";
import { isReportState, openReport, REPORT_FLOW, sealReport, type ReportState, type StoredReportState } from "./report-state.js";
import { applyInput, type ReportInput, type TransitionEnv } from "./report-steps.js";
import { placeLevel, reportView, type ReportReply } from "./report-view.js";

export interface ReportTurn {
  chatId: number;
  locale: Locale;
  input: ReportInput;
  /** Fetches the reporter's files at submit (Telegram's getFile): called before the finish's transaction. */
  download: DownloadFile;
}

/** One report per Telegram chat, under its own key (a keyed hash: the table never holds a chat id). */
export const reportKey = (deps: Pick<Deps, "crypto">, chatId: number) => conversationKey(deps, REPORT_FLOW, "telegram", String(chatId));

/** Stored sealed (the contact only encrypted); opened for the step, sealed again for the save. */
export const reportConversation: ConversationDef<StoredReportState, ReportTurn, ReportReply> = {
  flow: REPORT_FLOW,
  accepts: (stored) => stored.flow === REPORT_FLOW && isReportState(stored.state),
  async step(stored, turn, deps): Promise<Step<StoredReportState, ReportReply>> {
    const state = openReport(deps.crypto, stored);
    const env: TransitionEnv = { level: (code) => placeLevel(deps, code), withoutReceiptSecrets: (text) => withoutReceiptSecrets(deps, text) };
    const outcome = await applyInput(env, state, turn.input);
    if (outcome.submit) return submit(deps, state, turn);
    const out: ReportReply = { kind: "prompt", view: await reportView(deps, state, outcome) };
    if (outcome.state === state) return { kind: "stay", out };
    return { kind: "save", state: sealReport(deps.crypto, outcome.state), out };
  },
};

/**
 * Files are fetched and sanitised first, outside any transaction (network time must not hold a
 * database connection); then the engine closes the conversation and submitTip stores the tip in one
 * transaction, so a double-tapped "submit" or two replicas racing store one tip.
 *
 * The receipt is NOT answered from here: submitTip queues it in the outbox in the tip's own
 * transaction and the dispatcher delivers it, retrying until Telegram accepts it (only its hash is
 * stored, so a lost inline message would lose the secret for good).
 */
async function submit(deps: Deps, state: ReportState, turn: ReportTurn): Promise<Step<StoredReportState, ReportReply>> {
  const attachments: CleanAttachment[] = [];
  let droppedFiles = 0;
  for (const file of state.files) {
    const clean = await fetchCleanAttachment(deps, turn.download, file);
    if (clean) attachments.push(clean);
    else droppedFiles++;
  }
  const tip: SubmitTipInput = {
    channel: "telegram",
    locale: turn.locale,
    text: state.text ?? "",
    place: state.place?.text,
    jurisdictionCode: state.place?.code,
    location: state.place?.location,
    enterprise: state.enterprise?.name,
    creditCode: state.enterprise?.creditCode,
    sector: state.sector && state.sector !== "unsure" ? state.sector : undefined,
    urgent: state.urgent ?? false,
    reporter: {
      address: String(turn.chatId),
      contact: state.anonymous === false ? state.contact : undefined,
      consent: state.anonymous === false && state.consent === true,
    },
    attachments,
  };
  return {
    kind: "finish",
    async work(tx) {
      const { routing, alerted } = await submitTip(tx, tip);
      return { kind: "submitted", unit: { name: routing.unit.name, nameEn: routing.unit.nameEn ?? null }, urgent: routing.urgent, alerted, droppedFiles };
    },
  };
}
