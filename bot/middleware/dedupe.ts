import type { MiddlewareFn } from "grammy";
import { claimUpdate } from "../../src/app/chat/claim-update.js";
import { releaseInbound } from "../../src/app/system/inbound-dedupe.js";
import type { BotContext } from "../context.js";
import { listsOwnTips } from "../features/status.js";

/**
 * First middleware after the error boundary: Telegram redelivers an update after a timeout or a non-2xx
 * answer, possibly while the first delivery is still running. The claim makes each update_id run once;
 * a failure releases it so that the redelivery gets another chance instead of being dropped. The same
 * statement reads the chat's stored language (else the Telegram client's, else zh-CN) for ctx.t, and
 * for a bare /status the chat's own tips, which that command lists (ctx.ownTips).
 */
export function claimAndLocale(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const key = { source: "telegram", key: String(ctx.update.update_id) };
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    const ownTipsOf = listsOwnTips(ctx) ? { channel: "telegram" as const, address: String(chatId) } : undefined;
    const claim = await claimUpdate(ctx.deps, { ...key, chatId, fallback: ctx.from?.language_code, ownTipsOf });
    if (!claim.claimed) return;
    ctx.locale = claim.locale;
    ctx.ownTips = claim.ownTips;
    ctx.t = (k, vars) => ctx.deps.i18n.t(ctx.locale, k, vars);
    try {
      await next();
    } catch (err) {
      await releaseInbound(ctx.deps, key).catch(() => {});
      throw err;
    }
  };
}
