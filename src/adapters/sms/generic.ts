import type { SmsSender } from "../../app/ports.js";
import { failureFromError, failureFromResponse, readJson } from "./http-result.js";
import { gatewaySignature } from "./signatures.js";

export interface GenericSenderConfig {
  /** SMS_GATEWAY_URL; absent when the gateway is used for inbound only (replies go back in its webhook answer). */
  url?: string;
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A generic HTTP gateway: JSON {to, text}, signed like its inbound webhook (hex HMAC-SHA256 in X-Signature). */
export function createGenericSmsSender(config: GenericSenderConfig): SmsSender {
  const doFetch = config.fetch ?? fetch;
  return {
    name: "generic",
    async send(to, text) {
      if (!config.url) return { ok: false, retryable: false, error: "generic SMS gateway: SMS_GATEWAY_URL is not set" };
      const body = JSON.stringify({ to, text });
      let res: Response;
      try {
        res = await doFetch(config.url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-signature": gatewaySignature(config.secret, body) },
          body,
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        return failureFromError("generic", err);
      }
      const json = await readJson(res);
      if (res.ok) return { ok: true, ...(typeof json.id === "string" ? { providerId: json.id } : {}) };
      return failureFromResponse("generic", res.status, res.headers, json.code);
    },
  };
}
