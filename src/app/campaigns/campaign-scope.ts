import { and, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { campaigns, campaignUnits, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";

export type CampaignRow = typeof campaigns.$inferSelect;

/**
 * What one staff member may see of one campaign. `full`: the whole campaign (admins, and committee
 * staff whose subtree contains the issuing jurisdiction). Otherwise only the units in `unitIds`
 * (committee staff: the campaign's units in their subtree; unit staff: their own unit). Anything
 * else is "not found", like tips, so ids reveal nothing.
 */
export interface CampaignAccess {
  campaign: CampaignRow;
  full: boolean;
  /** null with `full`: every unit. */
  unitIds: number[] | null;
  /** Jurisdiction-code prefix of the actor's subtree; null for admins and unit staff. */
  prefix: string | null;
}

export function actorPrefix(actor: StaffActor): string | null {
  if (actor.role === "admin" || actor.unitId) return null;
  return actor.jurisdictionCode ? subtreePrefix(actor.jurisdictionCode) : null;
}

/** SQL condition on campaigns: those the actor may open at all (list page). */
export function visibleCampaigns(actor: StaffActor): SQL {
  if (actor.role === "admin") return sql`true`;
  if (actor.unitId) {
    return sql`exists (select 1 from ${campaignUnits} cu where cu.campaign_id = ${campaigns.id} and cu.unit_id = ${actor.unitId})`;
  }
  const prefix = actorPrefix(actor);
  if (!prefix) return sql`false`;
  const p = `${prefix}%`;
  return sql`(${campaigns.issuingJurisdictionCode} like ${p} or exists (select 1 from ${campaignUnits} cu join ${units} u on u.id = cu.unit_id
    where cu.campaign_id = ${campaigns.id} and u.jurisdiction_code like ${p}))`;
}

export async function campaignAccess(deps: Pick<Deps, "db">, input: { actor: StaffActor; campaignId: number }): Promise<CampaignAccess> {
  const { db } = deps;
  const { actor, campaignId } = input;
  if (!Number.isSafeInteger(campaignId) || campaignId <= 0) throw new AppError("not_found", "campaign not found");
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw new AppError("not_found", "campaign not found");
  if (actor.role === "admin") return { campaign, full: true, unitIds: null, prefix: null };
  if (actor.unitId) {
    const [own] = await db
      .select({ id: campaignUnits.unitId })
      .from(campaignUnits)
      .where(and(eq(campaignUnits.campaignId, campaignId), eq(campaignUnits.unitId, actor.unitId)));
    if (!own) throw new AppError("not_found", "campaign not found");
    return { campaign, full: false, unitIds: [actor.unitId], prefix: null };
  }
  const prefix = actorPrefix(actor);
  if (!prefix) throw new AppError("not_found", "campaign not found");
  if (campaign.issuingJurisdictionCode.startsWith(prefix)) return { campaign, full: true, unitIds: null, prefix };
  const mine = await db
    .select({ id: units.id })
    .from(campaignUnits)
    .innerJoin(units, eq(units.id, campaignUnits.unitId))
    .where(and(eq(campaignUnits.campaignId, campaignId), like(units.jurisdictionCode, `${prefix}%`)));
  if (mine.length === 0) throw new AppError("not_found", "campaign not found");
  return { campaign, full: false, unitIds: mine.map((m) => m.id), prefix };
}

/** Filter helper: rows of units the access covers. */
export function unitFilter(access: CampaignAccess, column: typeof units.id | typeof campaignUnits.unitId): SQL | undefined {
  return access.unitIds ? inArray(column, access.unitIds) : undefined;
}
