import type { StaffActor } from "../../../app/staff/actor.js";
import type { LiaisonView } from "../../../app/liaisons/list-liaisons.js";
import type { UnitRow } from "../../../app/manage/list-units.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Flash, Layout } from "./layout.js";
import { localName } from "../../../domain/tip-input.js";
import { raw } from "hono/html";
import { SECTORS } from "../../../domain/sectors.js";
import type { UnitlessPlace } from "../../../app/manage/list-unitless-places.js";
import type { RetirementPlan } from "../../../app/manage/unit-retirement.js";
import type { UnitImportResult } from "../../../app/manage/import-units.js";

interface Base {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
}

interface UnitsProps extends Base {
  units: UnitRow[];
  unitless?: UnitlessPlace[];
  jurisdiction?: string;
  canManage?: boolean;
  created?: string;
  error?: string;
  imported?: UnitImportResult;
}

export function UnitsPage({ t, locale, actor, csrf, units, unitless = [], jurisdiction, canManage, error, imported }: UnitsProps) {
  return (
    <Layout t={t} locale={locale} title={t("admin-manage-units-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-manage-units-title")}</h1>
      <Flash t={t} error={error} />
      {imported && <UnitImportReport t={t} result={imported} />}
      <form method="get" action="/admin/units" class="filters">
        <label>
          {t("admin-manage-jurisdiction")} <input name="jurisdiction" value={jurisdiction ?? ""} pattern="\d{2,9}" />
        </label>
        <button type="submit">{t("admin-manage-filter")}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t("admin-manage-jurisdiction")}</th>
            <th>{t("admin-manage-unit-name")}</th>
            <th>{t("admin-manage-unit-kind")}</th>
            <th>{t("admin-manage-unit-liaisons")}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr>
              <td>{u.jurisdictionCode}</td>
              <td>
                <a href={`/admin/units/${u.id}`}>{localName(u, locale)}</a>
                {!u.active && <em> ({t("admin-manage-unit-inactive")})</em>}
              </td>
              <td>{t(`admin-manage-unit-kind-${u.kind}`)}</td>
              <td class="unit-liaisons">{String(u.liaisons)}</td>
            </tr>
          ))}
          {unitless.map((p) => (
            <tr class="no-unit">
              <td>{p.code}</td>
              <td>{p.name}</td>
              <td>
                <em>{t("admin-units-no-unit")}</em>
              </td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && <CreateUnitForm t={t} csrf={csrf} jurisdiction={jurisdiction} locale={locale} />}
      {canManage && <ImportUnitsForm t={t} csrf={csrf} locale={locale} />}
    </Layout>
  );
}

// unit-import: the unit CSV upload, checked as a whole before anything is created.
const UNIT_CSV_HEADER = "name,name_en,jurisdiction_code,kind,sectors,route";

function ImportUnitsForm({ t, csrf, locale }: { t: Translate; csrf: string; locale: string }) {
  return (
    <form method="post" action="/admin/units/import" enctype="multipart/form-data" class="card" id="import-units">
      <h2>{t("admin-units-import-title")}</h2>
      <p>{t("admin-units-import-help")}</p>
      <pre>
        <code>{UNIT_CSV_HEADER}</code>
      </pre>
      <details>
        <summary>{t("admin-manage-import-columns")}</summary>
        <ul>
          <li>
            <code>name</code>: {t("admin-units-import-col-name")}
          </li>
          <li>
            <code>name_en</code>: {t("admin-units-import-col-name-en")}
          </li>
          <li>
            <code>jurisdiction_code</code>: {t("admin-manage-import-col-jurisdiction")}
          </li>
          <li>
            <code>kind</code>: {t("admin-units-import-col-kind")} <code>乡镇</code> / <code>township</code>, <code>部门</code> / <code>department</code>
          </li>
          <li>
            <code>sectors</code>: {t("admin-units-import-col-sectors")}{" "}
            {SECTORS.map((s, i) => (
              <>
                {i ? ", " : ""}
                <code>{s.code}</code> ({locale === "en" ? s.en : s.zh})
              </>
            ))}
          </li>
          <li>
            <code>route</code>: {t("admin-units-import-col-route")} <code>是</code> / <code>否</code>, <code>yes</code> / <code>no</code>
          </li>
        </ul>
      </details>
      <input type="hidden" name="_csrf" value={csrf} />
      <p>
        <label>
          {t("admin-manage-import-file")} <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
      </p>
      <button type="submit">{t("admin-manage-import-submit")}</button>
    </form>
  );
}

function UnitImportReport({ t, result }: { t: Translate; result: UnitImportResult }) {
  if (result.ok)
    return (
      <div class="flash ok" role="status" id="import-result">
        <p>{t("admin-units-import-ok", { count: result.created.length })}</p>
        <ul>
          {result.created.map((u) => (
            <li>
              <a href={`/admin/units/${u.id}`}>{u.name}</a>
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <div class="flash err" role="alert" id="import-result">
      <p>{t("admin-manage-import-failed", { count: result.errors.length })}</p>
      <ul>
        {result.errors.slice(0, 200).map((e) => (
          <li>{t("admin-manage-import-row", { row: e.row, field: e.field, reason: t(`admin-manage-csv-${e.code}`, { detail: e.detail ?? "none" }) })}</li>
        ))}
      </ul>
    </div>
  );
}

function CreateUnitForm({ t, csrf, jurisdiction, locale }: { t: Translate; csrf: string; jurisdiction?: string; locale: string }) {
  return (
    <form method="post" action="/admin/units" class="card" id="create-unit">
      <h2>{t("admin-units-create")}</h2>
      <input type="hidden" name="_csrf" value={csrf} />
      <p>
        <label>
          {t("admin-units-name")} <input name="name" required minlength={2} maxlength={80} />
        </label>
      </p>
      <p>
        <label>
          {t("admin-units-name-en")} <input name="nameEn" maxlength={120} />
        </label>
      </p>
      <p>
        <label>
          {t("admin-manage-jurisdiction")} <input name="jurisdictionCode" required pattern="\d{6}(\d{3})?" value={jurisdiction ?? ""} />
        </label>
      </p>
      <p>
        <label>
          {t("admin-manage-unit-kind")}{" "}
          <select name="kind">
            <option value="township">{t("admin-units-kind-township")}</option>
            <option value="department">{t("admin-units-kind-department")}</option>
          </select>
        </label>
      </p>
      <fieldset>
        <legend>{t("admin-units-sectors")}</legend>
        {SECTORS.map((s) => (
          <label class="check">
            <input type="checkbox" name="sectors" value={s.code} /> {locale === "en" ? s.en : s.zh}
          </label>
        ))}
      </fieldset>
      <p>
        <label class="check">
          <input type="checkbox" name="route" value="1" /> {t("admin-units-route")}
        </label>
      </p>
      <button type="submit">{t("admin-units-create")}</button>
    </form>
  );
}

interface UnitProps extends Base {
  timeZone: string;
  unit: { id: number; key: string; name: string; nameEn: string | null; jurisdictionCode: string; active: boolean; successorId: number | null };
  liaisons: LiaisonView[];
  canManage: boolean;
  successors?: UnitRow[];
  plan?: RetirementPlan;
  reason?: string;
  invite?: { link?: string; command: string; expiresAt: Date; qr?: string };
  done?: string;
  error?: string;
  /** The outcome of adding a phone liaison: the masked number, or why it was refused. */
  phone?: { added: string } | { refused: string };
}

/** Liaisons by channel presence only: chat ids and phone numbers never reach this page. */
export function UnitPage({
  t,
  locale,
  actor,
  csrf,
  timeZone,
  unit,
  liaisons,
  canManage,
  successors = [],
  plan,
  reason,
  invite,
  done,
  error,
  phone,
}: UnitProps) {
  return (
    <Layout t={t} locale={locale} title={localName(unit, locale)} actor={actor} csrf={csrf}>
      <h1>
        {localName(unit, locale)} <small>{unit.key}</small>
      </h1>
      {done === "removed" && (
        <p class="flash ok" role="status">
          {t("admin-manage-liaison-removed-ok")}
        </p>
      )}
      {done && done !== "removed" && (
        <p class="flash ok" role="status">
          {t(`admin-units-done-${done}`)}
        </p>
      )}
      {!unit.active && (
        <p class="flash" role="note">
          {t("admin-units-retired")} {unit.successorId && <a href={`/admin/units/${unit.successorId}`}>{t("admin-units-successor")}</a>}
        </p>
      )}
      {plan && <RetirePreview t={t} locale={locale} csrf={csrf} plan={plan} reason={reason ?? ""} />}
      <Flash t={t} error={error} />
      {phone && "added" in phone && (
        <p class="flash ok" role="status" id="phone-added">
          {t("admin-manage-phone-added", { phone: phone.added })}
        </p>
      )}
      {phone && "refused" in phone && (
        <p class="flash err" role="alert" id="phone-refused">
          {t(`admin-manage-phone-${phone.refused}`)}
        </p>
      )}
      {invite && (
        <div class="card" id="invite">
          <p>{t("admin-manage-invite-once", { expires: formatDateTime(invite.expiresAt, timeZone) })}</p>
          {invite.link ? (
            <p>
              <code id="invite-link">{invite.link}</code>
            </p>
          ) : (
            <>
              <p>{t("admin-manage-invite-no-username")}</p>
              <p>
                <code id="invite-link">{invite.command}</code>
              </p>
            </>
          )}
          {invite.qr && (
            <div class="invite-qr">
              {raw(invite.qr)}
              <p>{t("admin-manage-invite-qr")}</p>
            </div>
          )}
        </div>
      )}
      {liaisons.length === 0 ? (
        <p>{t("admin-manage-liaison-none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("admin-manage-liaison-id")}</th>
              <th>{t("admin-manage-liaison-channels")}</th>
              <th>{t("admin-manage-liaison-created")}</th>
              <th>{t("admin-manage-liaison-status")}</th>
              {canManage && <th>{t("admin-manage-liaison-actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {liaisons.map((l) => (
              <tr>
                <td>{String(l.id)}</td>
                <td>{[l.telegram ? "Telegram ✓" : "", l.phone ? "SMS ✓" : ""].filter(Boolean).join(" / ")}</td>
                <td>{formatDateTime(l.createdAt, timeZone)}</td>
                <td>{l.active ? t("admin-manage-liaison-active") : t("admin-manage-liaison-removed", { reason: l.removedReason ?? "" })}</td>
                {canManage && (
                  <td>
                    {l.active && (
                      <form method="post" action={`/admin/units/${unit.id}/liaisons/${l.id}/remove`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <label>
                          {t("admin-manage-reason")} <input name="reason" required minlength={2} maxlength={500} />
                        </label>
                        <button type="submit">{t("admin-manage-liaison-remove")}</button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && unit.active && (
        <div class="card">
          <form method="post" action={`/admin/units/${unit.id}/invite`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t("admin-manage-invite")}</button>
          </form>
          <form method="post" action={`/admin/units/${unit.id}/invite-sheet`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t("admin-manage-invite-sheet")}</button>
          </form>
        </div>
      )}
      {canManage && unit.active && (
        <form method="post" action={`/admin/units/${unit.id}/liaisons/phone`} class="card" id="phone-liaison">
          <h2>{t("admin-manage-phone-title")}</h2>
          <p>{t("admin-manage-phone-help")}</p>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>
            <label>
              {t("admin-manage-phone-label")} <input name="phone" type="tel" inputmode="tel" autocomplete="off" required maxlength={40} />
            </label>
          </p>
          <button type="submit">{t("admin-manage-phone-add")}</button>
        </form>
      )}
      {canManage && unit.active && (
        <form method="post" action={`/admin/units/${unit.id}/rename`} class="card" id="rename-unit">
          <h2>{t("admin-units-rename")}</h2>
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            {t("admin-units-name")} <input name="name" required minlength={2} maxlength={80} value={unit.name} />
          </label>
          <label>
            {t("admin-units-name-en")} <input name="nameEn" maxlength={120} value={unit.nameEn ?? ""} />
          </label>
          <button type="submit">{t("admin-units-rename")}</button>
        </form>
      )}
      {canManage && unit.active && !plan && (
        <form method="post" action={`/admin/units/${unit.id}/retire`} class="card" id="retire-unit">
          <h2>{t("admin-units-retire-title")}</h2>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>{t("admin-units-retire-explain")}</p>
          <label>
            {t("admin-units-into")}{" "}
            <select name="into" required>
              {successors.map((u) => (
                <option value={String(u.id)}>
                  {localName(u, locale)} ({u.jurisdictionCode})
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="radio" name="mode" value="retire" checked /> {t("admin-units-mode-retire")}
          </label>
          <label>
            <input type="radio" name="mode" value="merge" /> {t("admin-units-mode-merge")}
          </label>
          <label>
            {t("admin-manage-reason")} <input name="reason" required minlength={2} maxlength={500} />
          </label>
          <button type="submit">{t("admin-units-retire-preview")}</button>
        </form>
      )}
    </Layout>
  );
}

/** The confirmation step: what will move, then the same fields again with confirm=1. */
function RetirePreview({ t, locale, csrf, plan, reason }: { t: Translate; locale: string; csrf: string; plan: RetirementPlan; reason: string }) {
  return (
    <form method="post" action={`/admin/units/${plan.source.id}/retire`} class="card" id="retire-preview">
      <h2>
        {t(plan.mode === "merge" ? "admin-units-merge-confirm-title" : "admin-units-retire-confirm-title", {
          unit: localName(plan.source, locale),
          into: localName(plan.target, locale),
        })}
      </h2>
      <ul>
        <li>{t("admin-units-moves-tips", { n: plan.openTips })}</li>
        <li>{t("admin-units-moves-obligations", { n: plan.openObligations })}</li>
        <li>{t("admin-units-moves-rules", { n: plan.routingRules })}</li>
        <li>{t(plan.mode === "merge" ? "admin-units-moves-liaisons" : "admin-units-stops-liaisons", { n: plan.liaisons })}</li>
        <li>{t(plan.mode === "merge" ? "admin-units-moves-staff" : "admin-units-stops-staff", { n: plan.staff })}</li>
      </ul>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="into" value={String(plan.target.id)} />
      <input type="hidden" name="mode" value={plan.mode} />
      <input type="hidden" name="reason" value={reason} />
      <input type="hidden" name="confirm" value="1" />
      <button type="submit">{t("admin-units-confirm")}</button> <a href={`/admin/units/${plan.source.id}`}>{t("admin-units-cancel")}</a>
    </form>
  );
}
