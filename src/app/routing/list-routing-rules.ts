import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { jurisdictions, routingRules, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";

export const listRoutingRulesInput = z.object({ jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/) });

/** The rules set at exactly one jurisdiction (sector × unit), plus the active units a rule there may name. */
export async function listRoutingRules(deps: Deps, actor: StaffActor, raw: z.input<typeof listRoutingRulesInput>) {
  requireManager(actor);
  const parsed = listRoutingRulesInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "jurisdiction must be a division code");
  const code = parsed.data.jurisdiction;
  if (!inPrefix(code, await jurisdictionPrefix(deps.db, actor))) throw new AppError("not_found", "no such jurisdiction");
  const [jurisdiction] = await deps.db.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  if (!jurisdiction) throw new AppError("not_found", "no such jurisdiction");
  const rules = await deps.db
    .select({
      id: routingRules.id,
      sectorCode: routingRules.sectorCode,
      unitId: routingRules.unitId,
      unitName: units.name,
      unitNameEn: units.nameEn,
      note: routingRules.note,
      updatedBy: routingRules.updatedBy,
      updatedAt: routingRules.updatedAt,
    })
    .from(routingRules)
    .innerJoin(units, eq(units.id, routingRules.unitId))
    .where(eq(routingRules.jurisdictionCode, code))
    .orderBy(asc(routingRules.sectorCode));
  // A rule may name a unit of this jurisdiction or of one above it (a county without a fire unit → the city's).
  const ancestors = [code, code.slice(0, 6), `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  const candidates = await deps.db
    .select({ id: units.id, name: units.name, nameEn: units.nameEn, jurisdictionCode: units.jurisdictionCode })
    .from(units)
    .where(and(eq(units.active, true), inArray(units.jurisdictionCode, ancestors)))
    .orderBy(asc(units.jurisdictionCode), asc(units.id));
  return { jurisdiction, rules, units: candidates };
}
