import type { Context } from "hono";

/**
 * The connecting address, used only to derive keyed throttle keys — never stored or logged. Node's socket
 * address; on Workers the CF-Connecting-IP header set by Cloudflare. X-Forwarded-For only when
 * TRUST_PROXY says how many proxies in front wrote to it (anyone can send the header, so by default it
 * is ignored). "unknown" when there is neither (in-process requests).
 */
export function clientAddress(c: Context, trustedProxies = 0): string {
  if (trustedProxies > 0) {
    // Each trusted proxy appended the address it saw; entries further left are the client's to invent.
    const chain = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (chain.length) return chain[Math.max(0, chain.length - trustedProxies)];
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? c.req.header("cf-connecting-ip") ?? "unknown";
}
