import { STAFF_ROLES, type StaffActor } from "../../../app/staff/actor.js";
import type { StaffListRow } from "../../../app/staff/list-staff.js";
import { localName } from "../../../domain/tip-input.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

export interface StaffFlash {
  created?: string;
  done?: string;
  error?: string;
  /** A password-reset link, rendered in this response only. */
  reset?: { username: string; link: string; expiresAt: Date };
}

interface Props extends StaffFlash {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  accounts: StaffListRow[];
}

/** Accounts in the manager's scope with their state and actions; the reset link appears once, right here. */
export function StaffPage({ t, locale, actor, csrf, timeZone, accounts, created, done, error, reset }: Props) {
  const roles = STAFF_ROLES.filter((r) => actor.role === "admin" || r !== "admin");
  return (
    <Layout t={t} locale={locale} title={t("admin-staff-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-staff-title")}</h1>
      {created && (
        <p class="flash ok" role="status">
          {t("admin-staff-created", { username: created })}
        </p>
      )}
      {done && (
        <p class="flash ok" role="status">
          {t(`admin-staff-done-${done}`)}
        </p>
      )}
      {error && (
        <p class="flash err" role="alert">
          {error === "weak"
            ? t("admin-staff-weak")
            : error === "conflict" || error === "forbidden"
              ? t(`admin-staff-error-${error}`)
              : t(`admin-error-${error}`)}
        </p>
      )}
      {reset && (
        <div class="card" id="reset-link">
          <p>{t("admin-staff-reset-once", { username: reset.username, expires: formatDateTime(reset.expiresAt, timeZone) })}</p>
          <p>
            <code>{reset.link}</code>
          </p>
        </div>
      )}
      <table class="staff-list">
        <thead>
          <tr>
            <th>{t("admin-username")}</th>
            <th>{t("admin-staff-role")}</th>
            <th>{t("admin-staff-scope")}</th>
            <th>{t("admin-staff-last-login")}</th>
            <th>{t("admin-staff-state")}</th>
            <th>{t("admin-staff-actions")}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr data-username={a.username}>
              <td>
                {a.username}
                {a.displayName !== a.username && <small> {a.displayName}</small>}
              </td>
              <td>{t(`admin-role-${a.role}`)}</td>
              <td>{a.unitName ? localName({ name: a.unitName, nameEn: a.unitNameEn }, locale) : (a.jurisdictionCode ?? "—")}</td>
              <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt, timeZone) : t("admin-staff-never")}</td>
              <td>
                {a.disabled ? t("admin-staff-disabled") : t("admin-staff-active")}
                {a.totp && <> · TOTP</>}
              </td>
              <td>
                {a.id !== actor.id && (
                  <form method="post" action={`/admin/staff/${a.id}/${a.disabled ? "enable" : "disable"}`} class="inline">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <button type="submit">{t(a.disabled ? "admin-staff-enable" : "admin-staff-disable")}</button>
                  </form>
                )}
                <form method="post" action={`/admin/staff/${a.id}/reset-password`} class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit">{t("admin-staff-reset-password")}</button>
                </form>
                {a.totp && (
                  <form method="post" action={`/admin/staff/${a.id}/reset-totp`} class="inline">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <button type="submit">{t("admin-staff-reset-totp")}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/admin/staff" class="card">
        <h2>{t("admin-staff-create")}</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label>
            {t("admin-username")} <input name="username" required pattern="[a-z0-9_.\-]{3,40}" />
          </label>
        </p>
        <p>
          <label>
            {t("admin-staff-display-name")} <input name="displayName" />
          </label>
        </p>
        <p>
          <label>
            {t("admin-password")} <input name="password" type="password" autocomplete="new-password" minlength={12} required />
          </label>
        </p>
        <p>
          <label>
            {t("admin-staff-role")}{" "}
            <select name="role">
              {roles.map((r) => (
                <option value={r}>{t(`admin-role-${r}`)}</option>
              ))}
            </select>
          </label>
        </p>
        <p>
          <label>
            {t("admin-staff-jurisdiction")} <input name="jurisdictionCode" />
          </label>
        </p>
        <p>
          <label>
            {t("admin-staff-unit")} <input name="unit" />
          </label>
        </p>
        <button type="submit">{t("admin-staff-create")}</button>
      </form>
    </Layout>
  );
}
