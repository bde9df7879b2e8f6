import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { enterprises, exposures, inspections, jurisdictions, tips } from "../../db/schema.js";
import { validateCreditCode } from "../../domain/credit-code.js";
import { isCalendarDay } from "../../domain/quarters.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit } from "../audit/append-audit.js";
import { actorLabel, type StaffActor } from "../staff/actor.js";
import { inPrefix, jurisdictionPrefix } from "../manage/manage-scope.js";
import { requireWriter, visibleTips } from "../triage/scope.js";
import { withTransaction } from "../with-transaction.js";

const text = (max: number) => z.string().trim().min(2).max(max);
export const prepareExposureInput = z.object({
  kind: z.enum(["hazard", "violation", "closure"]),
  source: z.enum(["tip", "inspection", "manual"]),
  /** A tip's tracking code or an inspection record's id; empty for manual entries. */
  sourceRef: z.string().trim().max(40).default(""),
  creditCode: z.string().trim().max(40).default(""),
  enterpriseName: z.string().trim().max(200).default(""),
  jurisdictionCode: z.string().trim().max(9).default(""),
  findings: text(2000),
  measures: text(2000),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * Staff prepare a 曝光台 entry (a draft): from a closed tip (its matched enterprise and place), from an
 * inspection record (its enterprise and day), or by hand. What the public will read — findings and
 * measures — is always typed by staff: a tip's own text is never copied. The place is cut to the county.
 */
export async function prepareExposure(deps: Deps, actor: StaffActor, raw: z.input<typeof prepareExposureInput>): Promise<{ id: number }> {
  requireWriter(actor);
  const parsed = prepareExposureInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid exposure entry",
      parsed.error.issues.map((i) => i.path.join(".")),
    );
  const input = parsed.data;
  if (!isCalendarDay(input.occurredOn)) throw new AppError("invalid_input", "invalid date", ["occurredOn"]);
  const prefix = await jurisdictionPrefix(deps.db, actor);
  const now = deps.clock();
  return withTransaction(deps, async (tx) => {
    let enterpriseId: number | null = null;
    let jurisdictionCode = input.jurisdictionCode;
    let sourceId: number | null = null;
    if (input.source === "tip") {
      const [tip] = await tx.db
        .select({ id: tips.id, status: tips.status, enterpriseId: tips.enterpriseId, jurisdictionCode: tips.jurisdictionCode })
        .from(tips)
        .where(and(eq(tips.trackingCode, input.sourceRef.toUpperCase()), await visibleTips(tx.db, actor)));
      if (!tip) throw new AppError("not_found", "no such tip", ["sourceRef"]);
      if (tip.status !== "closed") throw new AppError("conflict", "only a closed tip can be exposed", ["sourceRef"]);
      sourceId = tip.id;
      enterpriseId = tip.enterpriseId;
      jurisdictionCode ||= tip.jurisdictionCode ?? "";
    } else if (input.source === "inspection") {
      if (!/^\d{1,9}$/.test(input.sourceRef)) throw new AppError("invalid_input", "inspection id", ["sourceRef"]);
      const [rec] = await tx.db
        .select({ id: inspections.id, enterpriseId: inspections.enterpriseId })
        .from(inspections)
        .where(eq(inspections.id, Number(input.sourceRef)));
      if (!rec) throw new AppError("not_found", "no such inspection record", ["sourceRef"]);
      sourceId = rec.id;
      enterpriseId = rec.enterpriseId;
    }
    if (input.creditCode) {
      const v = validateCreditCode(input.creditCode);
      if (!v.ok) throw new AppError("invalid_input", "credit code", ["creditCode"]);
      const [e] = await tx.db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, v.code));
      if (!e) throw new AppError("not_found", "no enterprise with this credit code", ["creditCode"]);
      enterpriseId = e.id;
    }
    let enterpriseName = input.enterpriseName;
    if (enterpriseId !== null) {
      const [e] = await tx.db.select().from(enterprises).where(eq(enterprises.id, enterpriseId));
      if (!e || !inPrefix(e.jurisdictionCode, prefix)) throw new AppError("not_found", "no such enterprise");
      enterpriseName ||= e.name;
      jurisdictionCode ||= e.jurisdictionCode;
    }
    if (enterpriseName.length < 2) throw new AppError("invalid_input", "enterprise name", ["enterpriseName"]);
    // The public place is the county at most: a township code is cut to its county.
    const county = jurisdictionCode.slice(0, 6);
    const [j] = /^\d{6}$/.test(county) ? await tx.db.select({ code: jurisdictions.code }).from(jurisdictions).where(eq(jurisdictions.code, county)) : [];
    if (!j) throw new AppError("invalid_input", "unknown jurisdiction", ["jurisdictionCode"]);
    // A township's staff (a 9-digit scope) expose within their own county.
    if (!inPrefix(county, prefix) && !(prefix && prefix.length > 6 && prefix.startsWith(county)))
      throw new AppError("forbidden", "jurisdiction outside your scope");
    const [row] = await tx.db
      .insert(exposures)
      .values({
        kind: input.kind,
        enterpriseId,
        enterpriseName,
        jurisdictionCode: county,
        sourceKind: input.source,
        sourceId,
        findings: input.findings,
        measures: input.measures,
        occurredOn: input.occurredOn,
        preparedById: actor.id,
        preparedBy: actorLabel(actor),
        createdAt: now,
      })
      .returning({ id: exposures.id });
    await appendAudit(
      tx.db,
      {
        actor: actorLabel(actor),
        action: "exposure.prepared",
        entity: "exposure",
        entityId: row.id,
        after: { kind: input.kind, source: input.source, sourceId, enterpriseId, jurisdictionCode: county },
      },
      now,
    );
    return { id: row.id };
  });
}
