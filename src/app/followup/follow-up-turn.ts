import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { endConversation, runTurn } from "../conversations/engine.js";
import { addTipInfo } from "../tips/add-tip-info.js";
import { fetchCleanAttachment, type DownloadFile } from "../tips/chat-attachment.js";
import { cleanText, MAX_TIP_TEXT } from "../../domain/tip-input.js";
import { followUpConversation, followUpKey } from "./followup-steps.js";

export const followUpTurnInput = z.object({
  chatId: z.number().int(),
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("add") }),
    z.object({
      kind: z.literal("info"),
      text: z.string().max(MAX_TIP_TEXT * 2),
      file: z.object({ fileId: z.string().min(1).max(256), mimeType: z.string().max(100), fileName: z.string().max(200).optional() }).optional(),
    }),
  ]),
});
export type FollowUpTurnInput = z.input<typeof followUpTurnInput>;

export type FollowUpReply =
  | { kind: "ask"; trackingCode: string }
  | { kind: "added"; trackingCode: string }
  | { kind: "expired" }
  | { kind: "file_unsupported" }
  /** Not the follow-up's: another feature may answer it. */
  | { kind: "pass" };

/**
 * One update in a /status follow-up: the button that starts adding, or a message (text, photo,
 * document) to add to the checked tip. The file is fetched before anything is stored, outside any
 * transaction; the receipt secret is opened here and goes no further than addTipInfo.
 */
export async function followUpTurn(deps: Deps, raw: FollowUpTurnInput, download: DownloadFile): Promise<FollowUpReply> {
  const parsed = followUpTurnInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid follow-up input");
  const { chatId, input } = parsed.data;
  const key = followUpKey(deps, chatId);
  const turn = await runTurn(deps, followUpConversation, key, { kind: input.kind });
  if (turn.kind !== "done") return input.kind === "add" ? { kind: "expired" } : { kind: "pass" };
  const out = turn.out;
  if (out.kind !== "add_info" || input.kind !== "info") return out.kind === "add_info" ? { kind: "pass" } : out;

  const text = cleanText(input.text);
  const attachment = input.file ? await fetchCleanAttachment(deps, download, input.file) : null;
  if (input.file && !attachment) return { kind: "file_unsupported" };
  if (!text && !attachment) return { kind: "pass" };
  const result = await addTipInfo(deps, {
    trackingCode: out.trackingCode,
    secret: out.secret,
    channel: "telegram",
    text: text || undefined,
    attachments: attachment ? [attachment] : [],
  });
  if (!result.ok) {
    await endConversation(deps, key);
    return { kind: "expired" };
  }
  return { kind: "added", trackingCode: result.trackingCode };
}
