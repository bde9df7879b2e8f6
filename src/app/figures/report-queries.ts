import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { campaigns, liaisons, monthlyReports, obligations, units } from "../../db/schema.js";
import type { DbOrTx } from "../../db/client.js";
import type { Figures } from "../../domain/figures.js";
import { chatKey } from "../chat/chat-locale.js";
import type { Deps } from "../deps.js";
import { fromStored, previousPeriod } from "./stored-values.js";

/** The units a Telegram chat answers for: liaison rows bound to the chat by the same keyed hash as chat prefs. */
export async function liaisonUnits(deps: Pick<Deps, "db" | "crypto">, chatId: number | string) {
  return deps.db
    .select({ liaisonId: liaisons.id, unitId: units.id, unitName: units.name })
    .from(liaisons)
    .innerJoin(units, eq(units.id, liaisons.unitId))
    .where(and(eq(liaisons.telegramChatHash, chatKey(deps, chatId)), eq(liaisons.active, true), eq(units.active, true)))
    .orderBy(asc(units.id));
}

export type FiguresObligation = Awaited<ReturnType<typeof figuresObligationById>>;

const obligationFields = {
  id: obligations.id,
  campaignId: obligations.campaignId,
  unitId: obligations.unitId,
  period: obligations.period,
  dueOn: obligations.dueOn,
  status: obligations.status,
  kind: obligations.kind,
  campaignStatus: campaigns.status,
  unitName: units.name,
};

export async function figuresObligationById(db: DbOrTx, id: number) {
  const [row] = await db
    .select(obligationFields)
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(and(eq(obligations.id, id), eq(obligations.kind, "figures")));
  return row ?? null;
}

/** The oldest open figures period of an active campaign (or the given period, open or done) for these units. */
export async function findFiguresObligation(db: DbOrTx, unitIds: number[], period?: string) {
  if (unitIds.length === 0) return null;
  const [row] = await db
    .select(obligationFields)
    .from(obligations)
    .innerJoin(campaigns, eq(campaigns.id, obligations.campaignId))
    .innerJoin(units, eq(units.id, obligations.unitId))
    .where(
      and(
        inArray(obligations.unitId, unitIds),
        eq(obligations.kind, "figures"),
        eq(campaigns.status, "active"),
        period ? eq(obligations.period, period) : eq(obligations.status, "open"),
      ),
    )
    .orderBy(asc(obligations.period), asc(obligations.dueOn), asc(obligations.id))
    .limit(1);
  return row ?? null;
}

export async function currentReport(db: DbOrTx, key: { campaignId: number; unitId: number; period: string }) {
  const [row] = await db
    .select()
    .from(monthlyReports)
    .where(
      and(
        eq(monthlyReports.campaignId, key.campaignId),
        eq(monthlyReports.unitId, key.unitId),
        eq(monthlyReports.period, key.period),
        eq(monthlyReports.current, true),
      ),
    );
  return row ?? null;
}

/**
 * The unit's own past: last month's figures (for "same as last month") and up to 12 earlier months
 * (for the median check). Any campaign counts: the unit's history does not restart with a campaign.
 */
export async function unitHistory(db: DbOrTx, unitId: number, period: string): Promise<{ lastMonth: Figures | null; months: Figures[] }> {
  const rows = await db
    .select({ period: monthlyReports.period, values: monthlyReports.values })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.unitId, unitId), lt(monthlyReports.period, period), eq(monthlyReports.current, true)))
    .orderBy(desc(monthlyReports.period), desc(monthlyReports.submittedAt))
    .limit(12);
  const last = rows.find((r) => r.period === previousPeriod(period));
  return { lastMonth: last ? fromStored(last.values) : null, months: rows.map((r) => fromStored(r.values)) };
}
