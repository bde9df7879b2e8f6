import type { Open311KeyRow } from "../../../app/open311/api-keys.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Flash, Layout } from "./layout.js";

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  keys: Open311KeyRow[];
  /** A key just issued: shown on this one page, never again. */
  issued?: { label: string; key: string };
  done?: string;
  error?: string;
}

/** Open311 api_keys (admins): issue one (shown once), see when each was last used, revoke with a reason. */
export function Open311KeysPage({ t, locale, actor, csrf, timeZone, keys, issued, done, error }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-open311-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-open311-title")}</h1>
      <Flash t={t} done={done} error={error} />
      <p>{t("admin-open311-help")}</p>
      <p>
        <code>POST /open311/v2/requests.json</code> · <code>api_key=…</code>
      </p>
      {issued && (
        <section class="card" id="issued-key" role="status">
          <h2>{t("admin-open311-issued", { label: issued.label })}</h2>
          <p>{t("admin-open311-issued-once")}</p>
          <p>
            <code id="new-api-key">{issued.key}</code>
          </p>
        </section>
      )}
      <section class="card">
        <h2>{t("admin-open311-issue")}</h2>
        <form method="post" action="/admin/open311-keys">
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            {t("admin-open311-label")} <input name="label" required minlength={2} maxlength={100} />
          </label>{" "}
          <label>
            {t("admin-open311-per-hour")} <input name="perHour" type="number" min={1} max={10000} value="60" />
          </label>{" "}
          <button type="submit">{t("admin-open311-issue-button")}</button>
        </form>
      </section>
      {keys.length === 0 ? (
        <p>{t("admin-open311-none")}</p>
      ) : (
        <div class="scroll">
          <table class="open311-keys">
            <thead>
              <tr>
                <th>{t("admin-open311-label")}</th>
                <th>{t("admin-open311-prefix")}</th>
                <th>{t("admin-open311-per-hour")}</th>
                <th>{t("admin-open311-created")}</th>
                <th>{t("admin-open311-last-used")}</th>
                <th>{t("admin-open311-state")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr data-key-id={String(k.id)}>
                  <td>{k.label}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.perHour}</td>
                  <td>
                    {formatDateTime(k.createdAt, timeZone)} · {k.createdBy}
                  </td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : "—"}</td>
                  <td>
                    {k.revokedAt ? (
                      t("admin-open311-revoked", { at: formatDateTime(k.revokedAt, timeZone), by: k.revokedBy ?? "" })
                    ) : (
                      <form method="post" action={`/admin/open311-keys/${k.id}/revoke`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <label>
                          {t("admin-open311-reason")} <input name="reason" required minlength={2} maxlength={500} />
                        </label>{" "}
                        <button type="submit">{t("admin-open311-revoke")}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
