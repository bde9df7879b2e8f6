import type { MiddlewareFn } from "grammy";
import { claimInbound, releaseInbound } from "../../src/app/system/inbound-dedupe.js";
import type { BotContext } from "../context.js";

/**
 * First middleware: Telegram redelivers an update after a timeout or a non-2xx answer, possibly while
 * the first delivery is still running. The claim makes each update_id run once; a failure releases it
 * so that the redelivery gets another chance instead of being dropped.
 */
export function dedupeUpdates(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const key = { source: "telegram", key: String(ctx.update.update_id) };
    if (!(await claimInbound(ctx.deps, key))) return;
    try {
      await next();
    } catch (err) {
      await releaseInbound(ctx.deps, key).catch(() => {});
      throw err;
    }
  };
}
