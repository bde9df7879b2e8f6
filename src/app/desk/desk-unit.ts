import { AppError } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";

/**
 * The one unit a desk account works for. The desk is for unit staff only: every desk verb starts here,
 * so an admin or committee account (whose scope is wider) never files in a unit's name by accident.
 */
export function deskUnitId(actor: StaffActor): number {
  if (actor.role !== "unit" || actor.unitId === null) throw new AppError("forbidden", "the desk is for unit staff");
  return actor.unitId;
}
