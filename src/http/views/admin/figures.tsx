import type { StaffActor } from "../../../app/staff/actor.js";
import type { CampaignFigures } from "../../../app/campaigns/campaign-figures.js";
import { METRICS } from "../../../domain/figures.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";
import { BarChart } from "./svg-chart.js";

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  data: CampaignFigures;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Submission matrix, roll-up by jurisdiction, a server-drawn chart and the export links of one campaign. */
export function FiguresPage({ t, locale, actor, csrf, data }: Props) {
  const c = data.access.campaign;
  const en = locale === "en";
  const label = (m: (typeof METRICS)[number]) => `${en ? m.en : m.zh} (${en ? m.unitEn : m.unit})`;
  const chosen = METRICS.find((m) => m.code === data.metric)!;
  const base = `/admin/campaigns/${c.id}`;
  return (
    <Layout t={t} locale={locale} title={`${c.name} · ${t("admin-campaigns-figures")}`} actor={actor} csrf={csrf}>
      <p>
        <a href="/admin/campaigns">{t("admin-campaigns-title")}</a> · <a href={base}>{c.name}</a>
      </p>
      <h1>
        {t("admin-campaigns-figures")}: {c.name}
      </h1>
      {data.matrix.months.length > 0 && (
        <form method="get" action={`${base}/figures`} class="filters">
          <label>
            {t("admin-campaigns-month")}
            <select name="month">
              {data.matrix.months.map((m) => (
                <option value={m} selected={m === data.month}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("admin-campaigns-metric")}
            <select name="metric">
              {METRICS.map((m) => (
                <option value={m.code} selected={m.code === data.metric}>
                  {label(m)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t("admin-campaigns-show")}</button>
        </form>
      )}
      {data.month && data.export && (
        <p class="exports">
          {(["xlsx", "csv"] as const).map((f) => (
            <a class="export" href={`${base}/export?month=${data.month}&format=${f}`} download>
              {t("admin-campaigns-download", { format: f })}
            </a>
          ))}
        </p>
      )}

      <h2>{t("admin-campaigns-matrix")}</h2>
      <p class="counts">
        {(["on_time", "late", "missing", "not_yet_due"] as const).map((s) => (
          <span>
            {t(`admin-campaigns-filing-${s}`)}: {data.matrix.counts[s]}
          </span>
        ))}
      </p>
      {data.matrix.units.length === 0 ? (
        <p>{t("admin-campaigns-no-figures")}</p>
      ) : (
        <div class="scroll">
          <table class="matrix">
            <thead>
              <tr>
                <th>{t("admin-campaigns-unit")}</th>
                {data.matrix.months.map((m) => (
                  <th>{m}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.matrix.units.map((u) => (
                <tr data-unit={u.unitId}>
                  <th>{u.name}</th>
                  {data.matrix.months.map((m) => {
                    const s = u.cells[m];
                    return (
                      <td class={s ? `filing filing-${s}${s === "missing" || s === "late" ? " overdue" : ""}` : "filing"}>
                        {s ? t(`admin-campaigns-filing-${s}`) : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data.month && (data.access.full || data.access.prefix) && (
        <>
          <h2>{t("admin-campaigns-rollup", { month: data.month })}</h2>
          <div class="scroll">
            <table class="rollup">
              <thead>
                <tr>
                  <th>{t("admin-campaigns-jurisdiction")}</th>
                  <th>{t("admin-campaigns-span")}</th>
                  <th>{t("admin-campaigns-reporting")}</th>
                  {METRICS.map((m) => (
                    <th data-metric={m.code}>{label(m)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rollup.flatMap((r) => [
                  <tr data-jurisdiction={r.code} data-span="month">
                    <th rowspan={2}>
                      {r.name} <small>{r.code}</small>
                    </th>
                    <td>{t("admin-campaigns-this-month")}</td>
                    <td>{r.unitsReporting}</td>
                    {METRICS.map((m) => (
                      <td data-metric={m.code}>{fmt(r.month[m.code])}</td>
                    ))}
                  </tr>,
                  <tr data-jurisdiction={r.code} data-span="cumulative">
                    <td>{t("admin-campaigns-cumulative")}</td>
                    <td></td>
                    {METRICS.map((m) => (
                      <td data-metric={m.code}>{fmt(r.cumulative[m.code])}</td>
                    ))}
                  </tr>,
                ])}
              </tbody>
            </table>
          </div>
          {data.rollup.length === 0 && <p>{t("admin-campaigns-no-reports")}</p>}
        </>
      )}

      {data.month && data.disagreements.length > 0 && (
        <>
          <h2 id="disagreements">{t("admin-figures-disagree", { month: data.month })}</h2>
          <div class="scroll">
            <table class="disagreements">
              <thead>
                <tr>
                  <th>{t("admin-campaigns-unit")}</th>
                  <th>{t("admin-figures-disagree-metric")}</th>
                  <th>{t("admin-figures-disagree-typed")}</th>
                  <th>{t("admin-figures-disagree-recorded")}</th>
                </tr>
              </thead>
              <tbody>
                {data.disagreements.map((d) => {
                  const m = METRICS.find((x) => x.code === d.code)!;
                  return (
                    <tr data-unit={d.unitId} data-metric={d.code}>
                      <th>{d.name}</th>
                      <td>{label(m)}</td>
                      <td class="typed">{fmt(d.typed)}</td>
                      <td class="recorded">{fmt(d.recorded)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {data.month && data.perUnit.length > 0 && (
        <>
          <h2>{t("admin-campaigns-chart", { month: data.month })}</h2>
          <p id="filed-count">{t("admin-figures-filed-count", { filed: data.perUnit.filter((u) => u.filed).length, due: data.perUnit.length })}</p>
          <BarChart
            title={en ? chosen.en : chosen.zh}
            unit={en ? chosen.unitEn : chosen.unit}
            missingLabel={t("admin-figures-not-filed")}
            bars={data.perUnit.map((u) => ({ key: String(u.unitId), label: u.name, value: u.value, filed: u.filed }))}
          />
        </>
      )}
    </Layout>
  );
}
