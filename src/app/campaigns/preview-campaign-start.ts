import { z } from "zod";
import { CampaignScheduleError, expandTemplate } from "../../domain/campaign-schedule.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import { loadTemplate } from "./start-campaign.js";

export const previewCampaignStartInput = z.object({
  template: z.string().regex(/^[a-z0-9-]+$/),
  year: z.number().int().min(2000).max(2100).optional(),
  figuresDueDay: z.number().int().min(1).max(28).optional(),
});

export interface CampaignStartPreview {
  startsOn: string;
  endsOn: string;
  /** Duties (per unit group) already past due today, and the periods they are for. */
  pastDue: { count: number; periods: string[] };
}

/** What starting a campaign would schedule, before anything is written: the page warns when its dates are already past. */
export async function previewCampaignStart(deps: Pick<Deps, "db" | "clock">, raw: z.input<typeof previewCampaignStartInput>): Promise<CampaignStartPreview> {
  const parsed = previewCampaignStartInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid campaign");
  const template = await loadTemplate(deps.db, parsed.data.template);
  try {
    const schedule = expandTemplate(template, { year: parsed.data.year, figuresDueDay: parsed.data.figuresDueDay });
    const today = shanghaiDate(deps.clock());
    const past = schedule.obligations.filter((o) => o.dueOn < today);
    return {
      startsOn: schedule.startsOn,
      endsOn: schedule.endsOn,
      pastDue: { count: past.length, periods: [...new Set(past.map((o) => o.period).filter(Boolean))].sort() },
    };
  } catch (err) {
    if (err instanceof CampaignScheduleError) throw new AppError("invalid_input", err.message);
    throw err;
  }
}
