import type { Logger } from "../logger.js";
import type { SmsSender } from "../../app/ports.js";
import { smsSize } from "../../domain/sms-text.js";

/**
 * The default provider for development and tests: it records that an SMS would have gone out, with its
 * size only. Never the number and never the text: both identify or quote a reporter.
 */
export function createLogSmsSender(logger: Logger): SmsSender {
  let sent = 0;
  return {
    name: "log",
    async send(_to, text) {
      const size = smsSize(text);
      sent++;
      logger.info("sms sent (log provider)", { encoding: size.encoding, segments: size.segments });
      return { ok: true, providerId: `log-${sent}` };
    },
  };
}
