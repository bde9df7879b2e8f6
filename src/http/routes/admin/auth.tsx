import { Hono } from "hono";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Deps } from "../../../app/deps.js";
import { authenticate } from "../../../app/staff/authenticate.js";
import { staffExists } from "../../../app/staff/staff-exists.js";
import { createSession, revokeSession, SESSION_TTL_MS } from "../../../app/staff/sessions.js";
import { LoginPage, type LoginPageProps } from "../../views/admin/login.js";
import { clientAddress } from "../../client-address.js";
import { cookieOptions, LANG_COOKIE, LOGIN_CSRF_COOKIE, requireCsrfToken, sessionCookieName, timingSafeEqualText, type AdminEnv } from "./context.js";

/**
 * Login, logout and the language switch. The login form is protected by a double-submit token (a
 * cookie plus a hidden field) because there is no session yet to hold one. The unit desk mounts the
 * same routes under /desk (`home`): one account, one session cookie, one throttle for both.
 */
export function authRoutes(
  deps: Deps,
  home: "/admin" | "/desk" = "/admin",
  View: (props: LoginPageProps) => ReturnType<typeof LoginPage> = LoginPage,
): Hono<AdminEnv> {
  const r = new Hono<AdminEnv>();
  const page = async (c: Context<AdminEnv>, status: 200 | 401 | 403 | 429, error?: string, username?: string) => {
    const csrf = deps.crypto.randomToken(18);
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, cookieOptions(deps, 3600));
    const noAccounts = status === 200 && !(await staffExists(deps));
    return c.html(
      <View t={c.get("t")} locale={c.get("locale")} csrf={csrf} action={`${home}/login`} error={error} username={username} noAccounts={noAccounts} />,
      status,
    );
  };

  r.get("/login", (c) => (c.get("session") ? c.redirect(home, 303) : page(c, 200)));

  r.post("/login", async (c) => {
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
    if (!timingSafeEqualText(field("_csrf"), getCookie(c, LOGIN_CSRF_COOKIE) ?? "")) return page(c, 403, "invalid");
    const result = await authenticate(deps, {
      username: field("username"),
      password: field("password"),
      totp: field("totp") || undefined,
      clientAddress: clientAddress(c, deps.config.TRUST_PROXY),
    });
    if (!result.ok) {
      const status = result.reason === "throttled" ? 429 : 401;
      return page(c, status, result.reason === "totp_required" ? "totp-required" : result.reason, field("username"));
    }
    const session = await createSession(deps, result.actor);
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: "/" });
    setCookie(c, sessionCookieName(deps), session.id, cookieOptions(deps, Math.floor(SESSION_TTL_MS / 1000)));
    return c.redirect(home, 303);
  });

  r.post("/logout", requireCsrfToken, async (c) => {
    const session = c.get("session");
    if (session) await revokeSession(deps, session);
    deleteCookie(c, sessionCookieName(deps), { path: "/", secure: cookieOptions(deps).secure });
    return c.redirect(`${home}/login`, 303);
  });

  r.get("/lang/:locale", (c) => {
    const locale = c.req.param("locale") === "en" ? "en" : "zh-CN";
    setCookie(c, LANG_COOKIE, locale, { ...cookieOptions(deps, 365 * 86400) });
    return c.redirect(c.get("session") ? home : `${home}/login`, 303);
  });
  return r;
}
