import { eq } from "drizzle-orm";
import { z } from "zod";
import { jurisdictions, unitSectors, units } from "../../db/schema.js";
import { SECTOR_CODES } from "../../domain/sectors.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { setRoutingRule } from "../routing/set-routing-rule.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { withTransaction } from "../with-transaction.js";
import { inPrefix, jurisdictionPrefix, requireManager } from "./manage-scope.js";

export const createUnitInput = z.object({
  name: z.string().trim().min(2).max(80),
  nameEn: z.string().trim().max(120).optional(),
  /** 片区服务中心 and 办事处 work like a township government; a new department answers for its sectors. */
  kind: z.enum(["township", "department"]),
  jurisdictionCode: z
    .string()
    .trim()
    .regex(/^\d{6}(\d{3})?$/),
  /** Sectors the unit answers for; with `route`, tips of these sectors at its jurisdiction go to it. */
  sectors: z.array(z.enum(SECTOR_CODES)).max(SECTOR_CODES.length).default([]),
  route: z.boolean().default(false),
});
export type CreateUnitInput = z.input<typeof createUnitInput>;

/**
 * Create a unit under a jurisdiction (committee staff inside their subtree). Its key is
 * "<jurisdiction>:u<id>", stable and never reused. With `route`, a routing rule per sector points at
 * it, audited like any rule change; everything commits together.
 */
export async function createUnit(deps: Deps, actor: StaffActor, raw: CreateUnitInput): Promise<{ id: number; key: string }> {
  requireManager(actor);
  const parsed = createUnitInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid unit",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code })),
    );
  const input = parsed.data;
  if (!inPrefix(input.jurisdictionCode, await jurisdictionPrefix(deps.db, actor))) throw new AppError("forbidden", "that jurisdiction is outside your scope");
  const created = await withTransaction(deps, async (tx) => {
    const [j] = await tx.db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, input.jurisdictionCode));
    if (!j) throw new AppError("invalid_input", `no jurisdiction ${input.jurisdictionCode}`, [{ path: "jurisdictionCode", code: "not_found" }]);
    const [row] = await tx.db
      .insert(units)
      .values({
        key: `${input.jurisdictionCode}:new-${tx.crypto.randomToken(6)}`,
        name: input.name,
        nameEn: input.nameEn || null,
        kind: input.kind,
        jurisdictionCode: input.jurisdictionCode,
      })
      .returning({ id: units.id });
    const key = `${input.jurisdictionCode}:u${row.id}`;
    await tx.db.update(units).set({ key }).where(eq(units.id, row.id));
    const sectors = [...new Set(input.sectors)];
    if (sectors.length) await tx.db.insert(unitSectors).values(sectors.map((s) => ({ unitId: row.id, sectorCode: s })));
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "unit.created",
        entity: "unit",
        entityId: row.id,
        after: { key, name: input.name, kind: input.kind, jurisdictionCode: input.jurisdictionCode, sectors, route: input.route },
      },
      tx.clock(),
    );
    if (input.route)
      for (const sectorCode of sectors)
        await setRoutingRule(tx, actor, { sectorCode, jurisdictionCode: input.jurisdictionCode, unitId: row.id, reason: `新单位 ${input.name}` });
    return { id: row.id, key };
  });
  return created;
}
