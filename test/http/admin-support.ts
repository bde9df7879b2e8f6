import type { Hono } from "hono";
import type { Deps } from "../../src/app/deps.js";
import { createStaff, type CreateStaffInput } from "../../src/app/staff/create-staff.js";

export const STAFF_PASSWORD = "correct horse battery staple 42";
export const ORIGIN = "http://localhost";

export async function makeStaff(deps: Deps, input: Omit<CreateStaffInput, "password">) {
  return createStaff(deps, { password: STAFF_PASSWORD, ...input });
}

/** Cookies from Set-Cookie headers, as one Cookie header. */
export function cookieHeader(res: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((kv) => [kv.split("=")[0], kv]),
  );
  for (const line of res.headers.getSetCookie()) {
    const kv = line.split(";")[0];
    jar.set(kv.split("=")[0], kv);
  }
  return [...jar.values()].join("; ");
}

export function hiddenCsrf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF field on the page");
  return m[1];
}

export function post(app: Hono<any>, path: string, form: Record<string, string>, cookie: string, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: cookie, ...headers },
  });
}

/** Sign in through the real form; returns the session cookie and the page's CSRF token. */
export async function login(app: Hono<any>, username: string, password = STAFF_PASSWORD) {
  const page = await app.request("/admin/login");
  let cookie = cookieHeader(page);
  const res = await post(app, "/admin/login", { _csrf: hiddenCsrf(await page.text()), username, password }, cookie);
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  cookie = cookieHeader(res, cookie);
  const queue = await app.request("/admin", { headers: { Cookie: cookie } });
  return { cookie, csrf: hiddenCsrf(await queue.text()), loginResponse: res };
}
