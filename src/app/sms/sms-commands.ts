import type { Deps } from "../deps.js";
import { clearConversation } from "../conversations/clear-conversation.js";
import { checkStatus } from "../tips/check-status.js";
import { addTipInfo } from "../tips/add-tip-info.js";
import { MAX_TIP_TEXT } from "../tips/submit-tip.js";
import type { SmsCommand } from "./parse-command.js";
import { statusReply } from "./sms-replies.js";

export type CommandOutcome = { reply: string; outcome: "status" | "info" | "refused" | "cancelled" | "help" | "invalid" };

/** 查询/STATUS, 补充/ADD, 取消/CANCEL, 帮助/HELP. Runs in the caller's transaction. */
export async function runSmsCommand(tx: Deps, input: { command: SmsCommand; key: string }): Promise<CommandOutcome> {
  const { command } = input;
  const t = (key: string, vars?: Record<string, string | number>) => tx.i18n.t(command.locale, key, vars);
  switch (command.kind) {
    case "help":
      return { reply: t("sms-help"), outcome: "help" };
    case "cancel": {
      const cleared = await clearConversation(tx, { key: input.key });
      return { reply: t(cleared ? "sms-cancelled" : "sms-nothing-to-cancel"), outcome: "cancelled" };
    }
    case "status": {
      if (!command.receipt) return { reply: t("sms-bad-receipt"), outcome: "refused" };
      const result = await checkStatus(tx, { trackingCode: command.receipt.code, secret: command.receipt.secret });
      if (!result.ok) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
      return { reply: statusReply(tx.i18n, command.locale, result.tip), outcome: "status" };
    }
    case "add": {
      if (!command.receipt || !command.text) return { reply: t("sms-add-format"), outcome: "refused" };
      if (command.text.length > MAX_TIP_TEXT) return { reply: t("sms-too-long", { max: MAX_TIP_TEXT }), outcome: "invalid" };
      const result = await addTipInfo(tx, { trackingCode: command.receipt.code, secret: command.receipt.secret, channel: "sms", text: command.text });
      if (!result.ok) return { reply: t(result.reason === "rate_limited" ? "sms-rate-limited" : "sms-bad-receipt"), outcome: "refused" };
      return { reply: t("sms-info-added", { code: result.trackingCode }), outcome: "info" };
    }
  }
}
