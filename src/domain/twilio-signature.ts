/**
 * What Twilio signs for a form-encoded webhook: the full URL it called (our PUBLIC_URL + path), then
 * every POST parameter sorted by name, each appended as name followed by value, with no separators.
 * The X-Twilio-Signature header is base64(HMAC-SHA1(auth token, this string)); the HMAC itself lives in
 * src/adapters/sms/signatures.ts (node:crypto), this file stays pure.
 */
export function twilioSigningString(url: string, params: Iterable<[string, string]>): string {
  // A repeated name is signed once per value, values in sorted order (as Twilio's own helpers do).
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return url + sorted.map(([name, value]) => name + value).join("");
}

/** The URL Twilio was told to call: PUBLIC_URL without a trailing slash, then the route's path. */
export function twilioWebhookUrl(publicUrl: string, path: string): string {
  return publicUrl.replace(/\/+$/, "") + path;
}
