import { eq } from "drizzle-orm";
import { z } from "zod";
import { units } from "../../db/schema.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { invalidateRouting } from "../routing/routing-cache.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { managedUnit } from "./managed-unit.js";

export const renameUnitInput = z.object({
  unit: z.union([z.string(), z.number()]),
  name: z.string().trim().min(2).max(80),
  nameEn: z.string().trim().max(120).optional(),
});

/** Rename a unit (机构改革 renames offices often); its key, history and duties stay. */
export async function renameUnit(deps: Deps, actor: StaffActor, raw: z.input<typeof renameUnitInput>): Promise<{ id: number }> {
  const parsed = renameUnitInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "a unit and a name of 2–80 characters are required", [{ path: "name", code: "invalid" }]);
  const input = parsed.data;
  const result = await withTransaction(deps, async (tx) => {
    const unit = await managedUnit(tx.db, actor, input.unit);
    const nameEn = input.nameEn === undefined ? unit.nameEn : input.nameEn || null;
    await tx.db.update(units).set({ name: input.name, nameEn }).where(eq(units.id, unit.id));
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "unit.renamed",
        entity: "unit",
        entityId: unit.id,
        before: { name: unit.name, nameEn: unit.nameEn },
        after: { name: input.name, nameEn },
      },
      tx.clock(),
    );
    return { id: unit.id };
  });
  invalidateRouting(deps.database);
  return result;
}
