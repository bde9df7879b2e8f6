import type { InspectionDetail, listInspections } from "../../../app/inspections/list-inspections.js";
import { INSPECTION_KINDS } from "../../../app/inspections/record-inspection.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { InspectionForm, type InspectionFormProps } from "../inspection-form.js";
import { Layout } from "./layout.js";

interface Base {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
}

/** Integer fen as 元 with two decimals. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

type ListResult = Awaited<ReturnType<typeof listInspections>>;

export function InspectionsPage({ t, locale, actor, csrf, result }: Base & { result: ListResult }) {
  const f = result.filters;
  const qs = (p: number) =>
    `/admin/inspections?${new URLSearchParams({
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.month ? { month: f.month } : {}),
      ...(f.q ? { q: f.q } : {}),
      ...(f.due ? { due: "1" } : {}),
      page: String(p),
    })}`;
  return (
    <Layout t={t} locale={locale} title={t("inspections-title")} actor={actor} csrf={csrf}>
      <h1>{t("inspections-title")}</h1>
      {actor.role !== "viewer" && (
        <p>
          <a href="/admin/inspections/new" id="new-inspection">
            {t("inspections-new")}
          </a>
        </p>
      )}
      <form method="get" action="/admin/inspections" class="filters">
        <label>
          {t("inspections-enterprise-search")} <input name="q" value={f.q ?? ""} maxlength={100} />
        </label>
        <label>
          {t("inspections-month")} <input type="month" name="month" value={f.month ?? ""} />
        </label>
        <label>
          {t("inspections-kind")}
          <select name="kind">
            <option value="">—</option>
            {INSPECTION_KINDS.map((k) => (
              <option value={k} selected={k === f.kind}>
                {t(`inspections-kind-${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="due" value="1" checked={f.due === true} /> {t("inspections-only-due")}
        </label>
        <button type="submit">{t("inspections-filter")}</button>
      </form>
      <p>{t("inspections-total", { total: result.total, page: result.page, pages: result.pages })}</p>
      <div class="scroll">
        <table class="inspections">
          <thead>
            <tr>
              <th>#</th>
              <th>{t("inspections-date")}</th>
              <th>{t("inspections-unit")}</th>
              <th>{t("inspections-enterprise")}</th>
              <th>{t("inspections-kind")}</th>
              <th>{t("inspections-measures")}</th>
              <th>{t("inspections-fine")}</th>
              <th>{t("inspections-reinspection")}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr data-inspection={r.id}>
                <td>
                  <a href={`/admin/inspections/${r.id}`}>{r.id}</a>
                </td>
                <td class="nowrap">{r.inspectedOn}</td>
                <td>{r.unitName}</td>
                <td>{r.enterpriseName}</td>
                <td>{t(`inspections-kind-${r.kind}`)}</td>
                <td>{measures(t, r).join("、")}</td>
                <td>{r.fineFen ? yuan(r.fineFen) : ""}</td>
                <td>{r.due ? dueText(t, r.due) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {result.page > 1 && <a href={qs(result.page - 1)}>{t("inspections-prev")}</a>}{" "}
        {result.page < result.pages && <a href={qs(result.page + 1)}>{t("inspections-next")}</a>}
      </p>
    </Layout>
  );
}

function measures(
  t: Translate,
  r: { orderedCorrection: boolean; suspended: boolean; licenceAction: boolean; closed: boolean; referredToPolice: boolean },
): string[] {
  const out: string[] = [];
  if (r.orderedCorrection) out.push(t("inspections-measure-correction"));
  if (r.suspended) out.push(t("inspections-measure-suspension"));
  if (r.licenceAction) out.push(t("inspections-measure-licence"));
  if (r.closed) out.push(t("inspections-measure-closure"));
  if (r.referredToPolice) out.push(t("inspections-measure-referral"));
  return out;
}

function dueText(t: Translate, d: { dueOn: string; closedAt: Date | null; closedByInspectionId: number | null }): string {
  if (d.closedByInspectionId) return t("inspections-due-done", { id: d.closedByInspectionId });
  if (d.closedAt) return t("inspections-due-withdrawn");
  return t("inspections-due-on", { date: d.dueOn });
}

export function NewInspectionPage({ t, locale, actor, csrf, form }: Base & { form: Omit<InspectionFormProps, "t" | "csrf" | "submitLabel"> }) {
  return (
    <Layout t={t} locale={locale} title={t("inspections-new")} actor={actor} csrf={csrf}>
      <p>
        <a href="/admin/inspections">{t("inspections-title")}</a>
      </p>
      <h1>{t("inspections-new")}</h1>
      <InspectionForm {...form} t={t} csrf={csrf} submitLabel={t("inspections-save")} />
    </Layout>
  );
}

export function InspectionPage({
  t,
  locale,
  actor,
  csrf,
  d,
  done,
  edit,
}: Base & { d: InspectionDetail; done?: string; edit?: Omit<InspectionFormProps, "t" | "csrf" | "submitLabel"> }) {
  const i = d.inspection;
  const findings = (i.findings ?? []) as { text: string; major: boolean }[];
  const canEdit = actor.role !== "viewer";
  return (
    <Layout t={t} locale={locale} title={t("inspections-record", { id: i.id })} actor={actor} csrf={csrf}>
      <p>
        <a href="/admin/inspections">{t("inspections-title")}</a>
      </p>
      <h1>{t("inspections-record", { id: i.id })}</h1>
      {done && (
        <p class="flash ok" role="status" id="saved">
          {t(done === "file" ? "inspections-file-saved" : "inspections-saved")}
        </p>
      )}
      <dl class="card inspection">
        <dt>{t("inspections-unit")}</dt>
        <dd>{d.unit.name}</dd>
        <dt>{t("inspections-enterprise")}</dt>
        <dd id="enterprise">{d.enterprise.name}</dd>
        <dt>{t("inspections-date")}</dt>
        <dd>{i.inspectedOn}</dd>
        <dt>{t("inspections-kind")}</dt>
        <dd>
          {t(`inspections-kind-${i.kind}`)}
          {i.tipId && ` · ${t("inspections-tip")} #${i.tipId}`}
          {i.reinspectionOfId && (
            <>
              {" · "}
              <a href={`/admin/inspections/${i.reinspectionOfId}`}>
                {t("inspections-reinspection-of")} #{i.reinspectionOfId}
              </a>
            </>
          )}
          {i.drawId && (
            <>
              {" · "}
              <a href={`/admin/draws/${i.drawId}`} id="record-draw">
                {t("inspections-for-draw", { id: String(i.drawId) })}
              </a>
            </>
          )}
          {i.planItemId && (
            <span id="record-plan-item">
              {" · "}
              {t("inspections-for-plan-item", { id: String(i.planItemId) })}
            </span>
          )}
        </dd>
        <dt>{t("inspections-inspectors")}</dt>
        <dd id="officers">{d.officers.map((o) => `${o.name} (${o.certificateNo})`).join("、")}</dd>
        <dt>{t("inspections-findings")}</dt>
        <dd>
          {findings.length === 0 ? (
            "—"
          ) : (
            <ul>
              {findings.map((f) => (
                <li>
                  {f.text} {f.major && <strong class="major">{t("inspections-major")}</strong>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("inspections-measures")}</dt>
        <dd id="measures">{measures(t, i).join("、") || "—"}</dd>
        {i.referredToPolice && (
          <>
            <dt>{t("inspections-detentions")}</dt>
            <dd>{i.detentions}</dd>
            <dt>{t("inspections-arrests")}</dt>
            <dd>{i.arrests}</dd>
          </>
        )}
        <dt>{t("inspections-case-no")}</dt>
        <dd>{i.caseNo ?? "—"}</dd>
        <dt>{t("inspections-fine")}</dt>
        <dd id="fine">{yuan(i.fineFen)}</dd>
        <dt>{t("inspections-deadline")}</dt>
        <dd>{i.correctionDeadline ?? "—"}</dd>
        <dt>{t("inspections-reinspection")}</dt>
        <dd id="reinspection">{d.due ? dueText(t, d.due) : "—"}</dd>
        {i.note && (
          <>
            <dt>{t("inspections-note")}</dt>
            <dd class="tiptext">{i.note}</dd>
          </>
        )}
        <dt>{t("inspections-version")}</dt>
        <dd>{i.version}</dd>
      </dl>
      <h2>{t("inspections-files")}</h2>
      {d.files.length === 0 ? (
        <p>—</p>
      ) : (
        <ul id="files">
          {d.files.map((f) => (
            <li>
              <a href={`/admin/inspections/${i.id}/files/${f.id}`}>{f.fileName ?? `#${f.id}`}</a> <small>{f.mimeType}</small>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form method="post" action={`/admin/inspections/${i.id}/files`} enctype="multipart/form-data" class="card">
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            {t("inspections-file")} <input type="file" name="file" required />
          </label>{" "}
          <button type="submit">{t("inspections-upload")}</button>
        </form>
      )}
      {canEdit && edit && (
        <>
          <h2>{t("inspections-edit")}</h2>
          <InspectionForm {...edit} t={t} csrf={csrf} submitLabel={t("inspections-save-edit")} />
        </>
      )}
    </Layout>
  );
}
