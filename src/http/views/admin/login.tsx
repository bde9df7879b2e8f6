import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

export interface LoginPageProps {
  t: Translate;
  locale: string;
  csrf: string;
  error?: string;
  username?: string;
  action?: string;
  /** No staff account exists yet: say how the first one is made. */
  noAccounts?: boolean;
}

export function LoginPage({ t, locale, csrf, error, username, action = "/admin/login", noAccounts }: LoginPageProps) {
  return (
    <Layout t={t} locale={locale} title={t("admin-login-title")}>
      <form class="login" method="post" action={action}>
        <h1>{t("admin-login-title")}</h1>
        {error && (
          <p class="flash err" role="alert">
            {t(`admin-login-${error}`)}
          </p>
        )}
        {noAccounts && (
          <div class="flash" id="first-account" role="note">
            <p>{t("admin-login-first-account")}</p>
            <p>
              <code>ADMIN_PASSWORD='…' npm run cli -- admin:create --username admin --role admin</code>
            </p>
          </div>
        )}
        <input type="hidden" name="_csrf" value={csrf} />
        <label>
          {t("admin-username")}
          <input name="username" autocomplete="username" required value={username ?? ""} />
        </label>
        <label>
          {t("admin-password")}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <label>
          {t("admin-totp")}
          <input name="totp" inputmode="numeric" autocomplete="one-time-code" />
        </label>
        <button type="submit">{t("admin-login-submit")}</button>
      </form>
    </Layout>
  );
}
