import type { StaffActor } from "../../../app/staff/actor.js";
import type { CampaignSummary } from "../../../app/campaigns/list-campaigns.js";
import type { CampaignStartPreview } from "../../../app/campaigns/preview-campaign-start.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

export const TEMPLATE_CODES = ["guangxi-2020", "hengnan-2018"] as const;
export interface StartForm {
  template: string;
  jurisdictionCode: string;
  year: string;
  figuresDueDay: string;
}

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  campaigns: CampaignSummary[];
  form?: StartForm;
  error?: string;
  /** Set when the campaign asked for has duties already past due: the page asks what to do with them. */
  pastDue?: CampaignStartPreview;
}

export function CampaignsPage({ t, locale, actor, csrf, campaigns, form, error, pastDue }: Props) {
  const canStart = actor.role === "committee" || actor.role === "admin";
  return (
    <Layout t={t} locale={locale} title={t("admin-campaigns-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-campaigns-title")}</h1>
      {error && (
        <p class="flash err" role="alert">
          {t(`admin-campaigns-error-${error}`)}
        </p>
      )}
      {pastDue && form && <PastDueWarning t={t} csrf={csrf} form={form} preview={pastDue} />}
      {campaigns.length === 0 ? (
        <p>{t("admin-campaigns-none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("admin-campaigns-name")}</th>
              <th>{t("admin-campaigns-period")}</th>
              <th>{t("admin-campaigns-status")}</th>
              <th>{t("admin-campaigns-units")}</th>
              <th>{t("admin-campaigns-duty-open")}</th>
              <th>{t("admin-campaigns-duty-late")}</th>
              <th>{t("admin-campaigns-duty-done")}</th>
              <th>{t("admin-campaigns-figures")}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr>
                <td>
                  <a href={`/admin/campaigns/${c.id}`}>{c.name}</a>
                </td>
                <td>
                  {c.startsOn} – {c.endsOn}
                </td>
                <td>{t(`admin-campaigns-state-${c.status}`)}</td>
                <td>{c.units}</td>
                <td>{c.open}</td>
                <td class={c.late ? "overdue" : undefined}>{c.late}</td>
                <td>{c.done}</td>
                <td>
                  <a href={`/admin/campaigns/${c.id}/figures`}>{t("admin-campaigns-figures-open")}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canStart && (
        <section class="card">
          <h2>{t("admin-campaigns-start")}</h2>
          <form method="post" action="/admin/campaigns" class="filters">
            <input type="hidden" name="_csrf" value={csrf} />
            <label>
              {t("admin-campaigns-template")}
              <select name="template">
                {TEMPLATE_CODES.map((code) => (
                  <option value={code} selected={form?.template === code}>
                    {t(`admin-campaigns-template-${code}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("admin-campaigns-jurisdiction")}
              <input name="jurisdictionCode" required pattern="[0-9]{6}([0-9]{3})?" value={form?.jurisdictionCode ?? actor.jurisdictionCode ?? ""} />
            </label>
            <label>
              {t("admin-campaigns-year")} <input name="year" inputmode="numeric" pattern="[0-9]{4}" value={form?.year ?? ""} />
            </label>
            <label>
              {t("admin-campaigns-due-day")}
              <select name="figuresDueDay">
                <option value="">{t("admin-campaigns-due-default")}</option>
                {["5", "10"].map((d) => (
                  <option value={d} selected={form?.figuresDueDay === d}>
                    {t("admin-campaigns-due-day-n", { day: Number(d) })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t("admin-campaigns-start")}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** The campaign's dates are already past: start it keeping those duties as overdue, or marking them not applicable. */
function PastDueWarning({ t, csrf, form, preview }: { t: Translate; csrf: string; form: StartForm; preview: CampaignStartPreview }) {
  const periods = preview.pastDue.periods;
  return (
    <section class="flash err" role="alert" id="past-due">
      <p>
        {t("admin-campaigns-past-warning", {
          startsOn: preview.startsOn,
          endsOn: preview.endsOn,
          count: preview.pastDue.count,
          periods: periods.length > 6 ? `${periods.slice(0, 3).join("、")} … ${periods.slice(-2).join("、")}` : periods.join("、"),
        })}
      </p>
      <form method="post" action="/admin/campaigns">
        <input type="hidden" name="_csrf" value={csrf} />
        {Object.entries(form).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <button type="submit" name="pastDue" value="not_applicable">
          {t("admin-campaigns-past-not-applicable")}
        </button>{" "}
        <button type="submit" name="pastDue" value="keep">
          {t("admin-campaigns-past-keep")}
        </button>
      </form>
    </section>
  );
}
