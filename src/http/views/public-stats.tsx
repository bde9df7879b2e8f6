import type { FC } from "hono/jsx";
import { writeCsv } from "../../domain/csv.js";
import type { PublicStats, StatCount, StatRow, StatsTable, StatTable } from "../../app/public/public-stats.js";
import { STAT_COUNTS } from "../../app/public/public-stats.js";
import { METRICS } from "../../domain/figures.js";
import { shownText, SUPPRESS_BELOW } from "../../domain/small-counts.js";
import { BarChart } from "./admin/svg-chart.js";
import { Layout, type T } from "./layout.js";

type Locale = "zh-CN" | "en";
const COLUMNS: readonly (StatCount | "rewardsPaidYuan")[] = [...STAT_COUNTS, "rewardsPaidYuan"];
const cellOf = (r: Pick<StatRow, "counts" | "rewardsPaidYuan">, c: StatCount | "rewardsPaidYuan") =>
  shownText(c === "rewardsPaidYuan" ? r.rewardsPaidYuan : r.counts[c]);
const rowName = (r: StatRow, locale: Locale) => (locale === "en" ? r.nameEn : r.nameZh);

/** The header row and one row per group plus the total, as strings: the page table and the CSV are the same grid. */
export function statsGrid(t: T, locale: Locale, table: StatsTable): string[][] {
  return [
    [t(`public-stats-key-${table.table}`), ...COLUMNS.map((c) => t(`public-stats-col-${c}`))],
    ...table.rows.map((r) => [rowName(r, locale), ...COLUMNS.map((c) => cellOf(r, c))]),
    [t("public-stats-total"), ...COLUMNS.map((c) => cellOf(table.total, c))],
  ];
}

/** The 月报表 roll-up of one campaign by month, as a grid. */
export function figuresGrid(t: T, locale: Locale, campaign: PublicStats["campaigns"][number]): string[][] {
  return [
    [t("public-stats-key-month"), t("public-stats-figures-units"), ...METRICS.map((m) => (locale === "en" ? `${m.en} (${m.unitEn})` : `${m.zh}（${m.unit}）`))],
    ...campaign.months.map((m) => [m.month, String(m.unitsReporting), ...METRICS.map((x) => String(m.figures[x.code]))]),
  ];
}

/** The one CSV writer (src/domain/csv.ts), under the name the stats route uses. */
export const toCsv = writeCsv;

const Grid: FC<{ grid: string[][]; id: string }> = ({ grid, id }) => (
  <div class="table-wrap">
    <table class="stats" id={id}>
      <thead>
        <tr>
          {grid[0].map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.slice(1).map((r) => (
          <tr>
            <th scope="row">{r[0]}</th>
            {r.slice(1).map((v) => (
              <td>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const PublicStatsPage: FC<{ t: T; locale: Locale; stats: PublicStats }> = ({ t, locale, stats }) => {
  const lang = `lang=${locale}`;
  const month = stats.tables.month;
  return (
    <Layout t={t} locale={locale} title={t("public-stats-title")} path="/public/stats">
      <h1>{t("public-stats-title")}</h1>
      <p>{t("public-stats-intro")}</p>
      <p class="banner warn" id="suppression-rule">
        {t("public-stats-suppression", { below: SUPPRESS_BELOW })}
      </p>
      {month.rows.length > 0 && (
        <BarChart
          title={t("public-stats-chart-received")}
          unit={t("public-stats-chart-unit")}
          missingLabel={`<${SUPPRESS_BELOW}`}
          bars={month.rows.map((r) => ({ key: r.key, label: r.key, value: r.counts.received ?? 0, filed: r.counts.received !== null }))}
        />
      )}
      {(["month", "sector", "city"] as StatTable[]).map((table) => (
        <section>
          <h2>{t(`public-stats-table-${table}`)}</h2>
          {stats.tables[table].rows.length === 0 ? (
            <p>{t("public-stats-none")}</p>
          ) : (
            <Grid id={`stats-${table}`} grid={statsGrid(t, locale, stats.tables[table])} />
          )}
          <p>
            <a href={`/public/stats.csv?table=${table}&${lang}`}>{t("public-stats-csv")}</a>
          </p>
        </section>
      ))}
      {stats.campaigns.map((c) => (
        <section>
          <h2>{t("public-stats-figures-title", { name: c.name })}</h2>
          <Grid id={`figures-${c.campaignId}`} grid={figuresGrid(t, locale, c)} />
          <p>
            <a href={`/public/stats.csv?table=figures&campaign=${c.campaignId}&${lang}`}>{t("public-stats-csv")}</a>
          </p>
        </section>
      ))}
    </Layout>
  );
};
