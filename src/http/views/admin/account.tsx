import type { StaffActor } from "../../../app/staff/actor.js";
import type { PendingTotp } from "../../../app/staff/start-totp-enrolment.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  done?: string;
  error?: string;
  pending?: PendingTotp;
}

/** One's own account: change the password (the current one required) and enrol an authenticator app. */
export function AccountPage({ t, locale, actor, csrf, done, error, pending }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-account-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-account-title")}</h1>
      <p>
        {actor.username} · {t(`admin-role-${actor.role}`)}
      </p>
      {done && (
        <p class="flash ok" role="status">
          {t(`admin-account-done-${done}`)}
        </p>
      )}
      {error && (
        <p class="flash err" role="alert">
          {t(`admin-account-error-${error}`)}
        </p>
      )}
      <form method="post" action="/admin/account/password" class="card">
        <h2>{t("admin-account-password")}</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label>
            {t("admin-account-current")} <input name="current" type="password" autocomplete="current-password" required />
          </label>
        </p>
        <p>
          <label>
            {t("admin-account-new")} <input name="password" type="password" autocomplete="new-password" minlength={12} required />
          </label>
        </p>
        <button type="submit">{t("admin-account-password-submit")}</button>
      </form>
      <div class="card">
        <h2>{t("admin-account-totp")}</h2>
        {pending ? (
          <form method="post" action="/admin/account/totp/confirm">
            <p>{t("admin-account-totp-scan")}</p>
            <p>
              <code id="totp-uri">{pending.uri}</code>
            </p>
            <p>
              <code id="totp-secret">{pending.secret}</code>
            </p>
            <input type="hidden" name="_csrf" value={csrf} />
            <input type="hidden" name="sealed" value={pending.sealed} />
            <label>
              {t("admin-totp")} <input name="code" inputmode="numeric" autocomplete="one-time-code" required />
            </label>
            <button type="submit">{t("admin-account-totp-confirm")}</button>
          </form>
        ) : (
          <form method="post" action="/admin/account/totp">
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t("admin-account-totp-start")}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}
