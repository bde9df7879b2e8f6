import type { BlacklistImportResult } from "../../../app/blacklist/blacklist-csv.js";
import { BLACKLIST_CSV_COLUMNS } from "../../../app/blacklist/blacklist-csv.js";
import type { ListingRow } from "../../../app/blacklist/list-listings.js";
import type { ExposureRow } from "../../../app/exposure/list-exposures.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

interface Base {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  done?: string;
  error?: string;
}
const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : "");
const isManager = (a: StaffActor) => a.role === "admin" || a.role === "committee";

function Flash({ t, done, error }: Pick<Base, "t" | "done" | "error">) {
  if (error)
    return (
      <p class="flash err" role="alert" id="flash">
        {t(`exposure-admin-error-${error}`)}
      </p>
    );
  if (done)
    return (
      <p class="flash ok" role="status" id="flash">
        {t("admin-done")}
      </p>
    );
  return null;
}

const Hidden = ({ csrf }: { csrf: string }) => <input type="hidden" name="_csrf" value={csrf} />;

export function ExposureAdminPage(p: Base & { rows: ExposureRow[]; prefill: { source: string; sourceRef: string } }) {
  const { t, actor, csrf } = p;
  return (
    <Layout t={t} locale={p.locale} title={t("exposure-admin-title")} actor={actor} csrf={csrf}>
      <h1>{t("exposure-admin-title")}</h1>
      <p>{t("exposure-admin-help")}</p>
      <p>
        <a href="/public">{t("exposure-admin-public-link")}</a>
        {isManager(actor) && (
          <>
            {" · "}
            <a href="/admin/blacklist">{t("blacklist-admin-title")}</a>
          </>
        )}
      </p>
      <Flash t={t} done={p.done} error={p.error} />
      <div class="scroll">
        <table id="exposures">
          <thead>
            <tr>
              <th>#</th>
              <th>{t("exposure-admin-status")}</th>
              <th>{t("exposure-kind")}</th>
              <th>{t("exposure-admin-enterprise")}</th>
              <th>{t("exposure-place")}</th>
              <th>{t("exposure-date")}</th>
              <th>{t("exposure-findings")}</th>
              <th>{t("exposure-measures")}</th>
              <th>{t("exposure-admin-source")}</th>
              <th>{t("exposure-admin-actions")}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((e) => (
              <tr id={`entry-${e.id}`}>
                <td>{e.id}</td>
                <td>
                  {t(`exposure-status-${e.status}`)}
                  {e.status === "withdrawn" && ` ${day(e.withdrawnAt)}: ${e.withdrawnReason ?? ""}`}
                </td>
                <td>{t(`exposure-kind-${e.kind}`)}</td>
                <td>{e.enterpriseName}</td>
                <td>{e.placeName}</td>
                <td>{String(e.occurredOn)}</td>
                <td>{e.findings}</td>
                <td>{e.measures}</td>
                <td>
                  {t(`exposure-source-${e.sourceKind}`)}
                  {e.sourceId ? ` #${e.sourceId}` : ""}
                </td>
                <td>
                  {e.status === "draft" && isManager(actor) && e.preparedById !== actor.id && (
                    <form method="post" action={`/admin/exposure/${e.id}/approve`}>
                      <Hidden csrf={csrf} />
                      <button type="submit">{t("exposure-admin-approve")}</button>
                    </form>
                  )}
                  {e.status === "draft" && e.preparedById === actor.id && <span>{t("exposure-admin-awaiting")}</span>}
                  {e.status === "published" && isManager(actor) && (
                    <form method="post" action={`/admin/exposure/${e.id}/withdraw`}>
                      <Hidden csrf={csrf} />
                      <label>
                        {t("exposure-admin-reason")} <input name="reason" required minlength={2} maxlength={500} />
                      </label>
                      <button type="submit">{t("exposure-admin-withdraw")}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/admin/exposure" class="card" id="prepare">
        <h2>{t("exposure-admin-prepare")}</h2>
        <Hidden csrf={csrf} />
        <p>
          <label>
            {t("exposure-kind")}{" "}
            <select name="kind">
              {["hazard", "violation", "closure"].map((k) => (
                <option value={k}>{t(`exposure-kind-${k}`)}</option>
              ))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("exposure-admin-source")}{" "}
            <select name="source">
              {["tip", "inspection", "manual"].map((k) => (
                <option value={k} selected={p.prefill.source === k}>
                  {t(`exposure-source-${k}`)}
                </option>
              ))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("exposure-admin-source-ref")} <input name="sourceRef" value={p.prefill.sourceRef} maxlength={40} />
          </label>
        </p>
        <p class="hint">{t("exposure-admin-source-hint")}</p>
        <p>
          <label>
            {t("exposure-credit-code")} <input name="creditCode" maxlength={40} />
          </label>
        </p>
        <p>
          <label>
            {t("exposure-admin-enterprise")} <input name="enterpriseName" maxlength={200} />
          </label>
        </p>
        <p>
          <label>
            {t("exposure-admin-jurisdiction")} <input name="jurisdictionCode" maxlength={9} pattern="\d{6}(\d{3})?" />
          </label>
        </p>
        <p>
          <label>
            {t("exposure-date")} <input type="date" name="occurredOn" required />
          </label>
        </p>
        <p>
          <label>
            {t("exposure-findings")} <textarea name="findings" required minlength={2} maxlength={2000} />
          </label>
        </p>
        <p>
          <label>
            {t("exposure-measures")} <textarea name="measures" required minlength={2} maxlength={2000} />
          </label>
        </p>
        <p class="hint">{t("exposure-admin-public-hint")}</p>
        <button type="submit">{t("exposure-admin-prepare-submit")}</button>
      </form>
    </Layout>
  );
}

/** The listings of one enterprise, on its page in /admin/enterprises. */
export function EnterpriseListings({ t, rows, creditCode }: { t: Translate; rows: ListingRow[]; creditCode: string | null }) {
  return (
    <section class="card" id="blacklist">
      <h2>{t("blacklist-title")}</h2>
      {rows.length === 0 && <p>{t("blacklist-admin-none")}</p>}
      {rows.length > 0 && <ListingTable t={t} rows={rows} />}
      {creditCode && (
        <p>
          <a href={`/admin/blacklist?creditCode=${encodeURIComponent(creditCode)}#add`}>{t("blacklist-admin-add")}</a>
        </p>
      )}
    </section>
  );
}

function ListingTable({ t, rows, actor, csrf }: { t: Translate; rows: ListingRow[]; actor?: StaffActor; csrf?: string }) {
  return (
    <div class="scroll">
      <table class="listings">
        <thead>
          <tr>
            <th>{t("exposure-admin-enterprise")}</th>
            <th>{t("blacklist-legal-basis")}</th>
            <th>{t("blacklist-listing-unit")}</th>
            <th>{t("blacklist-starts")}</th>
            <th>{t("blacklist-planned-end")}</th>
            <th>{t("blacklist-reason")}</th>
            <th>{t("blacklist-status")}</th>
            {actor && <th>{t("exposure-admin-actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr id={`listing-${l.id}`}>
              <td>
                {l.enterpriseName} <code>{l.creditCode ?? ""}</code>
              </td>
              <td>{l.legalBasis}</td>
              <td>{l.listingUnit}</td>
              <td>{String(l.startsOn)}</td>
              <td>{l.plannedEndOn ? String(l.plannedEndOn) : "—"}</td>
              <td>{l.reason}</td>
              <td>
                {l.status === "removed" ? t("blacklist-removed-on", { date: String(l.removedOn ?? "") }) : t(`blacklist-admin-status-${l.status}`)}
                {l.removalReason && ` (${l.removalReason})`}
              </td>
              {actor && csrf && (
                <td>
                  {l.status === "listed" && (
                    <form method="post" action={`/admin/blacklist/${l.id}/request-removal`}>
                      <Hidden csrf={csrf} />
                      <label>
                        {t("blacklist-admin-removal-reason")} <input name="reason" required minlength={2} maxlength={2000} />
                      </label>
                      <button type="submit">{t("blacklist-admin-request-removal")}</button>
                    </form>
                  )}
                  {l.status === "removal_requested" && l.removalRequestedById !== actor.id && (
                    <>
                      <form method="post" action={`/admin/blacklist/${l.id}/approve-removal`}>
                        <Hidden csrf={csrf} />
                        <button type="submit">{t("blacklist-admin-approve-removal")}</button>
                      </form>
                      <form method="post" action={`/admin/blacklist/${l.id}/refuse-removal`}>
                        <Hidden csrf={csrf} />
                        <label>
                          {t("exposure-admin-reason")} <input name="reason" required minlength={2} maxlength={2000} />
                        </label>
                        <button type="submit">{t("blacklist-admin-refuse-removal")}</button>
                      </form>
                    </>
                  )}
                  {l.status === "removal_requested" && l.removalRequestedById === actor.id && <span>{t("exposure-admin-awaiting")}</span>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BlacklistPage(p: Base & { rows: ListingRow[]; creditCode: string; imported?: BlacklistImportResult }) {
  const { t, actor, csrf } = p;
  return (
    <Layout t={t} locale={p.locale} title={t("blacklist-admin-title")} actor={actor} csrf={csrf}>
      <h1>{t("blacklist-admin-title")}</h1>
      <p>{t("blacklist-admin-help")}</p>
      <Flash t={t} done={p.done} error={p.error} />
      {p.imported &&
        (p.imported.ok ? (
          <p class="flash ok" role="status" id="import-result">
            {t("blacklist-admin-imported", { rows: p.imported.rows, listed: p.imported.listed, skipped: p.imported.skipped })}
          </p>
        ) : (
          <div class="flash err" role="alert" id="import-result">
            <p>{t("blacklist-admin-import-failed", { count: p.imported.errors.length })}</p>
            <ul>
              {p.imported.errors.slice(0, 200).map((e) => (
                <li>{t("blacklist-admin-import-row", { row: e.row, field: e.field, code: e.code, detail: e.detail ?? "" })}</li>
              ))}
            </ul>
          </div>
        ))}
      <p>
        <a href="/admin/blacklist/export?format=csv">{t("blacklist-admin-export")}</a>
      </p>
      <ListingTable t={t} rows={p.rows} actor={actor} csrf={csrf} />
      <form method="post" action="/admin/blacklist" class="card" id="add">
        <h2>{t("blacklist-admin-add")}</h2>
        <Hidden csrf={csrf} />
        <p>
          <label>
            {t("exposure-credit-code")} <input name="creditCode" value={p.creditCode} required maxlength={40} />
          </label>
        </p>
        <p>
          <label>
            {t("blacklist-legal-basis")} <input name="legalBasis" required minlength={2} maxlength={500} />
          </label>
        </p>
        <p>
          <label>
            {t("blacklist-listing-unit")} <input name="listingUnit" required minlength={2} maxlength={200} />
          </label>
        </p>
        <p>
          <label>
            {t("blacklist-starts")} <input type="date" name="startsOn" required />
          </label>
        </p>
        <p>
          <label>
            {t("blacklist-planned-end")} <input type="date" name="plannedEndOn" />
          </label>
        </p>
        <p>
          <label>
            {t("blacklist-reason")} <textarea name="reason" required minlength={2} maxlength={2000} />
          </label>
        </p>
        <button type="submit">{t("blacklist-admin-add-submit")}</button>
      </form>
      <form method="post" action="/admin/blacklist/import" enctype="multipart/form-data" class="card">
        <h2>{t("blacklist-admin-import")}</h2>
        <p>{t("blacklist-admin-import-help")}</p>
        <pre>
          <code>{BLACKLIST_CSV_COLUMNS.join(",")}</code>
        </pre>
        <Hidden csrf={csrf} />
        <p>
          <label>
            {t("admin-manage-import-file")} <input type="file" name="file" accept=".csv,text/csv" required />
          </label>
        </p>
        <button type="submit">{t("blacklist-admin-import-submit")}</button>
      </form>
    </Layout>
  );
}
