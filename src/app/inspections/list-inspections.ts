import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { enterprises, inspectionAttachments, inspectionInspectors, inspections, inspectors, reinspectionsDue, units } from "../../db/schema.js";
import { AppError, type Deps } from "../deps.js";
import { listInspectors, type InspectorRow } from "../inspectors/roster.js";
import { jurisdictionPrefix, unitVisible, withinPrefix } from "../manage/manage-scope.js";
import type { StaffActor } from "../staff/actor.js";
import { INSPECTION_KINDS } from "./record-inspection.js";

export const PAGE_SIZE = 50;

export const listInspectionsInput = z.object({
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  /** "YYYY-MM" */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  q: z.string().trim().max(100).optional(),
  /** Only records with an open 回头看. */
  due: z.boolean().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** Records in the actor's scope (unit staff: their unit; committee: units in their subtree; admin: all). */
function scopeOf(actor: StaffActor, prefix: string | null): SQL {
  if (actor.role === "unit" || (actor.role === "viewer" && actor.unitId)) return eq(inspections.unitId, actor.unitId ?? 0);
  return withinPrefix(units.jurisdictionCode, prefix);
}

export async function listInspections(deps: Deps, actor: StaffActor, raw: z.input<typeof listInspectionsInput>) {
  const parsed = listInspectionsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid filter");
  const f = parsed.data;
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const literal = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
  const [y, m] = f.month ? f.month.split("-").map(Number) : [0, 0];
  const where = and(
    scopeOf(actor, prefix),
    f.unitId ? eq(inspections.unitId, f.unitId) : undefined,
    f.kind ? eq(inspections.kind, f.kind) : undefined,
    f.month ? gte(inspections.inspectedOn, `${f.month}-01`) : undefined,
    f.month ? lte(inspections.inspectedOn, `${f.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`) : undefined,
    f.q ? ilike(enterprises.name, `%${literal(f.q)}%`) : undefined,
    f.due
      ? sql`exists (select 1 from ${reinspectionsDue} where ${reinspectionsDue.inspectionId} = ${inspections.id} and ${reinspectionsDue.closedAt} is null)`
      : undefined,
  );
  const base = () =>
    deps.db.select().from(inspections).innerJoin(units, eq(units.id, inspections.unitId)).innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId));
  const [{ total }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId))
    .where(where);
  const found = await base()
    .where(where)
    .orderBy(desc(inspections.inspectedOn), desc(inspections.id))
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE);
  const ids = found.map((r) => r.inspections.id);
  const dues = ids.length ? await deps.db.select().from(reinspectionsDue).where(inArray(reinspectionsDue.inspectionId, ids)) : [];
  const rows = found.map((r) => ({
    ...r.inspections,
    unitName: r.units.name,
    enterpriseName: r.enterprises.name,
    due: dues.find((d) => d.inspectionId === r.inspections.id) ?? null,
  }));
  return { rows, total: Number(total), page: f.page, pages: Math.max(1, Math.ceil(Number(total) / PAGE_SIZE)), filters: f };
}

export type InspectionDetail = Awaited<ReturnType<typeof getInspection>>;

/** One record in scope with its officers, its 回头看 and its attachments' names (not their bytes). */
export async function getInspection(deps: Deps, actor: StaffActor, id: number) {
  const [r] = await deps.db
    .select()
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId))
    .where(eq(inspections.id, id));
  if (!r || !unitVisible(actor, r.units, await jurisdictionPrefix(deps.db, actor))) throw new AppError("not_found", "no such inspection");
  const officers = await deps.db
    .select({ id: inspectors.id, name: inspectors.name, certificateNo: inspectors.certificateNo })
    .from(inspectionInspectors)
    .innerJoin(inspectors, eq(inspectors.id, inspectionInspectors.inspectorId))
    .where(eq(inspectionInspectors.inspectionId, id))
    .orderBy(asc(inspectors.name));
  const [due] = await deps.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.inspectionId, id));
  const files = await deps.db
    .select({
      id: inspectionAttachments.id,
      fileName: inspectionAttachments.fileName,
      mimeType: inspectionAttachments.mimeType,
      createdAt: inspectionAttachments.createdAt,
    })
    .from(inspectionAttachments)
    .where(eq(inspectionAttachments.inspectionId, id))
    .orderBy(asc(inspectionAttachments.id));
  return {
    inspection: r.inspections,
    unit: { id: r.units.id, name: r.units.name },
    enterprise: { id: r.enterprises.id, name: r.enterprises.name },
    officers,
    due: due ?? null,
    files,
  };
}

/** One attachment's bytes, for a person who may see the record. */
export async function getInspectionAttachment(deps: Deps, actor: StaffActor, inspectionId: number, fileId: number) {
  await getInspection(deps, actor, inspectionId);
  const [f] = await deps.db
    .select()
    .from(inspectionAttachments)
    .where(and(eq(inspectionAttachments.id, fileId), eq(inspectionAttachments.inspectionId, inspectionId)));
  if (!f) throw new AppError("not_found", "no such attachment");
  return f;
}

/** What the record form offers: the units the actor records for, and the chosen unit's roster and open 回头看. */
export async function inspectionFormOptions(deps: Deps, actor: StaffActor, opts: { unitId?: number; enterpriseId?: number } = {}) {
  const prefix = await jurisdictionPrefix(deps.db, actor);
  // The enterprise already chosen (a form shown again), by name, if the actor may see it.
  const [enterprise] = opts.enterpriseId
    ? await deps.db
        .select({ id: enterprises.id, name: enterprises.name })
        .from(enterprises)
        .where(and(eq(enterprises.id, opts.enterpriseId), withinPrefix(enterprises.jurisdictionCode, prefix)))
    : [];
  const visible =
    actor.role === "unit" && actor.unitId
      ? await deps.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, actor.unitId))
      : await deps.db
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(and(eq(units.active, true), withinPrefix(units.jurisdictionCode, prefix)))
          .orderBy(asc(units.name))
          .limit(500);
  const unitId = actor.role === "unit" ? (actor.unitId ?? undefined) : (opts.unitId ?? visible[0]?.id);
  const chosen = visible.find((u) => u.id === unitId);
  const roster: InspectorRow[] = chosen ? await listInspectors(deps.db, chosen.id) : [];
  const openDue = chosen
    ? await deps.db
        .select({ id: reinspectionsDue.id, inspectionId: reinspectionsDue.inspectionId, dueOn: reinspectionsDue.dueOn, enterpriseName: enterprises.name })
        .from(reinspectionsDue)
        .innerJoin(enterprises, eq(enterprises.id, reinspectionsDue.enterpriseId))
        .where(and(eq(reinspectionsDue.unitId, chosen.id), isNull(reinspectionsDue.closedAt)))
        .orderBy(asc(reinspectionsDue.dueOn))
    : [];
  return { units: visible, unitId: chosen?.id ?? null, roster, openDue, enterprise: enterprise ?? null };
}

/** Enterprises by name for the form's search (in the unit's area when the actor is unit staff). */
export async function searchEnterprisesForRecord(deps: Deps, actor: StaffActor, q: string) {
  const term = q.trim().slice(0, 100);
  if (!term) return [];
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const literal = term.replace(/[\\%_]/g, (m) => `\\${m}`);
  return deps.db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode })
    .from(enterprises)
    .where(and(withinPrefix(enterprises.jurisdictionCode, prefix), ilike(enterprises.name, `%${literal}%`)))
    .orderBy(asc(enterprises.name))
    .limit(20);
}
