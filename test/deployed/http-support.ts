import { spawn } from "node:child_process";
import { expect } from "vitest";
import { URI } from "otpauth";
import { ROOT_DIR } from "../support/paths.js";

export const STAFF_PASSWORD = "correct horse battery staple 42";

/**
 * `npm run cli -- admin:create …` as an operator runs it, password from ADMIN_PASSWORD. On PGlite it
 * must run before the server starts (one process per data directory). Returns the TOTP URI when
 * --totp was given.
 */
export async function cliCreateStaff(env: Record<string, string>, args: string[]): Promise<{ totpUri?: string }> {
  const child = spawn("npm", ["run", "cli", "--silent", "--", "admin:create", ...args], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env, ADMIN_PASSWORD: STAFF_PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`admin:create ${args.join(" ")} exited ${code}:\n${out}`);
  return { totpUri: /otpauth:\/\/\S+/.exec(out)?.[0] };
}

/** A tiny cookie jar over fetch, for one signed-in browser. */
export class Browser {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(this.base + path, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const line of res.headers.getSetCookie()) {
      const [kv] = line.split(";");
      const i = kv.indexOf("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(kv.slice(0, i));
      else this.cookies.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return res;
  }

  /** A same-origin form POST, as the admin pages send it (Origin header + the page's CSRF token). */
  post(path: string, form: Record<string, string>, extra: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(extra.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    return this.fetch(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.base } });
  }

  /** Signs in through the real login form (double-submit token, TOTP when the account has one). */
  async login(username: string, totpUri?: string): Promise<Response> {
    const page = await this.fetch("/admin/login");
    const token = hiddenCsrf(await page.text());
    const totp = totpUri ? URI.parse(totpUri).generate() : "";
    const res = await this.fetch("/admin/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.base },
      body: new URLSearchParams({ _csrf: token, username, password: STAFF_PASSWORD, ...(totp ? { totp } : {}) }),
    });
    expect(res.status, `login of ${username}`).toBe(303);
    this.csrf = hiddenCsrf(await (await this.fetch("/admin")).text());
    return res;
  }
}

export function hiddenCsrf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF field on the page");
  return m[1];
}

/** The headers every HTML page must carry as it leaves the Node server. */
export function expectSecurityHeaders(res: Response, label: string): void {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, `${label}: CSP`).toContain("default-src 'none'");
  expect(csp, `${label}: frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options"), `${label}: nosniff`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${label}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin)$/);
  expect(res.headers.get("x-frame-options"), `${label}: X-Frame-Options`).toMatch(/^(DENY|SAMEORIGIN)$/);
}
