import type { Context } from "hono";

/**
 * PostgreSQL refuses U+0000 in text (PGlite too): a NUL that reaches a query is a 500, or a 503 that an
 * SMS gateway retries for ever. A reporter's own words have NUL stripped where they are cleaned
 * (cleanText, cleanSmsText); everything else (identifiers, search terms, staff form fields) is refused
 * here, at the edge, with a 400.
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object" && !(value instanceof Blob)) return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v));
  return false;
}

/** The raw URL, percent-encoded or not; `%00` is what a browser or curl sends. */
export function urlHasNul(c: Context): boolean {
  return /%00/i.test(c.req.url) || c.req.url.includes("\u0000");
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Form fields (not file contents) of a POST; the parsed body is cached by Hono, so handlers read it again for free. */
export async function formHasNul(c: Context): Promise<boolean> {
  if (c.req.method !== "POST") return false;
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!FORM_TYPES.some((t) => type.startsWith(t))) return false;
  const body = await c.req.parseBody({ all: true }).catch(() => ({}));
  return containsNul(body);
}
