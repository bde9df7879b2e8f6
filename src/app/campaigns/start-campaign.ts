import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { campaignTemplates, campaignUnits, campaigns, jurisdictions, obligations, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import { campaignTemplateSchema, type CampaignTemplate } from "../../domain/campaign-templates.js";
import { CampaignScheduleError, countByKind, expandTemplate, type CampaignSchedule } from "../../domain/campaign-schedule.js";
import { shanghaiDate } from "../../domain/deadlines.js";
import { AppError, type Deps } from "../deps.js";
import { appendAudit, canonical } from "../audit/append-audit.js";
import { assigneeKey, resolveAssignees } from "./resolve-assignees.js";

export const startCampaignInput = z.object({
  /** A stored template's code, or a whole template (e.g. read from a JSON file), stored under its code. */
  template: z.union([z.string().regex(/^[a-z0-9-]+$/), campaignTemplateSchema]),
  jurisdictionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  year: z.number().int().min(2000).max(2100).optional(),
  figuresDueDay: z.number().int().min(1).max(28).optional(),
  actor: z.string().trim().min(1).max(100),
  /**
   * Duties already past due on the day the campaign starts (started late, or for a past year): kept as
   * due (they show as overdue) or marked not applicable (stored cancelled, so no reminder and no
   * "missing" for a month nobody could have reported on time).
   */
  pastDue: z.enum(["keep", "not_applicable"]).default("keep"),
});
export type StartCampaignInput = z.input<typeof startCampaignInput>;

export interface StartedCampaign {
  campaignId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  figuresDueDay: number | null;
  units: number;
  obligations: { deliverable: number; recurring: number; figures: number; total: number };
  /** Duties stored as not applicable because they were past due when the campaign started. */
  notApplicable: number;
  byCode: Record<string, number>;
  /** Assignee groups that matched no unit (e.g. townships without units): staff should know. */
  emptyAssignees: string[];
}

/**
 * Start a campaign: the campaign, its units and every dated obligation, with an audit row, in one
 * transaction. The same template for the same jurisdiction and year twice is a conflict, decided
 * under an advisory lock so that two staff starting it at once cannot both succeed.
 */
export async function startCampaign(deps: Deps, raw: StartCampaignInput): Promise<StartedCampaign> {
  const parsed = startCampaignInput.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "invalid campaign",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const input = parsed.data;
  const template = typeof input.template === "string" ? await loadTemplate(deps.db, input.template) : input.template;
  const [issuer] = await deps.db.select().from(jurisdictions).where(eq(jurisdictions.code, input.jurisdictionCode));
  if (!issuer) throw new AppError("not_found", `no jurisdiction ${input.jurisdictionCode}`);
  if (issuer.level !== template.issuerLevel) {
    throw new AppError("invalid_input", `template ${template.code} is issued at ${template.issuerLevel} level; ${issuer.name} is a ${issuer.level}`);
  }
  let schedule: CampaignSchedule;
  try {
    schedule = expandTemplate(template, { year: input.year, figuresDueDay: input.figuresDueDay });
  } catch (err) {
    if (err instanceof CampaignScheduleError) throw new AppError("invalid_input", err.message);
    throw err;
  }
  const year = Number(schedule.startsOn.slice(0, 4));
  const now = deps.clock();
  const today = shanghaiDate(now);
  return deps.db.transaction(async (tx) => {
    if (typeof input.template !== "string") await storeTemplate(tx, template);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`campaign:${template.code}:${issuer.code}:${year}`}))`);
    const [dup] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(
        and(
          eq(campaigns.templateCode, template.code),
          eq(campaigns.issuingJurisdictionCode, issuer.code),
          eq(campaigns.startsOn, schedule.startsOn),
          ne(campaigns.status, "cancelled"),
        ),
      );
    if (dup) throw new AppError("conflict", `campaign ${dup.id} already runs ${template.code} for ${issuer.code} in ${year}`, { campaignId: dup.id });

    const groups = await resolveAssignees(
      tx,
      issuer.code,
      schedule.obligations.flatMap((o) => o.assignees),
    );
    const rowsToInsert = schedule.obligations.flatMap((o) => {
      const unitIds = [...new Set(o.assignees.flatMap((a) => groups.get(assigneeKey(a)) ?? []))];
      const status = input.pastDue === "not_applicable" && o.dueOn < today ? ("cancelled" as const) : ("open" as const);
      return unitIds.map((unitId) => ({ unitId, kind: o.kind, code: o.code, title: o.titleZh, period: o.period, dueOn: o.dueOn, status }));
    });
    const assigned = [...new Set(rowsToInsert.map((r) => r.unitId))];
    if (assigned.length === 0) throw new AppError("invalid_input", `no units match the template's assignees under ${issuer.name}`);
    const [committee] = await tx
      .select({ id: units.id })
      .from(units)
      .where(eq(units.key, `${issuer.code}:committee`));

    const [campaign] = await tx
      .insert(campaigns)
      .values({
        templateCode: template.code,
        name: `${issuer.name}${year}年${template.nameZh}`,
        issuingJurisdictionCode: issuer.code,
        issuingUnitId: committee?.id ?? null,
        startsOn: schedule.startsOn,
        endsOn: schedule.endsOn,
        figuresDueDay: schedule.figuresDueDay,
        createdBy: input.actor,
        createdAt: now,
      })
      .returning({ id: campaigns.id, name: campaigns.name });
    const unitRows = assigned.map((unitId) => ({ campaignId: campaign.id, unitId, role: "assignee" }));
    if (committee && !assigned.includes(committee.id)) unitRows.push({ campaignId: campaign.id, unitId: committee.id, role: "issuer" });
    await insertChunks(tx, campaignUnits, unitRows);
    await insertChunks(
      tx,
      obligations,
      rowsToInsert.map((r) => ({ ...r, campaignId: campaign.id, createdAt: now })),
    );

    const counts = countByKind(rowsToInsert);
    const byCode: Record<string, number> = {};
    for (const r of rowsToInsert) byCode[r.code] = (byCode[r.code] ?? 0) + 1;
    const emptyAssignees = [...groups].filter(([, ids]) => ids.length === 0).map(([k]) => k);
    const summary = { ...counts, total: rowsToInsert.length };
    const notApplicable = rowsToInsert.filter((r) => r.status === "cancelled").length;
    await appendAudit(
      tx,
      {
        actor: input.actor,
        action: "campaign.started",
        entity: "campaign",
        entityId: campaign.id,
        after: {
          template: template.code,
          jurisdiction: issuer.code,
          year,
          figuresDueDay: schedule.figuresDueDay,
          units: assigned.length,
          obligations: summary,
          emptyAssignees,
          ...(notApplicable ? { notApplicable } : {}),
        },
      },
      now,
    );
    return {
      campaignId: campaign.id,
      name: campaign.name,
      startsOn: schedule.startsOn,
      endsOn: schedule.endsOn,
      figuresDueDay: schedule.figuresDueDay,
      units: assigned.length,
      obligations: summary,
      notApplicable,
      byCode,
      emptyAssignees,
    };
  });
}

export async function loadTemplate(db: DbOrTx, code: string): Promise<CampaignTemplate> {
  const [row] = await db.select({ body: campaignTemplates.body }).from(campaignTemplates).where(eq(campaignTemplates.code, code));
  if (!row) throw new AppError("not_found", `no campaign template ${code}`);
  const parsed = campaignTemplateSchema.safeParse(row.body);
  if (!parsed.success) throw new AppError("invalid_input", `stored template ${code} does not match the template schema`);
  return parsed.data;
}

/** A template from a file is kept under its code; the same code with a different body is refused, not overwritten. */
async function storeTemplate(tx: DbOrTx, template: CampaignTemplate): Promise<void> {
  await tx.insert(campaignTemplates).values({ code: template.code, name: template.nameZh, source: template.source, body: template }).onConflictDoNothing();
  const [stored] = await tx.select({ body: campaignTemplates.body }).from(campaignTemplates).where(eq(campaignTemplates.code, template.code));
  if (canonical(stored.body) !== canonical(template)) {
    throw new AppError("conflict", `a different template is already stored under the code ${template.code}; give yours another code`);
  }
}

/** PostgreSQL caps bind parameters per statement: insert long lists in slices. */
async function insertChunks(tx: DbOrTx, table: typeof obligations | typeof campaignUnits, values: Record<string, unknown>[], size = 400): Promise<void> {
  for (let i = 0; i < values.length; i += size) await tx.insert(table).values(values.slice(i, i + size) as never);
}
