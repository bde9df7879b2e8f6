import { desc, sql } from "drizzle-orm";
import { campaigns } from "../../db/schema.js";
import { rows } from "../../db/client.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { visibleCampaigns } from "./campaign-scope.js";

export interface CampaignSummary {
  id: number;
  name: string;
  templateCode: string | null;
  issuingJurisdictionCode: string;
  startsOn: string;
  endsOn: string;
  figuresDueDay: number | null;
  status: "active" | "finished" | "cancelled";
  units: number;
  open: number;
  done: number;
  late: number;
}

/**
 * Campaigns the actor may open, newest first, with obligation counts. Counts are the whole campaign's
 * for those who see it whole; a campaign's page narrows them to the actor's units.
 */
export async function listCampaigns(deps: Pick<Deps, "db" | "clock">, input: { actor: StaffActor }): Promise<CampaignSummary[]> {
  const found = await deps.db.select().from(campaigns).where(visibleCampaigns(input.actor)).orderBy(desc(campaigns.createdAt), desc(campaigns.id)).limit(200);
  if (found.length === 0) return [];
  const today = shanghaiDate(deps.clock());
  const ids = sql.join(
    found.map((c) => sql`${c.id}`),
    sql`, `,
  );
  const counts = await rows<{ campaign_id: number; units: number; open: number; done: number; late: number }>(
    deps.db,
    sql`
    select campaign_id, count(distinct unit_id)::int as units,
      (count(*) filter (where status = 'open' and due_on >= ${today}))::int as open,
      (count(*) filter (where status = 'done'))::int as done,
      (count(*) filter (where status = 'open' and due_on < ${today}))::int as late
    from obligations where campaign_id in (${ids}) group by campaign_id`,
  );
  const byId = new Map(counts.map((c) => [Number(c.campaign_id), c]));
  return found.map((c) => {
    const n = byId.get(c.id);
    return {
      id: c.id,
      name: c.name,
      templateCode: c.templateCode,
      issuingJurisdictionCode: c.issuingJurisdictionCode,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      figuresDueDay: c.figuresDueDay,
      status: c.status,
      units: Number(n?.units ?? 0),
      open: Number(n?.open ?? 0),
      done: Number(n?.done ?? 0),
      late: Number(n?.late ?? 0),
    };
  });
}
