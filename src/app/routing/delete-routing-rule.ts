import { eq } from "drizzle-orm";
import { z } from "zod";
import { routingRules } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "../manage/manage-scope.js";
import { invalidateRouting } from "./routing-cache.js";

export const deleteRoutingRuleInput = z.object({
  ruleId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(2).max(500),
});

/** Remove one rule (tips of that sector then walk up to the parent jurisdiction's rule); audited with the old values. */
export async function deleteRoutingRule(deps: Deps, actor: StaffActor, raw: z.input<typeof deleteRoutingRuleInput>): Promise<void> {
  requireManager(actor);
  const parsed = deleteRoutingRuleInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a rule and a reason are required");
  const { ruleId, reason } = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const [rule] = await tx.select().from(routingRules).where(eq(routingRules.id, ruleId)).for("update");
    if (!rule || !inPrefix(rule.jurisdictionCode, prefix)) throw new AppError("not_found", "no such rule");
    await tx.delete(routingRules).where(eq(routingRules.id, ruleId));
    await appendAudit(
      tx,
      {
        actor: actorLabel(actor),
        action: "routing_rule.deleted",
        entity: "routing_rule",
        entityId: ruleId,
        before: { sectorCode: rule.sectorCode, jurisdictionCode: rule.jurisdictionCode, unitId: rule.unitId },
        after: null,
        reason,
      },
      now,
    );
  });
  invalidateRouting(deps.database);
}
