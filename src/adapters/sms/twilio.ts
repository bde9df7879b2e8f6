import type { SmsSender } from "../../app/ports.js";
import { failureFromError, failureFromResponse, readJson } from "./http-result.js";

export interface TwilioSenderConfig {
  accountSid: string;
  authToken: string;
  from: string;
  /** https://api.twilio.com, or a local server in tests. */
  apiRoot: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Twilio's Messages resource: a form POST with basic auth (account SID : auth token). */
export function createTwilioSmsSender(config: TwilioSenderConfig): SmsSender {
  const doFetch = config.fetch ?? fetch;
  const url = `${config.apiRoot.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = "Basic " + Buffer.from(`${config.accountSid}:${config.authToken}`, "utf8").toString("base64");
  return {
    name: "twilio",
    async send(to, text) {
      let res: Response;
      try {
        res = await doFetch(url, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ To: to, From: config.from, Body: text }).toString(),
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        return failureFromError("twilio", err);
      }
      const body = await readJson(res);
      if (res.ok) return { ok: true, ...(typeof body.sid === "string" ? { providerId: body.sid } : {}) };
      return failureFromResponse("twilio", res.status, res.headers, body.code);
    },
  };
}
