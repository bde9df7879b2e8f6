import { and, desc, eq, gt, gte, inArray, like, lte, or, type SQL } from "drizzle-orm";
import { jurisdictions, tips, units } from "../../db/schema.js";
import { MAX_REQUESTS, open311Status, tipStatusesFor, roundedCoordinate, w3cDateTime } from "../../domain/open311.js";
import { normalizeTrackingCode } from "../../domain/receipts.js";
import { isSectorCode, sectorInfo } from "../../domain/sectors.js";
import { TIP_STATUSES, type TipStatus } from "../../domain/tip-status.js";
import type { Deps } from "../deps.js";
import { groupAnswer } from "../tips/tip-answer.js";
import { subtreePrefix } from "../triage/scope.js";
import type { Open311Lang } from "./services.js";

/**
 * A tip as the public sees it through Open311: never its text, reporter, contact, attachments or notes.
 * Field names and order are the spec's (GET Service Requests).
 */
export interface PublicServiceRequest {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: null;
  agency_responsible: string;
  service_notice: null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

const OPAQUE = /^o[A-Za-z0-9_-]{22}$/;

/** The public id of a tip whose reporter did not agree to publish the tracking code: a keyed hash, not reversible. */
export function opaqueRequestId(deps: Pick<Deps, "crypto">, tipId: number): string {
  return `o${deps.crypto.hash("open311-request", String(tipId)).slice(0, 22)}`;
}

export function publicRequestId(deps: Pick<Deps, "crypto">, tip: { id: number; trackingCode: string; publishConsent: boolean }): string {
  return tip.publishConsent ? tip.trackingCode : opaqueRequestId(deps, tip.id);
}

/** opaque id → tip id, filled incrementally (tip ids never change), one map per APP_SECRET. */
const opaqueIndex = new WeakMap<object, { upTo: number; ids: Map<string, number> }>();

async function resolveOpaque(deps: Pick<Deps, "db" | "crypto">, opaque: string): Promise<number | null> {
  let index = opaqueIndex.get(deps.crypto);
  if (!index) opaqueIndex.set(deps.crypto, (index = { upTo: 0, ids: new Map() }));
  const known = index.ids.get(opaque);
  if (known !== undefined) return known;
  const rows = await deps.db.select({ id: tips.id }).from(tips).where(gt(tips.id, index.upTo)).orderBy(tips.id);
  for (const r of rows) {
    index.ids.set(opaqueRequestId(deps, r.id), r.id);
    index.upTo = r.id;
  }
  return index.ids.get(opaque) ?? null;
}

export interface RequestQuery {
  start: Date;
  end: Date;
  serviceCodes: string[];
  statuses: ("open" | "closed")[];
  /** A known jurisdiction code: its subtree. */
  jurisdictionCode?: string;
}

const columns = {
  id: tips.id,
  trackingCode: tips.trackingCode,
  publishConsent: tips.publishConsent,
  status: tips.status,
  sectorCode: tips.sectorCode,
  jurisdictionCode: tips.jurisdictionCode,
  locationLat: tips.locationLat,
  locationLon: tips.locationLon,
  nextDueAt: tips.nextDueAt,
  receivedAt: tips.receivedAt,
  updatedAt: tips.updatedAt,
  unitName: units.name,
  unitNameEn: units.nameEn,
};
interface Row {
  id: number;
  trackingCode: string;
  publishConsent: boolean;
  status: string;
  sectorCode: string;
  jurisdictionCode: string | null;
  locationLat: string | null;
  locationLon: string | null;
  nextDueAt: Date | null;
  receivedAt: Date;
  updatedAt: Date;
  unitName: string;
  unitNameEn: string | null;
}

export async function jurisdictionExists(deps: Pick<Deps, "db">, code: string): Promise<boolean> {
  if (!/^\d{6}(\d{3})?$/.test(code)) return false;
  const [row] = await deps.db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, code));
  return Boolean(row);
}

/** GET requests: newest first, at most 1000, within the window. */
export async function listServiceRequests(deps: Pick<Deps, "db" | "crypto">, q: RequestQuery, lang: Open311Lang): Promise<PublicServiceRequest[]> {
  const where: SQL[] = [gte(tips.receivedAt, q.start), lte(tips.receivedAt, q.end)];
  if (q.serviceCodes.length) where.push(inArray(tips.sectorCode, q.serviceCodes));
  if (q.statuses.length === 1) where.push(inArray(tips.status, tipStatusesFor(q.statuses[0]!, TIP_STATUSES)));
  if (q.jurisdictionCode) where.push(like(tips.jurisdictionCode, `${subtreePrefix(q.jurisdictionCode)}%`));
  const rows = await deps.db
    .select(columns)
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(and(...where))
    .orderBy(desc(tips.receivedAt), desc(tips.id))
    .limit(MAX_REQUESTS);
  return present(deps, rows, lang);
}

/** GET request(s) by public id: a published tracking code or an opaque id; unknown ids are left out. */
export async function findServiceRequests(deps: Pick<Deps, "db" | "crypto">, ids: string[], lang: Open311Lang): Promise<PublicServiceRequest[]> {
  const conditions: SQL[] = [];
  for (const raw of ids.slice(0, MAX_REQUESTS)) {
    if (OPAQUE.test(raw)) {
      const id = await resolveOpaque(deps, raw);
      if (id !== null) conditions.push(and(eq(tips.id, id), eq(tips.publishConsent, false))!);
      continue;
    }
    const code = normalizeTrackingCode(raw);
    if (code) conditions.push(and(eq(tips.trackingCode, code), eq(tips.publishConsent, true))!);
  }
  if (!conditions.length) return [];
  const rows = await deps.db
    .select(columns)
    .from(tips)
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(or(...conditions))
    .orderBy(desc(tips.receivedAt));
  return present(deps, rows, lang);
}

async function present(deps: Pick<Deps, "db" | "crypto">, rows: Row[], lang: Open311Lang): Promise<PublicServiceRequest[]> {
  const addresses = await countyAddresses(
    deps,
    rows.map((r) => r.jurisdictionCode).filter((c): c is string => Boolean(c)),
  );
  const out: PublicServiceRequest[] = [];
  for (const r of rows) {
    const status = open311Status(r.status as TipStatus);
    const sector = isSectorCode(r.sectorCode) ? sectorInfo(r.sectorCode) : null;
    const lat = roundedCoordinate(r.locationLat);
    const lon = roundedCoordinate(r.locationLon);
    out.push({
      service_request_id: publicRequestId(deps, r),
      status,
      status_notes: await statusNotes(deps, r, lang),
      service_name: sector ? (lang === "en" ? sector.en : sector.zh) : r.sectorCode,
      service_code: r.sectorCode,
      description: null,
      agency_responsible: lang === "en" && r.unitNameEn ? r.unitNameEn : r.unitName,
      service_notice: null,
      requested_datetime: w3cDateTime(r.receivedAt),
      updated_datetime: w3cDateTime(r.updatedAt),
      expected_datetime: status === "open" && r.nextDueAt ? w3cDateTime(r.nextDueAt) : null,
      address: r.jurisdictionCode ? (addresses.get(countyCode(r.jurisdictionCode)) ?? null) : null,
      address_id: null,
      zipcode: null,
      lat: lat !== null && lon !== null ? lat : null,
      long: lat !== null && lon !== null ? lon : null,
      media_url: null,
    });
  }
  return out;
}

/**
 * The 核查结论 (first item) of the answer staff gave the reporter (public events only), with every tracking
 * code cut out unless the reporter agreed to publish theirs. Internal notes and the other items are never read.
 */
async function statusNotes(deps: Pick<Deps, "db">, r: Row, lang: Open311Lang): Promise<string | null> {
  if (!["closed", "merged", "objected", "under_review"].includes(r.status)) return null;
  const answer = await groupAnswer(deps.db, { id: r.id, trackingCode: r.trackingCode });
  if (!answer) return null;
  const items = lang === "en" && answer.en ? answer.en : answer;
  const conclusion = r.publishConsent ? items.conclusion : items.conclusion.split(r.trackingCode).join("");
  return conclusion.trim() || null;
}

/** A township's tip is placed at its county (the first six digits); other levels as they are. */
function countyCode(code: string): string {
  return code.length > 6 ? code.slice(0, 6) : code;
}

async function countyAddresses(deps: Pick<Deps, "db">, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.map(countyCode))];
  if (!wanted.length) return new Map();
  const rows = await deps.db
    .select({ code: jurisdictions.code, fullName: jurisdictions.fullName })
    .from(jurisdictions)
    .where(inArray(jurisdictions.code, wanted));
  return new Map(rows.map((r) => [r.code, r.fullName]));
}
