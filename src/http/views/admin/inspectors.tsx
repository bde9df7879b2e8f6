import type { ConflictRow, InspectorRow } from "../../../app/inspectors/roster.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import { localName } from "../../../domain/tip-input.js";
import type { Translate } from "../../routes/admin/context.js";
import { Flash, Layout } from "./layout.js";

type Unit = { id: number; name: string; nameEn: string | null; jurisdictionCode: string };

export interface InspectorsPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  units: Unit[];
  unitId?: number;
  roster?: { inspectors: InspectorRow[]; conflicts: ConflictRow[] };
  done?: string;
  error?: string;
}

/** /admin/inspectors: pick a unit, see its officers and conflicts, add an officer, deactivate one, record a conflict. */
export function InspectorsPage(p: InspectorsPageProps) {
  const { t, locale, csrf } = p;
  const canAct = p.actor.role !== "viewer";
  const unit = p.units.find((u) => u.id === p.unitId);
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="unitId" value={String(p.unitId ?? "")} />
    </>
  );
  return (
    <Layout t={t} locale={locale} title={t("roster-title")} actor={p.actor} csrf={csrf}>
      <h1>{t("roster-title")}</h1>
      <Flash t={t} done={p.done} error={p.error} />
      <form method="get" action="/admin/inspectors" class="inline">
        <label>
          {t("roster-unit")}{" "}
          <select name="unit">
            {p.units.map((u) => (
              <option value={String(u.id)} selected={u.id === p.unitId}>
                {u.jurisdictionCode} {localName(u, locale)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("roster-show")}</button>
      </form>

      {p.roster && p.unitId !== undefined && (
        <>
          <section class="card" id="roster">
            <h2>{t("roster-list-title", { unit: unit ? localName(unit, locale) : String(p.unitId) })}</h2>
            {p.roster.inspectors.length === 0 ? (
              <p>{t("roster-none")}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("roster-col-name")}</th>
                      <th scope="col">{t("roster-col-cert")}</th>
                      <th scope="col">{t("roster-col-until")}</th>
                      <th scope="col">{t("roster-col-status")}</th>
                      {canAct && <th scope="col">{t("roster-col-actions")}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {p.roster.inspectors.map((o) => (
                      <tr data-inspector={String(o.id)}>
                        <td>{o.name}</td>
                        <td>
                          <code>{o.certificateNo}</code>
                        </td>
                        <td>{o.certifiedUntil ?? t("roster-no-expiry")}</td>
                        <td>{o.active ? t("roster-active") : t("roster-inactive")}</td>
                        {canAct && (
                          <td>
                            {o.active && (
                              <form method="post" action={`/admin/inspectors/${o.id}/deactivate`} class="inline">
                                {hidden}
                                <label>
                                  {t("roster-reason")} <input name="reason" required maxlength={500} />
                                </label>
                                <button type="submit">{t("roster-deactivate")}</button>
                              </form>
                            )}
                            <form method="post" action={`/admin/inspectors/${o.id}/conflicts`} class="inline">
                              {hidden}
                              <label>
                                {t("roster-enterprise-ref")} <input name="enterpriseId" required maxlength={200} />
                              </label>
                              <label>
                                {t("roster-conflict-reason")} <input name="reason" required maxlength={500} />
                              </label>
                              <button type="submit">{t("roster-conflict-add")}</button>
                            </form>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section class="card" id="roster-conflicts">
            <h2>{t("roster-conflicts-title")}</h2>
            {p.roster.conflicts.length === 0 ? (
              <p>{t("roster-conflicts-none")}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("roster-col-name")}</th>
                      <th scope="col">{t("roster-col-enterprise")}</th>
                      <th scope="col">{t("roster-conflict-reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.roster.conflicts.map((x) => (
                      <tr data-conflict={`${x.inspectorId}-${x.enterpriseId}`}>
                        <td>{p.roster?.inspectors.find((o) => o.id === x.inspectorId)?.name}</td>
                        <td>
                          <a href={`/admin/enterprises/${x.enterpriseId}`}>{x.enterpriseName}</a>
                        </td>
                        <td>{x.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {canAct && (
            <section class="card" id="roster-add">
              <h2>{t("roster-add-title")}</h2>
              <form method="post" action="/admin/inspectors">
                {hidden}
                <label>
                  {t("roster-col-name")} <input name="name" required maxlength={60} />
                </label>
                <label>
                  {t("roster-col-cert")} <input name="certificateNo" required maxlength={40} />
                </label>
                <label>
                  {t("roster-col-until")} <input name="certifiedUntil" type="date" />
                </label>
                <button type="submit">{t("roster-add")}</button>
              </form>
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
