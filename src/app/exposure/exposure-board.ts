import { and, desc, eq, gte, inArray, like, lte, ne, or, isNull, type SQL } from "drizzle-orm";
import { blacklistEntries, campaigns, enterprises, exposures, jurisdictions } from "../../db/schema.js";
import type { Figures } from "../../domain/figures.js";
import { cumulative } from "../../domain/figures.js";
import { quarterOf, quarterRange, QUARTER_RE, shanghaiDay } from "../../domain/quarters.js";
import { rollupFigures } from "../figures/rollup.js";
import type { Deps } from "../deps.js";

/** What the public sees of one entry. A withdrawn one keeps only the notice: nothing of what it said. */
export type PublicExposure =
  | {
      id: number;
      kind: "hazard" | "violation" | "closure";
      status: "published";
      enterprise: string;
      place: { code: string; name: string };
      findings: string;
      measures: string;
      date: string;
      publishedOn: string;
    }
  | { id: number; kind: "hazard" | "violation" | "closure"; status: "withdrawn"; withdrawnOn: string };

export interface PublicListing {
  id: number;
  enterprise: string;
  creditCode: string | null;
  place: { code: string; name: string };
  legalBasis: string;
  listingUnit: string;
  reason: string;
  startsOn: string;
  plannedEndOn: string | null;
  status: "listed" | "removed";
  removedOn: string | null;
}

export interface CampaignProgress {
  campaignId: number;
  name: string;
  /** Units (under the chosen area) that filed at least one month of the quarter. */
  unitsReporting: number;
  quarter: Figures;
  /** 累计数 since the campaign began, up to the quarter's last month (or this month, in the running quarter). */
  cumulative: Figures;
}

export interface ExposureBoard {
  /** City or county code chosen (a 4- or 6-digit prefix is derived from it); null = the whole province. */
  area: string | null;
  /** null: every quarter (feeds and the JSON endpoint without ?quarter). */
  quarter: string | null;
  exposures: PublicExposure[];
  closures: PublicExposure[];
  blacklist: PublicListing[];
  campaigns: CampaignProgress[];
}

const LIMIT = 500;
const day = (d: Date | null) => (d ? shanghaiDay(d) : "");

/** The area's subtree as a LIKE prefix: a city 450100 → 4501, a county 450102 → 450102. */
export function areaPrefix(area: string | null): string | null {
  if (!area || !/^\d{6}$/.test(area)) return null;
  if (area.endsWith("0000")) return area.slice(0, 2);
  return area.endsWith("00") ? area.slice(0, 4) : area;
}

/**
 * The 曝光台's lists for an area and a quarter, read without any sign-in: published and withdrawn entries
 * (drafts never), listings active at some day of the quarter, and each running campaign's roll-up figures.
 * Only staff-written fields leave here; no tip, reporter or staff name is even selected.
 */
export async function exposureBoard(
  deps: Pick<Deps, "db" | "clock">,
  opts: { area?: string | null; quarter?: string | null; campaigns?: boolean },
): Promise<ExposureBoard> {
  const area = opts.area && /^\d{6}$/.test(opts.area) ? opts.area : null;
  const quarter = opts.quarter && QUARTER_RE.test(opts.quarter) ? opts.quarter : null;
  const range = quarter ? quarterRange(quarter) : null;
  const prefix = areaPrefix(area);

  const where: SQL[] = [ne(exposures.status, "draft")];
  if (prefix) where.push(like(exposures.jurisdictionCode, `${prefix}%`));
  if (range) where.push(gte(exposures.occurredOn, range.from), lte(exposures.occurredOn, range.to));
  const found = await deps.db
    .select({ e: exposures, placeName: jurisdictions.fullName })
    .from(exposures)
    .innerJoin(jurisdictions, eq(jurisdictions.code, exposures.jurisdictionCode))
    .where(and(...where))
    .orderBy(desc(exposures.occurredOn), desc(exposures.id))
    .limit(LIMIT);
  const entries: PublicExposure[] = found.map(({ e, placeName }) =>
    e.status === "withdrawn"
      ? { id: e.id, kind: e.kind, status: "withdrawn", withdrawnOn: day(e.withdrawnAt) }
      : {
          id: e.id,
          kind: e.kind,
          status: "published",
          enterprise: e.enterpriseName,
          place: { code: e.jurisdictionCode, name: placeName },
          findings: e.findings,
          measures: e.measures,
          date: String(e.occurredOn),
          publishedOn: day(e.publishedAt),
        },
  );

  const listed: SQL[] = [];
  if (prefix) listed.push(like(enterprises.jurisdictionCode, `${prefix}%`));
  if (range) listed.push(lte(blacklistEntries.startsOn, range.to), or(isNull(blacklistEntries.removedOn), gte(blacklistEntries.removedOn, range.from))!);
  const listings = await deps.db
    .select({ b: blacklistEntries, name: enterprises.name, creditCode: enterprises.creditCode, code: enterprises.jurisdictionCode })
    .from(blacklistEntries)
    .innerJoin(enterprises, eq(enterprises.id, blacklistEntries.enterpriseId))
    .where(and(...listed))
    .orderBy(desc(blacklistEntries.startsOn), desc(blacklistEntries.id))
    .limit(LIMIT);
  const counties = [...new Set(listings.map((l) => l.code.slice(0, 6)))];
  const names = new Map(
    counties.length
      ? (await deps.db.select({ code: jurisdictions.code, name: jurisdictions.fullName }).from(jurisdictions).where(inArray(jurisdictions.code, counties))).map(
          (j) => [j.code, j.name],
        )
      : [],
  );
  const blacklist: PublicListing[] = listings.map(({ b, name, creditCode, code }) => ({
    id: b.id,
    enterprise: name,
    creditCode,
    place: { code: code.slice(0, 6), name: names.get(code.slice(0, 6)) ?? code.slice(0, 6) },
    legalBasis: b.legalBasis,
    listingUnit: b.listingUnit,
    reason: b.reason,
    startsOn: String(b.startsOn),
    plannedEndOn: b.plannedEndOn ? String(b.plannedEndOn) : null,
    status: b.status === "removed" ? "removed" : "listed",
    removedOn: b.removedOn ? String(b.removedOn) : null,
  }));

  return {
    area,
    quarter,
    exposures: entries.filter((e) => e.kind !== "closure"),
    closures: entries.filter((e) => e.kind === "closure"),
    blacklist,
    campaigns: opts.campaigns && quarter ? await campaignProgress(deps, area, quarter) : [],
  };
}

/** Each campaign (not cancelled, at most five) through the 月报表 roll-up, for the area, over the quarter's months. */
async function campaignProgress(deps: Pick<Deps, "db" | "clock">, area: string | null, quarter: string): Promise<CampaignProgress[]> {
  const range = quarterRange(quarter)!;
  const thisMonth = shanghaiDay(deps.clock()).slice(0, 7);
  const list = await deps.db
    .select({ id: campaigns.id, name: campaigns.name, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn })
    .from(campaigns)
    .where(and(ne(campaigns.status, "cancelled"), lte(campaigns.startsOn, range.to), gte(campaigns.endsOn, range.from)))
    .orderBy(desc(campaigns.startsOn), desc(campaigns.id))
    .limit(5);
  const out: CampaignProgress[] = [];
  for (const c of list) {
    const months = range.months.filter((m) => m >= String(c.startsOn).slice(0, 7) && m <= String(c.endsOn).slice(0, 7) && m <= thisMonth);
    const monthly: Figures[] = [];
    let last: Figures | null = null;
    let reporting = 0;
    for (const m of months) {
      const rolled = await rollupFigures(deps, { campaignId: c.id, month: m });
      const row = area ? rolled.find((r) => r.code === area) : rolled.find((r) => r.level === "province");
      if (!row) continue;
      monthly.push(row.month);
      last = row.cumulative;
      reporting = Math.max(reporting, row.unitsReporting);
    }
    if (!last) continue;
    out.push({ campaignId: c.id, name: c.name, unitsReporting: reporting, quarter: cumulative(monthly), cumulative: last });
  }
  return out;
}

/** The quarter to show when none was asked for: this one. */
export function currentQuarter(deps: Pick<Deps, "clock">): string {
  return quarterOf(shanghaiDay(deps.clock()));
}
