import type { TipStatus } from "./tip-status.js";

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), the pure parts: the status mapping, the W3C
 * datetime format, the query window and the XML rendering of the spec's documents.
 */

export const OPEN311_FORMATS = ["json", "xml"] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The spec's default and maximum: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;
const DAY_MS = 86_400_000;

/** Open while someone still has to act (accept, verify, answer, review); closed once answered, refused or merged. */
const CLOSED: readonly TipStatus[] = ["not_accepted", "closed", "merged"];
export function open311Status(status: TipStatus): "open" | "closed" {
  return CLOSED.includes(status) ? "closed" : "open";
}
export function tipStatusesFor(wanted: "open" | "closed", all: readonly TipStatus[]): TipStatus[] {
  return all.filter((s) => open311Status(s) === wanted);
}

/** W3C datetime with the zone: UTC seconds, e.g. 2026-12-05T13:15:30Z. */
export function w3cDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A W3C datetime (a date alone means its midnight UTC); null when not one. */
export function parseW3cDateTime(value: string): Date | null {
  const m = W3C.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59)) return null;
  const date = new Date(h === undefined ? `${y}-${mo}-${d}T00:00:00Z` : value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

export type WindowResult = { ok: true; start: Date; end: Date } | { ok: false; description: string };

/**
 * The requested_datetime window of GET requests: none given, the last 90 days; one given, 90 days from
 * (or up to) it; both, at most 90 days apart and in order.
 */
export function requestWindow(startRaw: string | undefined, endRaw: string | undefined, now: Date): WindowResult {
  const start = startRaw ? parseW3cDateTime(startRaw) : undefined;
  const end = endRaw ? parseW3cDateTime(endRaw) : undefined;
  if (start === null) return { ok: false, description: "start_date is not a W3C datetime (e.g. 2026-11-05T08:15:30+08:00)" };
  if (end === null) return { ok: false, description: "end_date is not a W3C datetime (e.g. 2026-11-05T08:15:30+08:00)" };
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && end) {
    if (end.getTime() < start.getTime()) return { ok: false, description: "end_date is before start_date" };
    if (end.getTime() - start.getTime() > span) return { ok: false, description: `start_date and end_date may not span more than ${MAX_SPAN_DAYS} days` };
    return { ok: true, start, end };
  }
  if (start) return { ok: true, start, end: new Date(start.getTime() + span) };
  if (end) return { ok: true, start: new Date(end.getTime() - span), end };
  return { ok: true, start: new Date(now.getTime() - span), end: now };
}

/** A coordinate rounded to 0.01° (about 1 km), or null when absent or not a number. */
export function roundedCoordinate(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100) / 100;
}

/** A comma-delimited parameter ("open,closed"), trimmed, empty entries dropped. */
export function commaList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface Open311Error {
  code: number;
  description: string;
}

/** The spec's element name for one entry of each list. */
const ITEM_NAME: Record<string, string> = {
  services: "service",
  service_requests: "request",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  errors: "error",
};

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

/**
 * One document in the spec's XML: the declaration, the root, then each field as an element in order; a
 * list's entries are named after it (services → service, attributes → attribute …); null is an empty element.
 */
export function toOpen311Xml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined || value === "") return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAME[name] ?? "item";
    return `<${name}>${value.map((v) => element(item, v)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the five specials are escaped.
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
  return clean.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
