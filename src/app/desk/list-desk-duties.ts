import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { listObligations, type ObligationView } from "../campaigns/list-obligations.js";
import { localDate } from "../campaigns/complete-obligation.js";
import { deskUnitId } from "./desk-unit.js";

export interface DeskDuties {
  /** Open duties by due date: the same list the bot's /duties shows the unit's liaisons. */
  open: ObligationView[];
  /** Months already filed, latest first: where a correction starts. */
  filed: ObligationView[];
  /** The campaign's calendar day now, to tell overdue duties. */
  today: string;
}

export async function listDeskDuties(deps: Deps, input: { actor: StaffActor }): Promise<DeskDuties> {
  const unitIds = [deskUnitId(input.actor)];
  const open = await listObligations(deps, { unitIds, status: "open", limit: 500 });
  const done = await listObligations(deps, { unitIds, status: "done", limit: 500 });
  return {
    open: open.items,
    filed: done.items.filter((o) => o.kind === "figures").reverse(),
    today: localDate(deps.clock(), deps.config.TZ_CAMPAIGN),
  };
}
