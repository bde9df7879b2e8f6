import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { campaignTemplates, campaigns, obligations, units } from "../../db/schema.js";
import { campaignTemplateSchema } from "../../domain/campaign-templates.js";
import { FIGURES_CODE } from "../../domain/campaign-schedule.js";
import { AppError, type Deps } from "../deps.js";
import { listChatLiaisons } from "../liaisons/list-liaisons.js";

export const listObligationsInput = z.union([
  z.object({
    chatId: z.union([z.number().int(), z.string().regex(/^-?\d{1,20}$/)]),
    status: z.enum(["open", "done", "all"]).default("open"),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  z.object({
    unitIds: z.array(z.number().int().positive()).min(1).max(100),
    status: z.enum(["open", "done", "all"]).default("open"),
    limit: z.number().int().min(1).max(500).default(50),
  }),
]);

export interface ObligationView {
  id: number;
  campaignId: number;
  campaignName: string;
  unit: { id: number; name: string; nameEn: string | null };
  kind: "deliverable" | "recurring" | "figures";
  code: string;
  titleZh: string;
  titleEn: string;
  period: string;
  dueOn: string;
  status: "open" | "done" | "cancelled";
}

/**
 * A unit's duties in due-date order, for /duties and the admin route. Given a chat, it lists the duties
 * of every unit that chat is an active liaison of, and nothing else.
 */
export async function listObligations(deps: Deps, raw: z.input<typeof listObligationsInput>): Promise<{ items: ObligationView[]; total: number }> {
  const parsed = listObligationsInput.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", "invalid obligations query");
  const input = parsed.data;
  const unitIds = "unitIds" in input ? input.unitIds : (await listChatLiaisons(deps, { chatId: input.chatId })).map((l) => l.unit.id);
  if (unitIds.length === 0) return { items: [], total: 0 };
  const where = and(
    inArray(obligations.unitId, unitIds),
    input.status === "all" ? undefined : eq(obligations.status, input.status),
    eq(campaigns.status, "active"),
  );
  const [{ n }] = await deps.db
    .select({ n: sql<number>`count(*)` })
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .where(where);
  const found = await deps.db
    .select({
      o: obligations,
      campaignName: campaigns.name,
      templateCode: campaigns.templateCode,
      unitName: units.name,
      unitNameEn: units.nameEn,
    })
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(where)
    .orderBy(asc(obligations.dueOn), asc(obligations.id))
    .limit(input.limit);
  const english = await englishTitles(deps, [...new Set(found.map((f) => f.templateCode).filter((c): c is string => c !== null))]);
  return {
    total: Number(n),
    items: found.map(({ o, campaignName, templateCode, unitName, unitNameEn }) => ({
      id: o.id,
      campaignId: o.campaignId,
      campaignName,
      unit: { id: o.unitId, name: unitName, nameEn: unitNameEn },
      kind: o.kind,
      code: o.code,
      titleZh: o.title,
      titleEn: english.get(`${templateCode}/${o.code}`) ?? o.title,
      period: o.period,
      dueOn: o.dueOn,
      status: o.status,
    })),
  };
}

/** Obligations store the Chinese title; the English one comes from the campaign's template. */
async function englishTitles(deps: Deps, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (codes.length === 0) return out;
  const stored = await deps.db.select().from(campaignTemplates).where(inArray(campaignTemplates.code, codes));
  for (const row of stored) {
    const t = campaignTemplateSchema.safeParse(row.body);
    if (!t.success) continue;
    for (const o of t.data.obligations) out.set(`${row.code}/${o.code}`, o.titleEn);
    out.set(`${row.code}/${FIGURES_CODE}`, "Monthly figures form");
  }
  return out;
}
