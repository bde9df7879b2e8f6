import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { secureHeaders } from "hono/secure-headers";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../app/deps.js";
import { listJurisdictions } from "../app/places/list-jurisdictions.js";
import { asLocale, type Locale } from "../adapters/i18n.js";
import { MAX_ATTACHMENTS_PER_TIP, MAX_ATTACHMENT_BYTES } from "../domain/tip-input.js";
import { SECTORS } from "../domain/sectors.js";
import type { FieldError } from "./tip-request.js";
import type { TipFormProps } from "./views/tip-form.js";
import type { T } from "./views/layout.js";

/**
 * Headers on every public page: no script at all may run (the pages need none), styles only from our
 * own stylesheet, no framing, no referrer leaking a tracking code, no caching of receipts or forms.
 */
export const pageHeaders: MiddlewareHandler = async (c, next) => {
  // Set before next(): c.header() on a finished response re-creates it, and through @hono/node-server
  // 1.19 that copy drops every header secureHeaders had added (they were present only with app.request).
  c.header("Cache-Control", "no-store");
  await strictHeaders(c, next);
};

const strictHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: "no-referrer",
  xFrameOptions: "DENY",
  xContentTypeOptions: "nosniff",
});

/** All files at their limit plus the text fields; anything larger is refused before it is parsed. */
export const UPLOAD_LIMIT_BYTES = MAX_ATTACHMENTS_PER_TIP * MAX_ATTACHMENT_BYTES + 1024 * 1024;

export function uploadLimit(onTooLarge: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  return bodyLimit({ maxSize: UPLOAD_LIMIT_BYTES, onError: onTooLarge });
}

/**
 * zh-CN unless the reporter chose otherwise with ?lang= (or the hidden field of a form); the choice is
 * kept in a cookie that says nothing about who they are.
 */
export function pageLocale(c: Context, formLang?: string): Locale {
  const chosen = c.req.query("lang") ?? (formLang || undefined);
  if (chosen) {
    const locale = asLocale(chosen);
    setCookie(c, "lang", locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "Lax", httpOnly: true });
    return locale;
  }
  return getCookie(c, "lang") === "en" ? "en" : "zh-CN";
}

export function translator(deps: Pick<Deps, "i18n">, locale: Locale): T {
  return (key, vars) => deps.i18n.t(locale, key, vars);
}

/** First string value of a parsed body field ("" when absent or a file). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

/** Sectors in the reporter's language; the form adds 不确定 / not sure in front. */
export function sectorChoices(locale: Locale): TipFormProps["sectors"] {
  return SECTORS.map((s) => ({ code: s.code, label: locale === "en" ? s.en : s.zh }));
}

/**
 * City and county selects, filled on the server so they work without JavaScript. If the database is
 * unreachable the lists are empty and the form still works with the free-text place.
 */
export async function placeChoices(deps: Pick<Deps, "db" | "database" | "logger">): Promise<Pick<TipFormProps, "cities" | "counties">> {
  try {
    const cities: TipFormProps["cities"] = [];
    const counties: TipFormProps["counties"] = [];
    for (const province of await listJurisdictions(deps, { parentCode: null })) {
      for (const city of await listJurisdictions(deps, { parentCode: province.code })) {
        cities.push({ code: city.code, name: city.name, province: province.name });
        counties.push({ city: { code: city.code, name: city.name }, items: await listJurisdictions(deps, { parentCode: city.code }) });
      }
    }
    return { cities, counties };
  } catch {
    deps.logger.warn("place lists unavailable for the web form");
    return { cities: [], counties: [] };
  }
}

/** Error details of submitTip / addTipInfo (zod issue codes) in the field-error vocabulary of the pages. */
export function detailsToFieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [{ path: "body", code: "invalid" }];
  return details.map((d: { path?: string; code?: string }) => ({
    path: d.path || "body",
    code: d.code === "too_small" ? "too_short" : d.code === "too_big" ? "too_long" : d.code === "custom" ? "required" : "invalid",
  }));
}
