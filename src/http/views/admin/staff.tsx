import { STAFF_ROLES, type StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  created?: string;
  error?: string;
}

export function StaffPage({ t, locale, actor, csrf, created, error }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-staff-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-staff-title")}</h1>
      {created && <p class="flash ok">{t("admin-staff-created", { username: created })}</p>}
      {error && (
        <p class="flash err" role="alert">
          {error === "weak" ? t("admin-staff-weak") : t(`admin-error-${error}`)}
        </p>
      )}
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
              {STAFF_ROLES.map((r) => (
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
