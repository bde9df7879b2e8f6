import type { Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { planRetirement, type RetireMode, type RetirementPlan } from "./unit-retirement.js";

/** The confirmation step: what retiring or merging the unit would move, changing nothing. */
export function previewUnitRetirement(
  deps: Deps,
  actor: StaffActor,
  input: { unit: string | number; into: string | number; mode: RetireMode },
): Promise<RetirementPlan> {
  return planRetirement(deps.db, actor, input);
}
