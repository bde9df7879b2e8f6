import type { Api } from "grammy";
import { completeConversation } from "../../../src/app/conversations/complete-conversation.js";
import type { StoredConversation } from "../../../src/app/conversations/load-conversation.js";
import type { Deps } from "../../../src/app/deps.js";
import { submitTip, type SubmitTipInput, type SubmittedTip } from "../../../src/app/tips/submit-tip.js";
import type { Locale } from "../../../src/adapters/i18n.js";
import { fetchCleanFile, type CleanAttachment } from "./files.js";
import type { ReportState } from "./state.js";

export type SubmitReportResult =
  | { ok: true; tip: SubmittedTip; droppedFiles: number }
  | { ok: false; reason: "conflict" };


/**
 * Store the reviewed report. Files are fetched and sanitised first, outside any transaction (network
 * time must not hold a database connection); then the conversation is closed and the tip stored in one
 * transaction, so a double-tapped "submit" or two replicas racing store one tip.
 *
 * The receipt (tracking code + secret) is NOT sent from here: submitTip queues it in the outbox in the
 * tip's own transaction and the dispatcher delivers it, retrying until Telegram accepts it. Sending it
 * inline instead would lose the secret for good whenever that one sendMessage failed (only its hash is
 * stored), and a failed handler makes Telegram redeliver the update. So the chat gets exactly one
 * receipt, from the outbox; the inline answer says where the tip went and that the receipt follows.
 */
export async function submitReport(
  deps: Deps,
  api: Api,
  input: { conversation: StoredConversation<ReportState>; chatId: number; locale: Locale },
): Promise<SubmitReportResult> {
  const { state } = input.conversation;
  const attachments: CleanAttachment[] = [];
  let droppedFiles = 0;
  for (const file of state.files) {
    const clean = await fetchCleanFile(deps, api, file);
    if (clean) attachments.push(clean);
    else droppedFiles++;
  }
  const tipInput: SubmitTipInput = {
    channel: "telegram",
    locale: input.locale,
    text: state.text ?? "",
    place: state.place?.text,
    jurisdictionCode: state.place?.code,
    location: state.place?.location,
    enterprise: state.enterprise?.name,
    creditCode: state.enterprise?.creditCode,
    sector: state.sector && state.sector !== "unsure" ? state.sector : undefined,
    urgent: state.urgent ?? false,
    reporter: {
      address: String(input.chatId),
      contact: state.anonymous === false ? state.contact : undefined,
      consent: state.anonymous === false && state.consent === true,
    },
    attachments,
  };
  const done = await completeConversation(deps, { key: input.conversation.key, expectedVersion: input.conversation.version }, (txDeps) => submitTip(txDeps, tipInput));
  return done.ok ? { ok: true, tip: done.value, droppedFiles } : done;
}
