import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { jurisdictions, routingRules, units } from "../../db/schema.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { invalidateRouting } from "./routing-cache.js";

export const setRoutingRuleInput = z.object({
  sectorCode: z.enum(SECTOR_CODES),
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  unitId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(2).max(500),
});

/**
 * Create or change the rule for one sector at one jurisdiction (committee staff within their subtree,
 * admins anywhere). The cache is dropped after commit so the next tip routed by this process uses it.
 */
export async function setRoutingRule(deps: Deps, actor: StaffActor, raw: z.input<typeof setRoutingRuleInput>): Promise<{ id: number; created: boolean }> {
  requireManager(actor);
  const parsed = setRoutingRuleInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid rule",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const { sectorCode, jurisdictionCode, unitId, reason } = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  if (!inPrefix(jurisdictionCode, prefix)) throw new AppError("not_found", "no such jurisdiction in your scope");
  const now = deps.clock();
  const result = await deps.db.transaction(async (tx) => {
    const [j] = await tx.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, jurisdictionCode));
    if (!j) throw new AppError("invalid_input", "unknown jurisdiction", ["jurisdictionCode"]);
    const [unit] = await tx.select({ id: units.id, active: units.active }).from(units).where(eq(units.id, unitId));
    if (!unit?.active) throw new AppError("invalid_input", "unknown or inactive unit", ["unitId"]);
    const [before] = await tx
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.sectorCode, sectorCode), eq(routingRules.jurisdictionCode, jurisdictionCode)))
      .for("update");
    const by = actorLabel(actor);
    let id: number;
    if (before) {
      await tx.update(routingRules).set({ unitId, note: reason, updatedBy: by, updatedAt: now }).where(eq(routingRules.id, before.id));
      id = before.id;
    } else {
      [{ id }] = await tx
        .insert(routingRules)
        .values({ sectorCode, jurisdictionCode, unitId, note: reason, updatedBy: by, updatedAt: now })
        .returning({ id: routingRules.id });
    }
    await appendAudit(
      tx,
      {
        actor: by,
        action: before ? "routing_rule.changed" : "routing_rule.created",
        entity: "routing_rule",
        entityId: id,
        before: before ? { sectorCode, jurisdictionCode, unitId: before.unitId } : null,
        after: { sectorCode, jurisdictionCode, unitId },
        reason,
      },
      now,
    );
    return { id, created: !before };
  });
  invalidateRouting(deps.database);
  return result;
}
