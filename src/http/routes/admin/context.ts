import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../../../app/deps.js";
import { formHasNul, urlHasNul } from "../../nul-guard.js";
import type { FluentVariable } from "@fluent/bundle";
import { asLocale, type Locale } from "../../../adapters/i18n.js";
import type { Deps } from "../../../app/deps.js";
import { loadSession, type ActiveSession } from "../../../app/staff/sessions.js";

export type Translate = (key: string, vars?: Record<string, FluentVariable>) => string;

export type AdminEnv = {
  Variables: { requestId: string; session: ActiveSession | null; locale: Locale; t: Translate };
};

export const LANG_COOKIE = "jubao_admin_lang";
export const LOGIN_CSRF_COOKIE = "jubao_login_csrf";

/** `__Host-` pins the cookie to this origin and path /, but browsers accept it only over HTTPS. */
export function isSecure(deps: Deps): boolean {
  return Boolean(deps.config.PUBLIC_URL?.startsWith("https:"));
}
export function sessionCookieName(deps: Deps): string {
  return isSecure(deps) ? "__Host-jubao_admin" : "jubao_admin";
}

export function cookieOptions(deps: Deps, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "Strict" as const, secure: isSecure(deps), ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}) };
}

/** Origin the admin forms must come from: PUBLIC_URL behind a proxy, else the request's own. */
export function expectedOrigin(deps: Deps, c: Context): string {
  return deps.config.PUBLIC_URL ? new URL(deps.config.PUBLIC_URL).origin : new URL(c.req.url).origin;
}

/**
 * What every staff page (/admin and the unit desk /desk) sends and checks before any route runs: a
 * strict CSP with no script at all, no caching of signed-in pages, and an Origin check on every POST
 * (applied per mount: hono/csrf applied globally would reject Twilio's form-encoded webhooks).
 */
export function staffPageGuards(deps: Deps): MiddlewareHandler[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        scriptSrc: ["'none'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: isSecure(deps) ? "max-age=63072000; includeSubDomains" : false,
      referrerPolicy: "same-origin",
      crossOriginResourcePolicy: "same-origin",
    }),
    async (c, next) => {
      await next();
      if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
    },
    csrf({ origin: (origin, c) => origin === expectedOrigin(deps, c) }),
  ];
}

/** A NUL in the URL or a form field is refused with a 400 before any route reads it. */
export const refuseNul: MiddlewareHandler = async (c, next) => {
  if (urlHasNul(c) || (await formHasNul(c))) throw new AppError("invalid_input", "NUL (U+0000) in the request");
  await next();
};

/** Loads the session (if any) and the page language: ?lang cookie, then the staff member's, then the browser's. */
export function adminContext(deps: Deps): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const session = await loadSession(deps, getCookie(c, sessionCookieName(deps)));
    const fromCookie = getCookie(c, LANG_COOKIE);
    const browser = c.req.header("accept-language")?.toLowerCase().startsWith("en") ? "en" : undefined;
    const locale = asLocale(fromCookie ?? session?.actor.locale ?? browser);
    c.set("session", session);
    c.set("locale", locale);
    c.set("t", (key, vars) => deps.i18n.t(locale, key, vars));
    await next();
  };
}

/** Pages behind the login: no session → the login page. */
export const requireSession: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (!c.get("session")) return c.redirect("/admin/login", 303);
  await next();
};

/**
 * Every signed-in form POST carries the session's CSRF token (synchronizer token) on top of the
 * Origin check: a forged cross-site form has neither.
 */
export const requireCsrfToken: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.req.method !== "POST") return next();
  const session = c.get("session");
  const body = await c.req.parseBody();
  const token = typeof body._csrf === "string" ? body._csrf : "";
  if (!session || !timingSafeEqualText(token, session.csrfToken)) return c.text(c.get("t")("admin-error-csrf"), 403);
  await next();
};

export function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
