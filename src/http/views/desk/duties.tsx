import type { ObligationView } from "../../../app/campaigns/list-obligations.js";
import type { DeskDuties } from "../../../app/desk/list-desk-duties.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { DeskLayout } from "./layout.js";

export const periodLabel = (t: Translate, period: string) => t("figures-period", { year: period.slice(0, 4), month: String(Number(period.slice(5, 7))) });
const title = (locale: string, o: ObligationView) => (locale === "en" ? o.titleEn : o.titleZh);

export interface DutiesPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  duties: DeskDuties;
  done?: string;
}

/** The unit's open duties by due date; a deliverable is marked done with its document in one form. */
export function DutiesPage({ t, locale, actor, csrf, duties, done }: DutiesPageProps) {
  const ok = done === "ok" || done === "late" || done === "recorded";
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-duties-title")} actor={actor} csrf={csrf}>
      {done && (
        <p class={`flash ${ok ? "ok" : "err"}`} role={ok ? "status" : "alert"}>
          {t(`desk-done-${done}`)}
        </p>
      )}
      <h1>{t("desk-duties-title")}</h1>
      <p>
        <a href="/desk/inspections/new" id="record-inspection">
          {t("desk-record-inspection")}
        </a>
      </p>
      {duties.open.length === 0 && <p>{t("desk-duties-none")}</p>}
      {duties.open.map((o) => (
        <section class="card duty" data-obligation={String(o.id)}>
          <h3>
            {title(locale, o)}
            {o.kind === "figures" ? ` · ${periodLabel(t, o.period)}` : ""}
          </h3>
          <p class="meta">
            {t(`desk-kind-${o.kind}`)} · {t("desk-due", { date: o.dueOn })}
            {o.dueOn < duties.today && (
              <>
                {" "}
                · <span class="overdue">{t("desk-overdue")}</span>
              </>
            )}
          </p>
          {o.kind === "figures" ? (
            <p>
              <a href={`/desk/figures/${o.id}`}>{t("desk-fill-figures")}</a>
            </p>
          ) : (
            <form method="post" action={`/desk/duties/${o.id}/done`} enctype="multipart/form-data">
              <input type="hidden" name="_csrf" value={csrf} />
              <label>
                {t("desk-document")} <input type="file" name="document" />
              </label>
              <button type="submit">{t("desk-done-button")}</button>
            </form>
          )}
        </section>
      ))}
      <h2>{t("desk-filed-title")}</h2>
      {duties.filed.length === 0 && <p>{t("desk-filed-none")}</p>}
      <ul>
        {duties.filed.map((o) => (
          <li>
            <a href={`/desk/figures/${o.id}`}>
              {periodLabel(t, o.period)} · {t("desk-correct")}
            </a>
          </li>
        ))}
      </ul>
    </DeskLayout>
  );
}
