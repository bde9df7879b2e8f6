import { Hono, type Context } from "hono";
import { errorFields } from "../../adapters/logger.js";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Deps } from "../../app/deps.js";
import { AppError } from "../../app/deps.js";
import { handleInboundSms } from "../../app/sms/handle-inbound-sms.js";
import { verifyGatewaySignature, verifyTwilioSignature } from "../../adapters/sms/signatures.js";
import { twilioWebhookUrl } from "../../domain/twilio-signature.js";
import { detectSmsLocale } from "../../domain/sms-text.js";
import { cleanText } from "../../domain/tip-input.js";
import { isUnavailable } from "../../app/system/outage.js";
import { noteDatabaseFailure } from "../../app/system/check-health.js";

/** Twilio bodies are at most 1,600 characters; a generic gateway's JSON a little more. */
const MAX_BODY_BYTES = 64 * 1024;

const gatewayMessage = z.object({
  from: z.string().min(1).max(40),
  text: z.string().max(100_000),
  id: z.union([z.string().min(1).max(128), z.number().int().nonnegative()]).transform(String),
  receivedAt: z.string().max(64).optional(),
});

/**
 * POST /sms/twilio and POST /sms/inbound. Both authenticate the provider before reading anything
 * (forged or unsigned → 403, nothing stored), then hand the message to handleInboundSms, which commits
 * before the reply exists. Never behind hono/csrf: these are cross-site form and JSON posts by design.
 */
export function smsRoutes(deps: Deps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text("payload too large", 413) });

  app.post("/sms/twilio", limit, async (c) => {
    const raw = await c.req.text();
    const params = [...new URLSearchParams(raw)];
    const token = deps.config.TWILIO_AUTH_TOKEN;
    const publicUrl = deps.config.PUBLIC_URL;
    if (!token || !publicUrl) {
      deps.logger.warn("twilio webhook refused: TWILIO_AUTH_TOKEN and PUBLIC_URL must be set");
      return c.text("forbidden", 403);
    }
    const url = twilioWebhookUrl(publicUrl, "/sms/twilio") + new URL(c.req.url).search;
    if (!verifyTwilioSignature(token, url, params, c.req.header("x-twilio-signature"))) return c.text("forbidden", 403);
    const form = new Map(params);
    const body = form.get("Body") ?? "";
    // Twilio does not retry a 5xx and its sender would see nothing: every failure is answered in TwiML.
    const locale = detectSmsLocale(cleanText(body));
    try {
      const answer = await handleInboundSms(deps, {
        provider: "twilio",
        messageId: form.get("MessageSid") ?? form.get("SmsSid") ?? "",
        from: form.get("From") ?? "",
        text: body,
      });
      return twiml(c, answer.reply);
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid_input") return c.text("bad request", 400);
      logFailure(deps, err, "twilio");
      return twiml(c, deps.i18n.t(locale, "sms-resend-later"));
    }
  });

  app.post("/sms/inbound", limit, async (c) => {
    const secret = deps.config.SMS_GATEWAY_SECRET;
    const signature = c.req.header("x-signature");
    if (!signature) return c.json({ error: "unsigned" }, 401);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (!secret || !verifyGatewaySignature(secret, bytes, signature)) return c.json({ error: "forbidden" }, 403);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return c.json({ error: "invalid_json" }, 400);
    }
    const message = gatewayMessage.safeParse(json);
    if (!message.success) return c.json({ error: "invalid_input", fields: message.error.issues.map((i) => i.path.join(".")) }, 400);
    try {
      const answer = await handleInboundSms(deps, { provider: "generic", messageId: message.data.id, from: message.data.from, text: message.data.text });
      return c.json({ reply: answer.reply });
    } catch (err) {
      if (err instanceof AppError) throw err;
      // The gateway retries a 503; nothing was committed, so its retry is processed afresh.
      logFailure(deps, err, "generic");
      return c.json({ error: "unavailable" }, 503, { "Retry-After": "30" });
    }
  });
  return app;
}

function twiml(c: Context, message: string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(message)}</Message></Response>`;
  return c.body(body, 200, { "content-type": "text/xml; charset=utf-8" });
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!);
}

/** Never the phone number or the text: only which provider and what kind of failure. */
function logFailure(deps: Deps, err: unknown, provider: string): void {
  noteDatabaseFailure(deps, err);
  if (isUnavailable(err)) deps.logger.warn("sms not stored: database unavailable", { provider });
  else deps.logger.error("sms handling failed", { provider, ...errorFields(err) });
}
