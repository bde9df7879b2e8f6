import type { StaffActor } from "../../../app/staff/actor.js";
import type { campaignObligations } from "../../../app/campaigns/campaign-obligations.js";
import { FIGURES_CODE } from "../../../domain/campaign-schedule.js";
import { CAMPAIGN_TEMPLATES } from "../../../domain/campaign-templates.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

type Result = Awaited<ReturnType<typeof campaignObligations>>;
interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  result: Result;
}

const KINDS = ["deliverable", "recurring", "figures"] as const;

/**
 * A duty's title in the page's language. Obligations store the template's Chinese title; for a built-in
 * template the English one is looked up by code (a template loaded from a file keeps its stored title).
 */
function dutyTitle(t: Translate, locale: string, templateCode: string | null, item: { code: string; title: string }): string {
  if (locale !== "en") return item.title;
  if (item.code === FIGURES_CODE) return t("admin-campaigns-figures-duty");
  const template = CAMPAIGN_TEMPLATES.find((x) => x.code === templateCode);
  return template?.obligations.find((o) => o.code === item.code)?.titleEn ?? item.title;
}

/** One campaign: its duties unit by unit, with status (late = still open after the due day). */
export function CampaignPage({ t, locale, actor, csrf, timeZone, result }: Props) {
  const c = result.access.campaign;
  return (
    <Layout t={t} locale={locale} title={c.name} actor={actor} csrf={csrf}>
      <p>
        <a href="/admin/campaigns">{t("admin-campaigns-title")}</a> · <a href={`/admin/campaigns/${c.id}/figures`}>{t("admin-campaigns-figures")}</a>
      </p>
      <h1>{c.name}</h1>
      <p>
        {c.startsOn} – {c.endsOn} · {t(`admin-campaigns-state-${c.status}`)}
        {c.figuresDueDay ? ` · ${t("admin-campaigns-due-day-n", { day: c.figuresDueDay })}` : ""}
      </p>
      <nav class="counts">
        <a href={`/admin/campaigns/${c.id}`} aria-current={result.kind ? undefined : "page"}>
          {t("admin-campaigns-kind-all")}
        </a>
        {KINDS.map((k) => (
          <a href={`/admin/campaigns/${c.id}?kind=${k}`} aria-current={result.kind === k ? "page" : undefined}>
            {t(`admin-campaigns-kind-${k}`)}
          </a>
        ))}
      </nav>
      <p class="counts">
        {(["open", "late", "done"] as const).map((s) => (
          <span class={`duty-count-${s}`}>
            {t(`admin-campaigns-duty-${s}`)}: {result.counts[s]}
          </span>
        ))}
      </p>
      {result.groups.length === 0 && <p>{t("admin-campaigns-no-duties")}</p>}
      {result.groups.map((g) => (
        <section class="card" data-unit={g.unit.id}>
          <h2>
            {g.unit.name} <small>{g.unit.jurisdictionCode}</small>
          </h2>
          <table class="duties">
            <thead>
              <tr>
                <th>{t("admin-campaigns-duty")}</th>
                <th>{t("admin-campaigns-kind")}</th>
                <th>{t("admin-campaigns-duty-period")}</th>
                <th>{t("admin-campaigns-due")}</th>
                <th>{t("admin-campaigns-status")}</th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((o) => (
                <tr class={`duty duty-${o.status}`}>
                  <td>{dutyTitle(t, locale, c.templateCode, o)}</td>
                  <td>{t(`admin-campaigns-duty-kind-${o.kind}`)}</td>
                  <td>{o.period}</td>
                  <td>{o.dueOn}</td>
                  <td class={o.status === "late" ? "overdue" : undefined}>
                    {t(`admin-campaigns-duty-${o.status}`)}
                    {o.doneAt ? ` (${formatDateTime(o.doneAt, timeZone)})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}
