import type { Context } from "hono";
import type { Deps } from "../app/deps.js";
import { clientAddress } from "./client-address.js";

export type IntakeAdmission = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface IntakeLimiter {
  /** Count one new tip from this request's client; refused once the client has used its hour's budget. */
  admit(c: Context): IntakeAdmission;
}

const WINDOW_MS = 3_600_000;
/** Past this many clients the expired windows are swept, so a scan of many addresses cannot grow memory for ever. */
const SWEEP_AT = 10_000;

/**
 * A budget of new tips per client address per hour for the anonymous internet-facing intake (web form
 * and JSON API), so that one script cannot bury a county's queue. Kept in this process's memory only,
 * under a keyed hash of the address: nothing about who submitted is ever written to the database or
 * logs (a stored trace next to the tip's time could identify a whistleblower). So each replica — and
 * each Workers isolate — counts on its own; README says to add the proxy's or Cloudflare's rate
 * limiting in front of a multi-replica deployment. Requests with no address at all (in-process
 * calls) are not counted. INTAKE_LIMIT_PER_HOUR=0 turns it off.
 */
export function createIntakeLimiter(deps: Pick<Deps, "config" | "crypto" | "clock">): IntakeLimiter {
  const perHour = deps.config.INTAKE_LIMIT_PER_HOUR;
  const windows = new Map<string, { start: number; used: number }>();
  return {
    admit(c) {
      const address = clientAddress(c, deps.config.TRUST_PROXY);
      if (perHour === 0 || address === "unknown") return { ok: true };
      const now = deps.clock().getTime();
      if (windows.size >= SWEEP_AT) for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
      const key = deps.crypto.hash("intake-client", address);
      let w = windows.get(key);
      if (!w || now - w.start >= WINDOW_MS) windows.set(key, (w = { start: now, used: 0 }));
      if (w.used >= perHour) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) };
      w.used++;
      return { ok: true };
    },
  };
}
