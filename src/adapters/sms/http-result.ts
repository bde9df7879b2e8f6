import type { SendResult } from "../../app/ports.js";

/**
 * One mapping of a provider's HTTP answer to SendResult, shared by the Twilio and generic adapters:
 * 429 and 5xx are worth retrying (honouring Retry-After), other 4xx are not — the request itself is wrong.
 * Errors carry the provider's status and error code only: provider messages can quote the phone number.
 */
export function failureFromResponse(provider: string, status: number, headers: Headers, code?: unknown): SendResult {
  const detail = typeof code === "string" || typeof code === "number" ? ` code ${code}` : "";
  const error = `${provider} HTTP ${status}${detail}`;
  if (status === 429 || status >= 500) {
    const retryAfter = Number(headers.get("retry-after"));
    return { ok: false, retryable: true, error, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  }
  return { ok: false, retryable: false, error };
}

/** Network failures and timeouts: the message may or may not have left; the outbox retries it. */
export function failureFromError(provider: string, err: unknown): SendResult {
  const name = err instanceof Error ? (err.name === "TimeoutError" || err.name === "AbortError" ? "timeout" : err.name) : "error";
  return { ok: false, retryable: true, error: `${provider} request failed: ${name}` };
}

export async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    const body = (await res.json()) as unknown;
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
