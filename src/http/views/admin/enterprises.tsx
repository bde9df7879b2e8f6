import type { EnterpriseRow } from "../../../app/enterprises/list-enterprises.js";
import type { ImportResult } from "../../../app/enterprises/import-enterprises.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import { SECTORS } from "../../../domain/sectors.js";
import { checksPerYear, effectiveReasons, type Frequencies, KEY_ACTIVITIES, RISK_REASONS } from "../../../domain/enforcement.js";
import type { Translate } from "../../routes/admin/context.js";
import { Flash, Layout } from "./layout.js";
import { EnterpriseListings } from "./exposure.js";
import type { ListingRow } from "../../../app/blacklist/list-listings.js";

interface Base {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
}
const sectorName = (code: string, locale: string) => {
  const s = SECTORS.find((x) => x.code === code);
  return s ? (locale === "en" ? s.en : s.zh) : code;
};

interface ListProps extends Base {
  q?: string;
  result: { rows: EnterpriseRow[]; total: number; page: number; pages: number };
  canManage: boolean;
  imported?: ImportResult;
  /** Checks per year, for the class/reasons/frequency columns (#15). */
  frequencies?: Frequencies;
}

const reasonsText = (t: Translate, e: EnterpriseRow) =>
  effectiveReasons(e)
    .map((r) => t(`plans-reason-${r}`))
    .join(" · ");

export function EnterprisesPage({ t, locale, actor, csrf, q, result, canManage, imported, frequencies }: ListProps) {
  const pageLink = (p: number) => `/admin/enterprises?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <Layout t={t} locale={locale} title={t("admin-manage-enterprises-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-manage-enterprises-title")}</h1>
      {imported && <ImportReport t={t} result={imported} />}
      <form method="get" action="/admin/enterprises" class="filters">
        <label>
          {t("admin-manage-enterprise-search")} <input name="q" value={q ?? ""} maxlength={100} />
        </label>
        <button type="submit">{t("admin-manage-filter")}</button>
      </form>
      <p>{t("admin-manage-enterprise-total", { total: result.total, page: result.page, pages: result.pages })}</p>
      <table>
        <thead>
          <tr>
            <th>{t("admin-manage-enterprise-name")}</th>
            <th>{t("admin-manage-enterprise-credit")}</th>
            <th>{t("admin-manage-enterprise-sector")}</th>
            <th>{t("admin-manage-jurisdiction")}</th>
            <th>{t("admin-manage-enterprise-level")}</th>
            <th>{t("admin-manage-enterprise-risk")}</th>
            <th>{t("admin-manage-enterprise-blacklisted")}</th>
            {frequencies && <th>{t("plans-risk-reasons")}</th>}
            {frequencies && <th>{t("plans-frequency")}</th>}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((e) => (
            <tr>
              <td>{canManage ? <a href={`/admin/enterprises/${e.id}`}>{e.name}</a> : e.name}</td>
              <td>
                <code>{e.creditCode ?? ""}</code>
              </td>
              <td>{sectorName(e.sectorCode, locale)}</td>
              <td>{e.jurisdictionCode}</td>
              <td>{t(`admin-manage-level-${e.supervisingLevel}`)}</td>
              <td>{t(`admin-manage-risk-${e.riskClass}`)}</td>
              <td>{e.blacklisted ? t("admin-manage-yes") : t("admin-manage-no")}</td>
              {frequencies && (
                <td>
                  {reasonsText(t, e)}
                  {e.keyActivity ? ` · ${t(`plans-activity-${e.keyActivity}`)}` : ""}
                </td>
              )}
              {frequencies && <td>{checksPerYear(e, frequencies)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {result.page > 1 && <a href={pageLink(result.page - 1)}>{t("admin-manage-prev")}</a>}{" "}
        {result.page < result.pages && <a href={pageLink(result.page + 1)}>{t("admin-manage-next")}</a>}
      </p>
      {canManage && (
        <form method="post" action="/admin/enterprises/import" enctype="multipart/form-data" class="card">
          <h2>{t("admin-manage-import-title")}</h2>
          <p>{t("admin-manage-import-help")}</p>
          <pre>
            <code>{CSV_HEADER}</code>
          </pre>
          <ImportColumns t={t} locale={locale} />
          <input type="hidden" name="_csrf" value={csrf} />
          <p>
            <label>
              {t("admin-manage-import-file")} <input type="file" name="file" accept=".csv,text/csv" required />
            </label>
          </p>
          <button type="submit">{t("admin-manage-import-submit")}</button>
        </form>
      )}
    </Layout>
  );
}

const CSV_HEADER = "name,credit_code,sector,jurisdiction_code,supervising_level,risk_class,blacklisted";

/** The accepted values of each CSV column, as codes the file must contain, each with its meaning. */
function ImportColumns({ t, locale }: { t: Translate; locale: string }) {
  const values = (list: [string, string][]) =>
    list.map(([code, label], i) => (
      <>
        {i > 0 && "; "}
        <code>{code}</code> {label}
      </>
    ));
  return (
    <details>
      <summary>{t("admin-manage-import-columns")}</summary>
      <ul class="columns">
        <li>
          <code>name</code>: {t("admin-manage-import-col-name")}
        </li>
        <li>
          <code>credit_code</code>: {t("admin-manage-import-col-credit")}
        </li>
        <li>
          <code>sector</code>: {t("admin-manage-import-col-sector")} {values(SECTORS.map((s) => [s.code, sectorName(s.code, locale)]))}
        </li>
        <li>
          <code>jurisdiction_code</code>: {t("admin-manage-import-col-jurisdiction")}
        </li>
        <li>
          <code>supervising_level</code>: {t("admin-manage-import-col-level")}{" "}
          {values(["province", "city", "county", "township"].map((l) => [l, t(`admin-manage-level-${l}`)]))}
        </li>
        <li>
          <code>risk_class</code>: {t("admin-manage-import-col-risk")} {values(["good", "average", "poor"].map((r) => [r, t(`admin-manage-risk-${r}`)]))}
        </li>
        <li>
          <code>blacklisted</code>: {t("admin-manage-import-col-blacklisted")} <code>yes</code> / <code>no</code>, <code>1</code> / <code>0</code>,{" "}
          <code>true</code> / <code>false</code>, <code>是</code> / <code>否</code>
        </li>
      </ul>
    </details>
  );
}

function ImportReport({ t, result }: { t: Translate; result: ImportResult }) {
  if (result.ok)
    return (
      <p class="flash ok" role="status" id="import-result">
        {t("admin-manage-import-ok", { rows: result.rows, created: result.created, updated: result.updated })}
      </p>
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

export function EnterprisePage({
  t,
  locale,
  actor,
  csrf,
  e,
  listings,
  done,
  error,
  frequencies,
}: Base & { e: EnterpriseRow; listings: ListingRow[]; done?: string; error?: string; frequencies?: Frequencies }) {
  const opt = (value: string, current: string, label: string) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  );
  return (
    <Layout t={t} locale={locale} title={e.name} actor={actor} csrf={csrf}>
      <h1>{e.name}</h1>
      {e.blacklisted && (
        <p class="flash err" role="status" id="blacklisted-banner">
          {t("blacklist-admin-enterprise-listed")}
        </p>
      )}
      <Flash t={t} done={done} error={error} />
      <form method="post" action={`/admin/enterprises/${e.id}`} class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label>
            {t("admin-manage-enterprise-name")} <input name="name" value={e.name} required maxlength={200} />
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-enterprise-credit")} <input name="creditCode" value={e.creditCode ?? ""} maxlength={40} />
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-enterprise-sector")}{" "}
            <select name="sectorCode">{SECTORS.map((s) => opt(s.code, e.sectorCode, locale === "en" ? s.en : s.zh))}</select>
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-jurisdiction")} <input name="jurisdictionCode" value={e.jurisdictionCode} required pattern="\d{6}(\d{3})?" />
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-enterprise-level")}{" "}
            <select name="supervisingLevel">
              {["province", "city", "county", "township"].map((l) => opt(l, e.supervisingLevel, t(`admin-manage-level-${l}`)))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-enterprise-risk")}{" "}
            <select name="riskClass">{["good", "average", "poor"].map((r) => opt(r, e.riskClass, t(`admin-manage-risk-${r}`)))}</select>
          </label>
        </p>
        <p>
          {listings.some((l) => l.status !== "removed") ? (
            <>
              <input type="hidden" name="blacklisted" value="1" />
              <label>
                <input type="checkbox" checked disabled /> {t("admin-manage-enterprise-blacklisted")}
              </label>{" "}
              <span class="hint">{t("blacklist-admin-flag-managed")}</span>
            </>
          ) : (
            <label>
              <input type="checkbox" name="blacklisted" value="1" checked={e.blacklisted} /> {t("admin-manage-enterprise-blacklisted")}
            </label>
          )}
        </p>
        <button type="submit">{t("admin-manage-enterprise-save")}</button>
      </form>
      <EnterpriseListings t={t} rows={listings} creditCode={e.creditCode} />
      <form method="post" action={`/admin/enterprises/${e.id}/supervision`} class="card" id="supervision">
        <input type="hidden" name="_csrf" value={csrf} />
        <h2>{t("plans-risk-reasons")}</h2>
        {frequencies && (
          <p id="enterprise-frequency">
            {t(`plans-class-${e.blacklisted ? "poor" : e.riskClass}`)} · {t("plans-frequency")}: {checksPerYear(e, frequencies)}
          </p>
        )}
        {RISK_REASONS.filter((r) => r !== "blacklist").map((r) => (
          <p>
            <label>
              <input type="checkbox" name="riskReasons" value={r} checked={e.riskReasons.includes(r)} /> {t(`plans-reason-${r}`)}
            </label>
          </p>
        ))}
        <p>
          <label>
            {t("plans-key-activity")}{" "}
            <select name="keyActivity">
              {opt("", e.keyActivity ?? "", t("plans-key-activity-none"))}
              {Object.entries(KEY_ACTIVITIES)
                .filter(([, sector]) => sector === e.sectorCode)
                .map(([k]) => opt(k, e.keyActivity ?? "", t(`plans-activity-${k}`)))}
            </select>
          </label>
        </p>
        <button type="submit">{t("admin-manage-enterprise-save")}</button>
      </form>
    </Layout>
  );
}
