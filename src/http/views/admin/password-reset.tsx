import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

interface Props {
  t: Translate;
  locale: string;
  csrf: string;
  action: string;
  username?: string;
  error?: string;
  done?: boolean;
}

/** The page behind a one-time reset link: set a new password, or learn the link no longer works. */
export function PasswordResetPage({ t, locale, csrf, action, username, error, done }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-reset-title")}>
      <div class="login">
        <h1>{t("admin-reset-title")}</h1>
        {done ? (
          <p class="flash ok" role="status">
            {t("admin-reset-done")} <a href="/admin/login">{t("admin-login-title")}</a>
          </p>
        ) : !username ? (
          <p class="flash err" role="alert">
            {t("admin-reset-expired")}
          </p>
        ) : (
          <form method="post" action={action}>
            {error && (
              <p class="flash err" role="alert">
                {t("admin-staff-weak")}
              </p>
            )}
            <p>{username}</p>
            <input type="hidden" name="_csrf" value={csrf} />
            <label>
              {t("admin-account-new")} <input name="password" type="password" autocomplete="new-password" minlength={12} required />
            </label>
            <button type="submit">{t("admin-reset-submit")}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}
