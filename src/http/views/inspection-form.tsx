import type { InspectorRow } from "../../app/inspectors/roster.js";
import type { InspectionProblem } from "../../app/inspections/record-inspection.js";
import { INSPECTION_KINDS } from "../../app/inspections/record-inspection.js";
import type { Translate } from "../routes/admin/context.js";

/** The record form's fields as typed (strings), so a refused form comes back as the person left it. */
export interface InspectionFormValues {
  unitId?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  inspectedOn?: string;
  kind?: string;
  inspectorIds?: string[];
  findings?: { text: string; major: boolean }[];
  orderedCorrection?: boolean;
  suspended?: boolean;
  licenceAction?: boolean;
  closed?: boolean;
  referredToPolice?: boolean;
  detentions?: string;
  arrests?: string;
  caseNo?: string;
  fineYuan?: string;
  correctionDeadline?: string;
  tipId?: string;
  reinspectionOfId?: string;
  /** The annual-plan item or 双随机 draw this record carries out (from the plan's or the draw's "record" link). */
  planItemId?: string;
  drawId?: string;
  note?: string;
}

export interface InspectionFormProps {
  t: Translate;
  csrf: string;
  action: string;
  /** Where the enterprise search (GET) goes; it keeps the unit and the day. */
  searchAction: string;
  q?: string;
  found: { id: number; name: string; creditCode: string | null }[];
  units: { id: number; name: string }[];
  roster: InspectorRow[];
  openDue: { inspectionId: number; dueOn: string; enterpriseName: string }[];
  values: InspectionFormValues;
  problems?: { problems: InspectionProblem[]; names: string[] };
  /** The desk's short form: three findings rows instead of five. */
  compact?: boolean;
  submitLabel: string;
}

export const FINDING_ROWS = 5;
export const COMPACT_FINDING_ROWS = 3;

/** One form for /admin/inspections/new, the record's edit and the desk's quick entry. No script: the enterprise search is a GET. */
export function InspectionForm(p: InspectionFormProps) {
  const { t, values: v } = p;
  const rows = p.compact ? COMPACT_FINDING_ROWS : FINDING_ROWS;
  const findings = [...(v.findings ?? [])];
  while (findings.length < rows) findings.push({ text: "", major: false });
  const chosen = new Set(v.inspectorIds ?? []);
  const check = (name: keyof InspectionFormValues, label: string) => (
    <label class="check">
      <input type="checkbox" name={name} value="1" checked={v[name] === true} /> {label}
    </label>
  );
  return (
    <>
      <form method="get" action={p.searchAction} class="filters" id="enterprise-search">
        {p.units.length > 1 && <input type="hidden" name="unitId" value={v.unitId ?? ""} />}
        {v.planItemId && <input type="hidden" name="planItemId" value={v.planItemId} />}
        {v.drawId && <input type="hidden" name="drawId" value={v.drawId} />}
        {v.kind && <input type="hidden" name="kind" value={v.kind} />}
        <label>
          {t("inspections-enterprise-search")} <input name="q" value={p.q ?? ""} maxlength={100} />
        </label>
        <button type="submit">{t("inspections-search")}</button>
      </form>
      {p.problems && (
        <div class="flash err" role="alert" id="problems">
          {p.problems.problems.map((code) => (
            <p>{t(`inspections-problem-${code}`, { names: p.problems!.names.join("、") })}</p>
          ))}
        </div>
      )}
      <form method="post" action={p.action} class="card inspection-form">
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.units.length > 1 ? (
          <p>
            <label>
              {t("inspections-unit")}
              <select name="unitId">
                {p.units.map((u) => (
                  <option value={String(u.id)} selected={String(u.id) === v.unitId}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          </p>
        ) : (
          <input type="hidden" name="unitId" value={v.unitId ?? String(p.units[0]?.id ?? "")} />
        )}
        {v.planItemId && <input type="hidden" name="planItemId" value={v.planItemId} />}
        {v.drawId && <input type="hidden" name="drawId" value={v.drawId} />}
        {(v.planItemId || v.drawId) && (
          <p class="meta" id="record-link">
            {v.drawId ? t("inspections-for-draw", { id: v.drawId }) : t("inspections-for-plan-item", { id: v.planItemId ?? "" })}
          </p>
        )}
        <fieldset>
          <legend>{t("inspections-enterprise")}</legend>
          {v.enterpriseId && v.enterpriseName && !p.found.some((e) => String(e.id) === v.enterpriseId) && (
            <label class="check">
              <input type="radio" name="enterpriseId" value={v.enterpriseId} checked /> {v.enterpriseName}
            </label>
          )}
          {p.found.map((e) => (
            <label class="check">
              <input type="radio" name="enterpriseId" value={String(e.id)} checked={String(e.id) === v.enterpriseId} /> {e.name}{" "}
              {e.creditCode && <code>{e.creditCode}</code>}
            </label>
          ))}
          {!v.enterpriseId && p.found.length === 0 && <p class="meta">{t("inspections-enterprise-hint")}</p>}
        </fieldset>
        <p>
          <label>
            {t("inspections-date")} <input type="date" name="inspectedOn" value={v.inspectedOn ?? ""} required />
          </label>
        </p>
        <p>
          <label>
            {t("inspections-kind")}
            <select name="kind">
              {INSPECTION_KINDS.map((k) => (
                <option value={k} selected={k === (v.kind ?? "planned")}>
                  {t(`inspections-kind-${k}`)}
                </option>
              ))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("inspections-tip")} <input name="tipId" value={v.tipId ?? ""} inputmode="numeric" maxlength={10} />
          </label>
        </p>
        {p.openDue.length > 0 && (
          <p>
            <label>
              {t("inspections-reinspection-of")}
              <select name="reinspectionOfId">
                <option value="">—</option>
                {p.openDue.map((d) => (
                  <option value={String(d.inspectionId)} selected={String(d.inspectionId) === v.reinspectionOfId}>
                    #{d.inspectionId} {d.enterpriseName} ({d.dueOn})
                  </option>
                ))}
              </select>
            </label>
          </p>
        )}
        <fieldset>
          <legend>{t("inspections-inspectors")}</legend>
          {p.roster.length === 0 && <p class="meta">{t("inspections-no-roster")}</p>}
          {p.roster.map((r) => (
            <label class="check">
              <input type="checkbox" name="inspectorIds" value={String(r.id)} checked={chosen.has(String(r.id))} /> {r.name} <code>{r.certificateNo}</code>
              {r.certifiedUntil && <small> {t("inspections-certified-until", { date: r.certifiedUntil })}</small>}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("inspections-findings")}</legend>
          {findings.map((f, i) => (
            <p class="finding">
              <input name={`finding_${i}`} value={f.text} maxlength={500} aria-label={t("inspections-finding-n", { n: i + 1 })} />
              <label class="check">
                <input type="checkbox" name={`major_${i}`} value="1" checked={f.major} /> {t("inspections-major")}
              </label>
            </p>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("inspections-measures")}</legend>
          {check("orderedCorrection", t("inspections-measure-correction"))}
          {check("suspended", t("inspections-measure-suspension"))}
          {check("licenceAction", t("inspections-measure-licence"))}
          {check("closed", t("inspections-measure-closure"))}
          {check("referredToPolice", t("inspections-measure-referral"))}
          <p>
            <label>
              {t("inspections-detentions")} <input name="detentions" value={v.detentions ?? "0"} inputmode="numeric" maxlength={5} />
            </label>{" "}
            <label>
              {t("inspections-arrests")} <input name="arrests" value={v.arrests ?? "0"} inputmode="numeric" maxlength={5} />
            </label>
          </p>
        </fieldset>
        <p>
          <label>
            {t("inspections-deadline")} <input type="date" name="correctionDeadline" value={v.correctionDeadline ?? ""} />
          </label>
        </p>
        <p>
          <label>
            {t("inspections-case-no")} <input name="caseNo" value={v.caseNo ?? ""} maxlength={60} />
          </label>
        </p>
        <p>
          <label>
            {t("inspections-fine")} <input name="fineYuan" value={v.fineYuan ?? ""} inputmode="decimal" maxlength={20} />
          </label>
        </p>
        <p>
          <label>
            {t("inspections-note")}
            <textarea name="note" class="wide" rows={3} maxlength={2000}>
              {v.note ?? ""}
            </textarea>
          </label>
        </p>
        <p>
          <button type="submit">{p.submitLabel}</button>
        </p>
      </form>
    </>
  );
}
