import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { endConversation, startConversation } from "../conversations/engine.js";
import { checkStatus, type ReceiptRefusal, type ReporterTipView } from "../tips/check-status.js";
import { FOLLOW_UP_MS, followUpConversation, followUpKey, sealSecret, type FollowUp } from "./followup-steps.js";

export const openFollowUpInput = z.object({ chatId: z.number().int(), trackingCode: z.string().max(64), secret: z.string().max(256) });
export type OpenFollowUpInput = z.input<typeof openFollowUpInput>;

/**
 * `/status CODE SECRET` in a chat: the tip's status and public history, and — the receipt being right —
 * a follow-up in which the chat's next messages are added to that tip for a while without typing the
 * receipt again. A new check replaces the chat's previous follow-up.
 */
export async function openFollowUp(deps: Deps, raw: OpenFollowUpInput): Promise<{ ok: true; tip: ReporterTipView } | ReceiptRefusal> {
  const { chatId, trackingCode, secret } = parse(raw);
  const result = await checkStatus(deps, { trackingCode, secret });
  if (!result.ok) return result;
  const state: FollowUp = {
    v: 1,
    trackingCode: result.tip.trackingCode,
    adding: false,
    secretEnc: sealSecret(deps, secret),
    expiresAt: new Date(deps.clock().getTime() + FOLLOW_UP_MS).toISOString(),
  };
  await startConversation(deps, followUpConversation, followUpKey(deps, chatId), state, { replace: true });
  return result;
}

/** "Done" or /cancel: the follow-up ends whatever its version. Whether there was one. */
export async function endFollowUp(deps: Deps, raw: { chatId: number }): Promise<boolean> {
  if (!Number.isInteger(raw.chatId)) throw new AppError("invalid_input", "invalid chat");
  return endConversation(deps, followUpKey(deps, raw.chatId));
}

function parse(raw: OpenFollowUpInput) {
  const parsed = openFollowUpInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid follow-up input");
  return parsed.data;
}
