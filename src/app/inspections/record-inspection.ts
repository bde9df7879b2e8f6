import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { draws, enforcementPlans, enterprises, inspectionInspectors, inspections, planItems, reinspectionsDue, tips, units } from "../../db/schema.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { reinspectionDue, yuanToFen } from "../../domain/inspection-figures.js";
import { appendAudit } from "../audit/append-audit.js";
import { AppError, type Deps } from "../deps.js";
import { certifiedOn, unitInspectors } from "../inspectors/roster.js";
import { inPrefix, jurisdictionPrefix, unitVisible } from "../manage/manage-scope.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { subtreePrefix } from "../triage/scope.js";
import { withTransaction, type TxDeps } from "../with-transaction.js";

export const INSPECTION_KINDS = ["planned", "random", "unannounced", "joint", "reinspection", "tip"] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const optionalDay = day.optional().or(z.literal("").transform(() => undefined));
const optionalId = z.coerce
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .optional()
  .or(z.literal("").transform(() => undefined));
const count = z.coerce.number().int().min(0).max(10_000).default(0);

export const inspectionInput = z.object({
  /** Unit staff record for their own unit (ignored); committee and admin name the unit. */
  unitId: optionalId,
  enterpriseId: z.coerce.number().int().positive().max(2_147_483_647),
  inspectedOn: day,
  kind: z.enum(INSPECTION_KINDS),
  inspectorIds: z.array(z.coerce.number().int().positive().max(2_147_483_647)).max(20),
  findings: z
    .array(z.object({ text: z.string().trim().min(1).max(500), major: z.boolean().default(false) }))
    .max(50)
    .default([]),
  orderedCorrection: z.boolean().default(false),
  suspended: z.boolean().default(false),
  licenceAction: z.boolean().default(false),
  closed: z.boolean().default(false),
  referredToPolice: z.boolean().default(false),
  detentions: count,
  arrests: count,
  caseNo: z.string().trim().max(60).optional(),
  /** 元 as typed: "3500", "3,500.50"; stored as integer fen. */
  fineYuan: z.string().trim().max(20).optional(),
  correctionDeadline: optionalDay,
  tipId: optionalId,
  reinspectionOfId: optionalId,
  planItemId: optionalId,
  drawId: optionalId,
  note: z.string().trim().max(2000).optional(),
});
export type InspectionInput = z.input<typeof inspectionInput>;

/** Why a record was refused, each a message in both locales (inspections-problem-<code>). */
export type InspectionProblem =
  | "invalid"
  | "future_date"
  | "bad_fine"
  | "deadline_before_inspection"
  | "too_few_inspectors"
  | "inspector_not_on_roster"
  | "inspector_not_certified"
  | "no_enterprise"
  | "tip_required"
  | "tip_not_held"
  | "reinspection_of_required"
  | "reinspection_of_mismatch"
  | "people_without_referral"
  | "link_without_kind"
  | "plan_item_mismatch"
  | "draw_mismatch";

export function problemError(problems: InspectionProblem[], names: string[] = []): AppError {
  return new AppError("invalid_input", `inspection refused: ${problems.join(", ")}`, { problems, names });
}

export function inspectionProblems(err: unknown): { problems: InspectionProblem[]; names: string[] } | null {
  if (!(err instanceof AppError) || err.code !== "invalid_input") return null;
  const d = err.details as { problems?: InspectionProblem[]; names?: string[] } | undefined;
  return d?.problems ? { problems: d.problems, names: d.names ?? [] } : { problems: ["invalid"], names: [] };
}

/** A zod refusal as the form's problems: a missing enterprise reads as such, not as "invalid". */
function parseProblems(error: z.ZodError): AppError {
  const byField: Record<string, InspectionProblem> = { enterpriseId: "no_enterprise", fineYuan: "bad_fine" };
  const problems = [...new Set(error.issues.map((i) => byField[String(i.path[0])] ?? "invalid"))];
  return problemError(problems, []);
}

type Parsed = z.output<typeof inspectionInput>;
type Row = typeof inspections.$inferSelect;

/** The unit the record belongs to: the actor's own for unit staff, else the named unit in their scope. */
async function recordingUnit(deps: Deps, actor: StaffActor, unitId: number | undefined) {
  if (actor.role === "viewer") throw new AppError("forbidden", "read-only role");
  const id = actor.role === "unit" ? actor.unitId : unitId;
  if (!id) throw problemError(["invalid"]);
  const [unit] = await deps.db.select({ id: units.id, jurisdictionCode: units.jurisdictionCode }).from(units).where(eq(units.id, id));
  if (!unit || !unitVisible(actor, unit, await jurisdictionPrefix(deps.db, actor))) throw new AppError("not_found", "no such unit");
  return unit;
}

/** Every rule a record must meet, checked before anything is written; all problems at once. */
async function check(tx: TxDeps, unit: { id: number; jurisdictionCode: string }, input: Parsed, today: string) {
  const problems: InspectionProblem[] = [];
  const names: string[] = [];
  if (input.inspectedOn > today) problems.push("future_date");
  const fineFen = yuanToFen(input.fineYuan ?? "");
  if (fineFen === null) problems.push("bad_fine");
  if (input.correctionDeadline && input.correctionDeadline < input.inspectedOn) problems.push("deadline_before_inspection");
  const ids = [...new Set(input.inspectorIds)];
  if (ids.length < 2) problems.push("too_few_inspectors");
  const roster = await unitInspectors(tx.db, unit.id, ids);
  if (roster.length !== ids.length) problems.push("inspector_not_on_roster");
  const lapsed = roster.filter((r) => !certifiedOn(r, input.inspectedOn));
  if (lapsed.length) {
    problems.push("inspector_not_certified");
    names.push(...lapsed.map((r) => r.name));
  }
  const [enterprise] = await tx.db.select().from(enterprises).where(eq(enterprises.id, input.enterpriseId));
  if (!enterprise || !inPrefix(enterprise.jurisdictionCode, subtreePrefix(unit.jurisdictionCode))) problems.push("no_enterprise");
  if (input.kind === "tip") {
    if (!input.tipId) problems.push("tip_required");
    else {
      const [tip] = await tx.db.select({ unitId: tips.unitId }).from(tips).where(eq(tips.id, input.tipId));
      if (!tip || tip.unitId !== unit.id) problems.push("tip_not_held");
    }
  }
  if (input.kind === "reinspection") {
    if (!input.reinspectionOfId) problems.push("reinspection_of_required");
    else {
      const [of] = await tx.db.select().from(inspections).where(eq(inspections.id, input.reinspectionOfId));
      if (!of || of.unitId !== unit.id || of.enterpriseId !== input.enterpriseId) problems.push("reinspection_of_mismatch");
    }
  }
  if (input.planItemId && !(await planItemFits(tx, unit.id, input.planItemId, input.enterpriseId, input.inspectedOn))) problems.push("plan_item_mismatch");
  if (input.drawId && !(await drawFits(tx, unit.id, input.drawId, input.enterpriseId))) problems.push("draw_mismatch");
  if ((input.detentions > 0 || input.arrests > 0) && !input.referredToPolice) problems.push("people_without_referral");
  // A link the kind would drop is an error, not a silent loss.
  if ((input.reinspectionOfId && input.kind !== "reinspection") || (input.tipId && input.kind !== "tip")) problems.push("link_without_kind");
  if (problems.length) throw problemError(problems, names);
  return { fineFen: fineFen ?? 0, inspectorIds: ids };
}

/** A plan item the record may fulfil: of one of the unit's plans for the inspection's year, for this enterprise, not removed. */
async function planItemFits(tx: TxDeps, unitId: number, planItemId: number, enterpriseId: number, inspectedOn: string): Promise<boolean> {
  const [item] = await tx.db
    .select({ enterpriseId: planItems.enterpriseId, removedAt: planItems.removedAt, unitId: enforcementPlans.unitId, year: enforcementPlans.year })
    .from(planItems)
    .innerJoin(enforcementPlans, eq(enforcementPlans.id, planItems.planId))
    .where(eq(planItems.id, planItemId));
  return !!item && item.unitId === unitId && item.enterpriseId === enterpriseId && !item.removedAt && String(item.year) === inspectedOn.slice(0, 4);
}

/** A draw the record answers: the unit's own, and the enterprise among those it picked. */
async function drawFits(tx: TxDeps, unitId: number, drawId: number, enterpriseId: number): Promise<boolean> {
  const [d] = await tx.db.select({ unitId: draws.unitId, enterpriseIds: draws.enterpriseIds }).from(draws).where(eq(draws.id, drawId));
  return !!d && d.unitId === unitId && (d.enterpriseIds as number[]).includes(enterpriseId);
}

function columns(input: Parsed, fineFen: number) {
  return {
    enterpriseId: input.enterpriseId,
    inspectedOn: input.inspectedOn,
    kind: input.kind,
    planItemId: input.planItemId ?? null,
    drawId: input.drawId ?? null,
    tipId: input.kind === "tip" ? (input.tipId ?? null) : null,
    reinspectionOfId: input.kind === "reinspection" ? (input.reinspectionOfId ?? null) : null,
    findings: input.findings,
    orderedCorrection: input.orderedCorrection,
    suspended: input.suspended,
    licenceAction: input.licenceAction,
    closed: input.closed,
    referredToPolice: input.referredToPolice,
    detentions: input.detentions,
    arrests: input.arrests,
    caseNo: input.caseNo || null,
    fineFen,
    correctionDeadline: input.correctionDeadline ?? null,
    note: input.note || null,
  };
}

/** The audit's picture of a record: every field, the officers, no attachment bytes. */
function snapshot(row: Row, inspectorIds: number[]) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, inspectorIds };
}

/** Schedule, move or retire the record's 回头看; and close the one a re-inspection answers. */
async function syncReinspection(tx: TxDeps, row: Row, now: Date): Promise<void> {
  const due = reinspectionDue(row);
  const [open] = await tx.db.select().from(reinspectionsDue).where(eq(reinspectionsDue.inspectionId, row.id));
  if (due && !open) {
    await tx.db
      .insert(reinspectionsDue)
      .values({ inspectionId: row.id, unitId: row.unitId, enterpriseId: row.enterpriseId, dueOn: due.dueOn, reason: due.reason });
  } else if (due && open && !open.closedAt) {
    await tx.db
      .update(reinspectionsDue)
      .set({ dueOn: due.dueOn, reason: due.reason, enterpriseId: row.enterpriseId, remindedPhase: open.dueOn === due.dueOn ? open.remindedPhase : null })
      .where(eq(reinspectionsDue.id, open.id));
  } else if (!due && open && !open.closedAt) {
    // The measure was taken back in an edit: the row stays (history), closed by no re-inspection.
    await tx.db.update(reinspectionsDue).set({ closedAt: now }).where(eq(reinspectionsDue.id, open.id));
  }
  if (row.kind === "reinspection" && row.reinspectionOfId) {
    await tx.db
      .update(reinspectionsDue)
      .set({ closedAt: now, closedByInspectionId: row.id })
      .where(and(eq(reinspectionsDue.inspectionId, row.reinspectionOfId), isNull(reinspectionsDue.closedAt)));
  }
}

/**
 * Record an inspection (执法检查记录): at least two officers of the unit's roster certified on the day,
 * an enterprise in the unit's area, a tip the unit holds for a tip verification, the inspection a
 * re-inspection answers. A correction deadline or a suspension schedules the 回头看; a re-inspection
 * closes the one it answers. Audited in the same transaction.
 */
export async function recordInspection(deps: Deps, actor: StaffActor, raw: InspectionInput): Promise<Row> {
  const parsed = inspectionInput.safeParse(raw);
  if (!parsed.success) throw parseProblems(parsed.error);
  const input = parsed.data;
  const unit = await recordingUnit(deps, actor, input.unitId);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    const { fineFen, inspectorIds } = await check(tx, unit, input, shanghaiDate(now));
    const [row] = await tx.db
      .insert(inspections)
      .values({ unitId: unit.id, createdBy: actorLabel(actor), createdAt: now, ...columns(input, fineFen) })
      .returning();
    await tx.db.insert(inspectionInspectors).values(inspectorIds.map((inspectorId) => ({ inspectionId: row.id, inspectorId })));
    await syncReinspection(tx, row, now);
    await appendAudit(
      tx.db,
      { actor: actorLabel(actor), action: "inspection.record", entity: "inspection", entityId: row.id, after: snapshot(row, inspectorIds) },
      now,
    );
    return row;
  });
}

/** Change a record: the audit keeps the version before and after; nothing is ever deleted. */
export async function updateInspection(deps: Deps, actor: StaffActor, id: number, raw: InspectionInput): Promise<Row> {
  const parsed = inspectionInput.safeParse(raw);
  if (!parsed.success) throw parseProblems(parsed.error);
  const input = parsed.data;
  const now = deps.clock();
  const [existing] = await deps.db.select().from(inspections).where(eq(inspections.id, id));
  if (!existing) throw new AppError("not_found", "no such inspection");
  const unit = await recordingUnit(deps, actor, existing.unitId);
  if (unit.id !== existing.unitId) throw new AppError("not_found", "no such inspection");
  return withTransaction(deps, async (tx) => {
    const [before] = await tx.db.select().from(inspections).where(eq(inspections.id, id)).for("update");
    const beforeIds = (await tx.db.select().from(inspectionInspectors).where(eq(inspectionInspectors.inspectionId, id))).map((r) => r.inspectorId);
    const { fineFen, inspectorIds } = await check(tx, unit, input, shanghaiDate(now));
    const [row] = await tx.db
      .update(inspections)
      .set({ ...columns(input, fineFen), version: before.version + 1, updatedAt: now })
      .where(eq(inspections.id, id))
      .returning();
    await tx.db.delete(inspectionInspectors).where(eq(inspectionInspectors.inspectionId, id));
    await tx.db.insert(inspectionInspectors).values(inspectorIds.map((inspectorId) => ({ inspectionId: id, inspectorId })));
    await syncReinspection(tx, row, now);
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "inspection.edit",
        entity: "inspection",
        entityId: id,
        before: snapshot(before, beforeIds),
        after: snapshot(row, inspectorIds),
      },
      now,
    );
    return row;
  });
}
