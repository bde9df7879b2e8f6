import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { endConversation, startConversation } from "../conversations/engine.js";
import { newReport, openReport, sealReport, type StoredReportState } from "./report-state.js";
import { reportConversation, reportKey } from "./report-conversation.js";
import { reportView, type ReportReply } from "./report-view.js";

export const reportChatInput = z.object({ chatId: z.number().int() });
export type ReportChatInput = z.input<typeof reportChatInput>;

/** /report: open the chat's report, or resume the one in progress (a restart or another replica continues it). */
export async function startReport(deps: Deps, raw: ReportChatInput): Promise<ReportReply> {
  const { chatId } = parseChat(raw);
  const started = await startConversation(deps, reportConversation, reportKey(deps, chatId), sealReport(deps.crypto, newReport()), { replace: false });
  if (started.kind === "conflict") return { kind: "busy" };
  const state = openReport(deps.crypto, started.state as StoredReportState);
  const notice = { key: started.kind === "existing" ? "report-resume" : "report-intro" };
  return { kind: "prompt", view: await reportView(deps, state, { state, notice }) };
}

/** /cancel: drop the chat's report whatever another replica wrote meanwhile. Whether there was one. */
export async function cancelReport(deps: Deps, raw: ReportChatInput): Promise<boolean> {
  return endConversation(deps, reportKey(deps, parseChat(raw).chatId));
}

function parseChat(raw: ReportChatInput) {
  const parsed = reportChatInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid chat");
  return parsed.data;
}
