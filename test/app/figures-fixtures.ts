import { eq } from "drizzle-orm";
import { campaigns, campaignUnits, liaisons, monthlyReports, obligations, units } from "../../src/db/schema.js";
import type { Deps } from "../../src/app/deps.js";
import type { DbOrTx } from "../../src/db/client.js";
import { chatKey } from "../../src/app/chat/chat-locale.js";
import { METRIC_CODES, type Figures } from "../../src/domain/figures.js";
import { toStored } from "../../src/app/figures/stored-values.js";

/** Test data for the figures flow, inserted directly (campaign start-up and invites are other features). */

export async function unitId(db: DbOrTx, key: string): Promise<number> {
  const [u] = await db.select({ id: units.id }).from(units).where(eq(units.key, key));
  if (!u) throw new Error(`no unit ${key}`);
  return u.id;
}

export async function createCampaign(
  db: DbOrTx,
  opts: { jurisdiction?: string; template?: string | null; name?: string; dueDay?: number; status?: "active" | "finished" } = {},
): Promise<number> {
  const [c] = await db
    .insert(campaigns)
    .values({
      templateCode: opts.template === undefined ? "hengnan-2018" : opts.template,
      name: opts.name ?? "安全监管“强执法防事故”行动",
      issuingJurisdictionCode: opts.jurisdiction ?? "430422",
      startsOn: "2018-06-06",
      endsOn: "2018-12-31",
      figuresDueDay: opts.dueDay ?? 10,
      status: opts.status ?? "active",
      createdBy: "test",
    })
    .returning({ id: campaigns.id });
  return c.id;
}

/** One figures obligation per month, due on `dueDay` of the following month (the seed's footnote). */
export async function addFiguresObligations(db: DbOrTx, campaignId: number, unit: number, periods: string[], dueDay = 10): Promise<Record<string, number>> {
  await db.insert(campaignUnits).values({ campaignId, unitId: unit, role: "assignee" }).onConflictDoNothing();
  const ids: Record<string, number> = {};
  for (const period of periods) {
    const [y, m] = period.split("-").map(Number);
    const due = m === 12 ? `${y + 1}-01-${String(dueDay).padStart(2, "0")}` : `${y}-${String(m + 1).padStart(2, "0")}-${String(dueDay).padStart(2, "0")}`;
    const [o] = await db
      .insert(obligations)
      .values({
        campaignId,
        unitId: unit,
        kind: "figures",
        code: "monthly_figures",
        title: "月报表",
        period,
        dueOn: due,
      })
      .returning({ id: obligations.id });
    ids[period] = o.id;
  }
  return ids;
}

export async function addLiaison(deps: Deps, unit: number, chatId: number): Promise<number> {
  const [l] = await deps.db
    .insert(liaisons)
    .values({
      unitId: unit,
      telegramChatEnc: deps.crypto.encrypt(String(chatId)),
      telegramChatHash: chatKey(deps, chatId),
    })
    .returning({ id: liaisons.id });
  return l.id;
}

export function figures(partial: Partial<Figures> = {}): Figures {
  return { ...(Object.fromEntries(METRIC_CODES.map((c) => [c, 0])) as Figures), ...partial };
}

export async function insertReport(
  db: DbOrTx,
  r: { campaignId: number; unitId: number; period: string; values: Figures; version?: number; current?: boolean; late?: boolean },
): Promise<void> {
  await db.insert(monthlyReports).values({
    campaignId: r.campaignId,
    unitId: r.unitId,
    period: r.period,
    version: r.version ?? 1,
    current: r.current ?? true,
    values: toStored(r.values),
    late: r.late ?? false,
    submittedBy: "test",
    submittedAt: new Date("2018-07-05T02:00:00Z"),
  });
}
