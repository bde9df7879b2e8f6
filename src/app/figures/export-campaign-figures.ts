import { z } from "zod";
import { AppError, type Deps } from "../deps.js";
import { campaignAccess } from "../campaigns/campaign-scope.js";
import type { StaffActor } from "../staff/actor.js";
import { exportFigures, type ExportedFigures } from "./export-figures.js";
import { PERIOD_RE } from "./stored-values.js";
import { parseFiguresInput } from "./submit-figures.js";

export const exportCampaignFiguresInput = z.object({
  campaignId: z.number().int().positive(),
  month: z.string().regex(PERIOD_RE),
  format: z.enum(["xlsx", "csv"]),
});

/**
 * A staff member's download of a campaign's 月报表, limited to what they may see: the whole campaign
 * (summary and every unit) for those who see all of it; their own unit's form for unit staff.
 * Committee staff who see only part of a campaign get nothing: its summary adds up units outside their
 * subtree, and a partial summary would be a different document from the one the issuer signs.
 */
export async function exportCampaignFigures(
  deps: Pick<Deps, "db" | "clock">,
  raw: { actor: StaffActor; campaignId: number; month: string; format: string },
): Promise<ExportedFigures> {
  const input = parseFiguresInput(exportCampaignFiguresInput, raw);
  const access = await campaignAccess(deps, { actor: raw.actor, campaignId: input.campaignId });
  const unit = access.full ? undefined : (raw.actor.unitId ?? undefined);
  if (!access.full && unit === undefined) throw new AppError("not_found", "campaign not found");
  return exportFigures(deps, { campaignId: access.campaign.id, month: input.month, format: input.format, unit });
}
