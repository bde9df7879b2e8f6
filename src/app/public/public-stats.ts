import { sql } from "drizzle-orm";
import { rows } from "../../db/client.js";
import type { Figures } from "../../domain/figures.js";
import { followCounts, suppressColumn, type Shown } from "../../domain/small-counts.js";
import { unitTotals } from "../figures/cumulative.js";
import { addStored, fromStored, zeroStored } from "../figures/stored-values.js";
import type { Deps } from "../deps.js";

export const STAT_COUNTS = ["received", "accepted", "verified", "closed", "closedOnTime", "rewardsPaid"] as const;
export type StatCount = (typeof STAT_COUNTS)[number];
export const STAT_TABLES = ["month", "sector", "city"] as const;
export type StatTable = (typeof STAT_TABLES)[number];

export interface StatRow {
  key: string;
  nameZh: string;
  nameEn: string;
  counts: Record<StatCount, Shown>;
  rewardsPaidYuan: Shown;
}
export interface StatsTable {
  table: StatTable;
  rows: StatRow[];
  total: Omit<StatRow, "key" | "nameZh" | "nameEn">;
}
export interface CampaignMonths {
  campaignId: number;
  name: string;
  /** The 月报表 roll-up of every unit's filing for each month, from the one 累计数 query. */
  months: { month: string; unitsReporting: number; figures: Figures }[];
}
export interface PublicStats {
  tables: Record<StatTable, StatsTable>;
  campaigns: CampaignMonths[];
}

interface Raw {
  gm: number | string;
  gs: number | string;
  month: string | null;
  sector: string | null;
  city: string | null;
  received: number | string;
  accepted: number | string;
  verified: number | string;
  closed: number | string;
  closed_on_time: number | string;
  rewards_paid: number | string;
  rewards_paid_yuan: number | string;
}

/**
 * The public statistics of /public/stats: tips by month received (Asia/Shanghai), by sector and by city
 * (the jurisdiction code's first four digits + "00"), every cell passed through the small-count rule
 * (src/domain/small-counts.ts) here, so no page, CSV or chart can show what it hid. Verified true:
 * a result of substantiated or partly substantiated; closed on time: the first 办结 met its answer
 * deadline (the closed event's answeredInTime); rewards paid: tip_rewards rows in status paid.
 */
export async function publicStats(deps: Pick<Deps, "db" | "clock">): Promise<PublicStats> {
  const grouped = await rows<Raw>(
    deps.db,
    sql`
    with t as (
      select to_char(t.received_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
        t.sector_code as sector,
        coalesce(substr(t.jurisdiction_code, 1, 4) || '00', '') as city,
        exists (select 1 from tip_events e where e.tip_id = t.id and e.kind = 'accepted') as accepted,
        exists (select 1 from tip_events e where e.tip_id = t.id and e.kind = 'result'
          and e.data->>'result' in ('substantiated', 'partly_substantiated')) as verified,
        exists (select 1 from tip_events e where e.tip_id = t.id and e.kind = 'closed') as closed,
        (select e.data->>'answeredInTime' from tip_events e where e.tip_id = t.id and e.kind = 'closed' order by e.id limit 1) as in_time,
        coalesce(r.status = 'paid', false) as paid,
        coalesce(r.amount_yuan, 0) as amount
      from tips t left join tip_rewards r on r.tip_id = t.id
    )
    select grouping(month) as gm, grouping(sector) as gs, month, sector, city,
      count(*) as received,
      count(*) filter (where accepted) as accepted,
      count(*) filter (where verified) as verified,
      count(*) filter (where closed) as closed,
      count(*) filter (where in_time = 'true') as closed_on_time,
      count(*) filter (where paid) as rewards_paid,
      coalesce(sum(amount) filter (where paid), 0) as rewards_paid_yuan
    from t group by grouping sets ((month), (sector), (city))`,
  );
  const names = await rows<{ kind: string; code: string; zh: string; en: string }>(
    deps.db,
    sql`select 'sector' as kind, code, name_zh as zh, name_en as en from sectors
        union all select 'city' as kind, code, name as zh, name as en from jurisdictions where level = 'city'`,
  );
  const nameOf = new Map(names.map((n) => [`${n.kind}:${n.code}`, n]));
  const tableOf = (r: Raw): StatTable => (Number(r.gm) === 0 ? "month" : Number(r.gs) === 0 ? "sector" : "city");
  const tables = Object.fromEntries(
    STAT_TABLES.map((table) => {
      const raws = grouped
        .filter((r) => tableOf(r) === table)
        .map((r) => ({ key: String((table === "month" ? r.month : table === "sector" ? r.sector : r.city) ?? ""), r }))
        .sort((a, b) => a.key.localeCompare(b.key));
      return [table, suppressTable(table, raws, nameOf)];
    }),
  ) as Record<StatTable, StatsTable>;
  return { tables, campaigns: await campaignMonths(deps) };
}

function suppressTable(table: StatTable, raws: { key: string; r: Raw }[], nameOf: Map<string, { zh: string; en: string }>): StatsTable {
  const col = (name: keyof Raw) => raws.map(({ r }) => Number(r[name]));
  const columns: Record<StatCount, ReturnType<typeof suppressColumn>> = {
    received: suppressColumn(col("received")),
    accepted: suppressColumn(col("accepted")),
    verified: suppressColumn(col("verified")),
    closed: suppressColumn(col("closed")),
    closedOnTime: suppressColumn(col("closed_on_time")),
    rewardsPaid: suppressColumn(col("rewards_paid")),
  };
  const yuan = followCounts(col("rewards_paid_yuan"), columns.rewardsPaid);
  const pick = (f: (c: ReturnType<typeof suppressColumn>) => Shown) =>
    Object.fromEntries(STAT_COUNTS.map((s) => [s, f(columns[s])])) as Record<StatCount, Shown>;
  return {
    table,
    rows: raws.map(({ key }, i) => {
      const name = table === "month" ? { zh: key, en: key } : (nameOf.get(`${table}:${key}`) ?? { zh: key || "—", en: key || "—" });
      return { key, nameZh: name.zh, nameEn: name.en, counts: pick((c) => c.cells[i]), rewardsPaidYuan: yuan.cells[i] };
    }),
    total: { counts: pick((c) => c.total), rewardsPaidYuan: yuan.total },
  };
}

/** Months of each campaign not cancelled, from its start to its end or this month, each read through unitTotals. */
async function campaignMonths(deps: Pick<Deps, "db" | "clock">): Promise<CampaignMonths[]> {
  const list = await rows<{ id: number; name: string; starts_on: string | Date; ends_on: string | Date }>(
    deps.db,
    sql`select id, name, starts_on, ends_on from campaigns where status <> 'cancelled' order by starts_on desc, id desc limit 5`,
  );
  const now = monthOf(deps.clock());
  const out: CampaignMonths[] = [];
  for (const c of list) {
    const end = [monthOf(c.ends_on), now].sort()[0];
    const months: CampaignMonths["months"] = [];
    for (let m = monthOf(c.starts_on); m <= end && months.length < 36; m = nextMonth(m)) {
      const perUnit = await unitTotals(deps.db, { campaignId: Number(c.id), month: m });
      const sum = zeroStored();
      let reporting = 0;
      for (const u of perUnit)
        if (u.month) {
          reporting += 1;
          addStored(sum, u.month);
        }
      months.push({ month: m, unitsReporting: reporting, figures: fromStored(sum) });
    }
    out.push({ campaignId: Number(c.id), name: c.name, months });
  }
  return out;
}

function monthOf(d: string | Date): string {
  if (typeof d === "string") return d.slice(0, 7);
  // Asia/Shanghai is UTC+8 all year.
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

function nextMonth(m: string): string {
  const [y, mo] = m.split("-").map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}
