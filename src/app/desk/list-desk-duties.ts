import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { listObligations, type ObligationView } from "../campaigns/list-obligations.js";
import { deskUnitId } from "./desk-unit.js";

/** The unit's open duties by due date: the same list the bot's /duties shows its liaisons. */
export async function listDeskDuties(deps: Deps, input: { actor: StaffActor }): Promise<{ items: ObligationView[]; total: number }> {
  return listObligations(deps, { unitIds: [deskUnitId(input.actor)], status: "open", limit: 500 });
}
