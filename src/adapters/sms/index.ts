import type { Config } from "../../config.js";
import type { Logger } from "../logger.js";
import type { SmsSender } from "../../app/ports.js";
import { createLogSmsSender } from "./log.js";
import { createTwilioSmsSender } from "./twilio.js";
import { createGenericSmsSender } from "./generic.js";

export { createLogSmsSender, createTwilioSmsSender, createGenericSmsSender };

type SmsConfig = Pick<
  Config,
  "SMS_PROVIDER" | "TWILIO_ACCOUNT_SID" | "TWILIO_AUTH_TOKEN" | "TWILIO_FROM" | "TWILIO_API_ROOT" | "SMS_GATEWAY_URL" | "SMS_GATEWAY_SECRET"
>;

/** SMS_PROVIDER chooses the adapter; config validation has already required each provider's settings. */
export function createSmsSender(config: SmsConfig, logger: Logger, fetchImpl?: typeof fetch): SmsSender {
  switch (config.SMS_PROVIDER) {
    case "twilio":
      return createTwilioSmsSender({
        accountSid: config.TWILIO_ACCOUNT_SID!,
        authToken: config.TWILIO_AUTH_TOKEN!,
        from: config.TWILIO_FROM!,
        apiRoot: config.TWILIO_API_ROOT,
        fetch: fetchImpl,
      });
    case "generic":
      return createGenericSmsSender({ url: config.SMS_GATEWAY_URL, secret: config.SMS_GATEWAY_SECRET!, fetch: fetchImpl });
    default:
      return createLogSmsSender(logger);
  }
}
