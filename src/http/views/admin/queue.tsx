import type { StaffActor } from "../../../app/staff/actor.js";
import type { QueueRow } from "../../../app/triage/list-tips.js";
import type { UntoldUrgentTip } from "../../../app/triage/list-untold-urgent.js";
import { TIP_STATUSES } from "../../../domain/tip-status.js";
import { DUE_SOON_DAYS } from "../../../domain/tip-clock.js";
import { TIP_CHANNELS } from "../../../domain/tip-channels.js";
import { SECTORS } from "../../../domain/sectors.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

export interface QueueProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  /** The raw query string values, echoed into the filter form and the paging links. */
  filters: Record<string, string>;
  result: { rows: QueueRow[]; counts: Record<string, number>; total: number; page: number; hasNext: boolean };
  /** Urgent tips no liaison was told of (committee users only; empty for others). */
  untold?: UntoldUrgentTip[];
}

const CHANNELS = TIP_CHANNELS;

function withParams(filters: Record<string, string>, change: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...change })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/admin?${s}` : "/admin";
}

/** The same filters, every page: the export answers for the whole filtered queue. */
function exportHref(filters: Record<string, string>, format: "csv" | "xlsx"): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v && k !== "page") p.set(k, v);
  p.set("format", format);
  return `/admin/tips/export?${p}`;
}

export function QueuePage({ t, locale, actor, csrf, timeZone, filters, result, untold = [] }: QueueProps) {
  const f = filters;
  const sectorName = (code: string) => SECTORS.find((s) => s.code === code)?.[locale === "en" ? "en" : "zh"] ?? code;
  return (
    <Layout t={t} locale={locale} title={t("admin-queue-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-queue-title")}</h1>
      {untold.length > 0 && (
        <section class="flash err" id="untold-urgent" role="alert">
          <p>{t("admin-untold-title", { count: untold.length })}</p>
          <ul>
            {untold.map((u) => (
              <li>
                <a href={`/admin/tips/${u.id}`}>{u.trackingCode}</a> · {locale === "en" ? (u.unitNameEn ?? u.unitName) : u.unitName} ·{" "}
                {formatDateTime(u.receivedAt, timeZone)}
                {u.acceptDueAt && <> · {t("admin-untold-accept-by", { due: formatDateTime(u.acceptDueAt, timeZone) })}</>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="filters" method="get" action="/admin">
        <label>
          {t("admin-filter-status")}
          <select name="status">
            <option value="">{t("admin-any")}</option>
            {TIP_STATUSES.map((s) => (
              <option value={s} selected={f.status === s}>
                {t(`admin-status-${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admin-filter-sector")}
          <select name="sector">
            <option value="">{t("admin-any")}</option>
            {SECTORS.map((s) => (
              <option value={s.code} selected={f.sector === s.code}>
                {sectorName(s.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admin-filter-channel")}
          <select name="channel">
            <option value="">{t("admin-any")}</option>
            {CHANNELS.map((ch) => (
              <option value={ch} selected={f.channel === ch}>
                {t(`admin-channel-${ch}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("admin-filter-jurisdiction")}
          <input name="jurisdiction" size={9} value={f.jurisdiction ?? ""} />
        </label>
        <label>
          {t("admin-filter-unit")}
          <input name="unitId" size={5} value={f.unitId ?? ""} />
        </label>
        <label>
          {t("admin-filter-from")}
          <input type="date" name="from" value={f.from ?? ""} />
        </label>
        <label>
          {t("admin-filter-to")}
          <input type="date" name="to" value={f.to ?? ""} />
        </label>
        <label>
          {t("admin-filter-q")}
          <input type="search" name="q" value={f.q ?? ""} />
        </label>
        <label>
          <span>
            <input type="checkbox" name="urgent" value="1" checked={f.urgent === "1"} /> {t("admin-filter-urgent")}
          </span>
        </label>
        <label>
          <span>
            <input type="checkbox" name="overdue" value="1" checked={f.overdue === "1"} /> {t("admin-filter-overdue")}
          </span>
        </label>
        <label>
          {t("admin-filter-due")}
          <select name="due">
            <option value="">{t("admin-any")}</option>
            <option value="overdue" selected={f.due === "overdue"}>
              {t("admin-due-overdue")}
            </option>
            <option value="soon" selected={f.due === "soon"}>
              {t("admin-due-soon", { days: DUE_SOON_DAYS })}
            </option>
          </select>
        </label>
        <label>
          {t("admin-filter-sort")}
          <select name="sort">
            <option value="newest" selected={f.sort !== "urgent"}>
              {t("admin-sort-newest")}
            </option>
            <option value="urgent" selected={f.sort === "urgent"}>
              {t("admin-sort-urgent")}
            </option>
            <option value="deadline" selected={f.sort === "deadline"}>
              {t("admin-sort-deadline")}
            </option>
          </select>
        </label>
        <button type="submit">{t("admin-filter-apply")}</button>
      </form>
      <nav class="counts" aria-label={t("admin-filter-status")}>
        {TIP_STATUSES.map((s) => (
          <a href={withParams(f, { status: s, page: undefined })} data-status={s} aria-current={f.status === s ? "page" : undefined}>
            {t(`admin-status-${s}`)} <b>{result.counts[s] ?? 0}</b>
          </a>
        ))}
      </nav>
      <p>
        {t("admin-queue-total", { total: result.total })} · {t("admin-export-label")}{" "}
        <a id="export-csv" href={exportHref(f, "csv")}>
          CSV
        </a>{" "}
        <a id="export-xlsx" href={exportHref(f, "xlsx")}>
          Excel
        </a>
      </p>
      {result.rows.length === 0 ? (
        <p>{t("admin-queue-empty")}</p>
      ) : (
        <div class="scroll">
          <table id="queue">
            <thead>
              <tr>
                <th>{t("admin-col-code")}</th>
                <th>{t("admin-col-received")}</th>
                <th>{t("admin-col-status")}</th>
                <th>{t("admin-col-next-due")}</th>
                <th>{t("admin-col-sector")}</th>
                <th>{t("admin-col-unit")}</th>
                <th>{t("admin-col-place")}</th>
                <th>{t("admin-col-text")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr data-tip-id={String(r.id)}>
                  <td class="nowrap">
                    <a href={`/admin/tips/${r.id}`}>{r.trackingCode}</a>
                    {r.urgent && <span class="urgent"> {t("admin-urgent")}</span>}
                    {r.enterpriseBlacklisted && <span class="urgent blacklisted"> {t("tip-flag-blacklisted")}</span>}
                    {r.urgent && r.urgencySource && (
                      <small class="urgency-source" data-urgency-source={r.urgencySource}>
                        {" "}
                        ({t(`admin-urgency-source-${r.urgencySource}`)})
                      </small>
                    )}
                  </td>
                  <td class="nowrap">{formatDateTime(r.receivedAt, timeZone)}</td>
                  <td class="nowrap">
                    {t(`admin-status-${r.status}`)}
                    {r.overdue && <span class="overdue"> {t("admin-overdue")}</span>}
                  </td>
                  <td class="nowrap next-due" data-due-kind={r.nextDue?.kind} data-due-state={r.nextDue?.state}>
                    {r.nextDue && (
                      <>
                        {t(`admin-deadline-kind-${r.nextDue.kind}`)} {formatDateTime(r.nextDue.at, timeZone)}
                        {r.nextDue.state === "soon" && <span class="overdue"> {t("admin-due-soon-mark")}</span>}
                      </>
                    )}
                  </td>
                  <td>{sectorName(r.sectorCode)}</td>
                  <td>
                    {locale === "en" ? (r.unitNameEn ?? r.unitName) : r.unitName}
                    {r.unitUnreachable && <span class="overdue no-liaison"> {t("admin-no-liaison")}</span>}
                    {r.committeeUnreachable && <span class="overdue no-committee-liaison"> {t("admin-committee-no-liaison")}</span>}
                  </td>
                  <td>{r.jurisdictionName ?? ""}</td>
                  <td>{r.excerpt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {result.page > 1 && <a href={withParams(f, { page: String(result.page - 1) })}>{t("admin-page-prev")}</a>}{" "}
        {result.hasNext && <a href={withParams(f, { page: String(result.page + 1) })}>{t("admin-page-next")}</a>}
      </p>
    </Layout>
  );
}
