import { createHmac, timingSafeEqual } from "node:crypto";
import { twilioSigningString } from "../../domain/twilio-signature.js";

/** X-Twilio-Signature for a form POST: base64(HMAC-SHA1(auth token, URL + sorted name+value pairs)). */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  return createHmac("sha1", authToken).update(twilioSigningString(url, params), "utf8").digest("base64");
}

export function verifyTwilioSignature(authToken: string, url: string, params: Iterable<[string, string]>, header: string | undefined): boolean {
  if (!header) return false;
  return safeEqual(twilioSignature(authToken, url, params), header.trim());
}

/** X-Signature of the generic gateway: hex HMAC-SHA256 of the exact body bytes under SMS_GATEWAY_SECRET. */
export function gatewaySignature(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export function verifyGatewaySignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const given = header
    .trim()
    .toLowerCase()
    .replace(/^sha256=/, "");
  return safeEqual(gatewaySignature(secret, body), given);
}

/** Constant time in the length of the expected value; a length mismatch is refused without comparing. */
function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
