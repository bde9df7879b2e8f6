import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { tipEvents, tips, unitSectors, units } from "../../db/schema.js";
import type { SectorCode } from "../../domain/sectors.js";
import type { Deps } from "../deps.js";
import { withinPrefix } from "../manage/manage-scope.js";

/**
 * A staff correction of the router, read as a labelled example: a tip that staff transferred away from
 * the unit the router chose. It is a query over the `transferred` tip events and the tip as it stands,
 * not a copy: the label is the unit that holds the tip now (the last transfer wins) and the sector that
 * unit answers for. No reporter identity is read.
 */
export interface StaffCorrection {
  tipId: number;
  trackingCode: string;
  text: string;
  placeText: string | null;
  enterpriseText: string | null;
  /** The enterprise the router matched, if any. */
  enterpriseId: number | null;
  receivedAt: Date;
  /** What the router decided when the tip arrived. */
  routedSector: SectorCode;
  routedUnitId: number;
  /** The jurisdiction the router placed the tip in (its rules are looked up there). */
  jurisdictionCode: string | null;
  urgent: boolean;
  /** The staff label: the unit holding the tip now, and its sector when that is unambiguous. */
  finalUnitId: number;
  finalUnitName: string;
  finalUnitNameEn: string | null;
  finalUnitJurisdiction: string;
  /** The final unit's one sector; the routed sector when the final unit also answers for it; null for a 安委办 or a many-sector unit. */
  finalSector: SectorCode | null;
  /** Who made the last transfer, and when. */
  by: string;
  at: Date;
}

/**
 * Every tip whose last transfer left it with another unit than the router chose, newest first.
 * `prefix` limits to tips placed in one jurisdiction subtree (null: all); `since` to transfers from then.
 */
export async function listStaffCorrections(deps: Pick<Deps, "db">, opts: { prefix?: string | null; since?: Date } = {}): Promise<StaffCorrection[]> {
  const routed = sql<number>`(select (r.data->>'unitId')::int from tip_events r where r.tip_id = ${tips.id} and r.kind = 'routed' order by r.id limit 1)`;
  const last = sql`${tipEvents.id} = (select max(l.id) from tip_events l where l.tip_id = ${tips.id} and l.kind = 'transferred')`;
  const rows = await deps.db
    .select({
      tipId: tips.id,
      trackingCode: tips.trackingCode,
      text: tips.text,
      placeText: tips.placeText,
      enterpriseText: tips.enterpriseText,
      enterpriseId: tips.enterpriseId,
      receivedAt: tips.receivedAt,
      routedSector: tips.sectorCode,
      routedUnitId: routed,
      jurisdictionCode: tips.jurisdictionCode,
      urgent: tips.urgent,
      finalUnitId: tips.unitId,
      finalUnitName: units.name,
      finalUnitNameEn: units.nameEn,
      finalUnitJurisdiction: units.jurisdictionCode,
      by: tipEvents.actor,
      at: tipEvents.at,
    })
    .from(tipEvents)
    .innerJoin(tips, eq(tips.id, tipEvents.tipId))
    .innerJoin(units, eq(units.id, tips.unitId))
    .where(
      and(
        eq(tipEvents.kind, "transferred"),
        last,
        opts.prefix === undefined ? sql`true` : withinPrefix(tips.jurisdictionCode, opts.prefix),
        opts.since ? gte(tipEvents.at, opts.since) : sql`true`,
      ),
    )
    .orderBy(desc(tipEvents.at), desc(tipEvents.id));
  const moved = rows.filter((r) => r.routedUnitId !== null && Number(r.routedUnitId) !== r.finalUnitId);
  const unitIds = [...new Set(moved.map((r) => r.finalUnitId))];
  const sectorsOf = new Map<number, string[]>();
  if (unitIds.length) {
    for (const s of await deps.db.select().from(unitSectors).where(inArray(unitSectors.unitId, unitIds))) {
      sectorsOf.set(s.unitId, [...(sectorsOf.get(s.unitId) ?? []), s.sectorCode]);
    }
  }
  return moved.map((r) => {
    const own = sectorsOf.get(r.finalUnitId) ?? [];
    const finalSector = own.length === 1 ? own[0] : own.includes(r.routedSector) ? r.routedSector : null;
    return { ...r, routedUnitId: Number(r.routedUnitId), routedSector: r.routedSector as SectorCode, finalSector: finalSector as SectorCode | null };
  });
}
