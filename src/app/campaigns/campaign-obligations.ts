import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { obligations, units } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import type { StaffActor } from "../staff/actor.js";
import { campaignAccess, unitFilter, type CampaignAccess } from "./campaign-scope.js";

export const campaignObligationsInput = z.object({
  campaignId: z.coerce.number().int().positive(),
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["deliverable", "recurring", "figures"]).optional()),
});

/** "late": still open after its due day (Asia/Shanghai); staff see it apart from merely open ones. */
export type DutyStatus = "open" | "done" | "late" | "cancelled";

export interface UnitDuties {
  unit: { id: number; name: string; jurisdictionCode: string };
  items: {
    id: number;
    kind: "deliverable" | "recurring" | "figures";
    code: string;
    title: string;
    period: string;
    dueOn: string;
    status: DutyStatus;
    doneAt: Date | null;
  }[];
}

/** A campaign's obligations grouped by unit (only the units the actor may see), optionally of one kind. */
export async function campaignObligations(deps: Pick<Deps, "db" | "clock">, raw: { actor: StaffActor } & z.input<typeof campaignObligationsInput>) {
  const parsed = campaignObligationsInput.safeParse(raw);
  if (!parsed.success) throw new AppError(Number.isNaN(Number(raw.campaignId)) ? "not_found" : "invalid_input", "invalid campaign query");
  const access: CampaignAccess = await campaignAccess(deps, { actor: raw.actor, campaignId: parsed.data.campaignId });
  const today = shanghaiDate(deps.clock());
  const found = await deps.db
    .select({ o: obligations, unitName: units.name, unitCode: units.jurisdictionCode })
    .from(obligations)
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(
      and(eq(obligations.campaignId, access.campaign.id), parsed.data.kind ? eq(obligations.kind, parsed.data.kind) : undefined, unitFilter(access, units.id)),
    )
    .orderBy(asc(units.jurisdictionCode), asc(units.name), asc(units.id), asc(obligations.dueOn), asc(obligations.id));
  const groups = new Map<number, UnitDuties>();
  const counts: Record<DutyStatus, number> = { open: 0, done: 0, late: 0, cancelled: 0 };
  for (const { o, unitName, unitCode } of found) {
    let g = groups.get(o.unitId);
    if (!g) groups.set(o.unitId, (g = { unit: { id: o.unitId, name: unitName, jurisdictionCode: unitCode }, items: [] }));
    const status: DutyStatus = o.status === "open" && o.dueOn < today ? "late" : o.status;
    counts[status]++;
    g.items.push({ id: o.id, kind: o.kind, code: o.code, title: o.title, period: o.period, dueOn: o.dueOn, status, doneAt: o.doneAt });
  }
  return { access, kind: parsed.data.kind, groups: [...groups.values()], counts };
}
