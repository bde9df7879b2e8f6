import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import type { LoginPageProps } from "../admin/login.js";

export interface DeskLayoutProps {
  t: Translate;
  locale: string;
  title: string;
  actor?: StaffActor;
  csrf?: string;
  children?: Child;
}

/** Every desk page: no script, no inline style (the CSP forbids both); works without JavaScript. */
export function DeskLayout({ t, locale, title, actor, csrf, children }: DeskLayoutProps) {
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>
            {title} · {t("desk-title")}
          </title>
          <link rel="stylesheet" href="/desk/static/desk.css" />
        </head>
        <body>
          <header>
            <strong>
              <a href="/desk">{t("desk-title")}</a>
            </strong>
            <a href={`/desk/lang/${other}`} lang={other}>
              {t("desk-language")}
            </a>
            {actor && <span>{t("desk-signed-in-as", { name: actor.displayName })}</span>}
            {actor && csrf && (
              <form method="post" action="/desk/logout">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit">{t("desk-logout")}</button>
              </form>
            )}
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  );
}

export function DeskErrorPage({ t, locale, actor, csrf, code }: { t: Translate; locale: string; actor?: StaffActor; csrf?: string; code: string }) {
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-error-title")} actor={actor} csrf={csrf}>
      <h1>{t("desk-error-title")}</h1>
      <p class="flash err" role="alert">
        {t(`desk-error-${code}`)}
      </p>
      <p>
        <a href="/desk">{t("desk-back")}</a>
      </p>
    </DeskLayout>
  );
}

/** Signed in, but not as unit staff: say what the desk is for, and send admins where they belong. */
export function NotUnitPage({ t, locale, actor, csrf }: { t: Translate; locale: string; actor: StaffActor; csrf: string }) {
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-not-unit-title")} actor={actor} csrf={csrf}>
      <h1>{t("desk-not-unit-title")}</h1>
      <p>{t("desk-not-unit-body")}</p>
      <p>
        {t("desk-not-unit-admin")} <a href="/admin">{t("desk-admin-link")}</a>
      </p>
    </DeskLayout>
  );
}

/** The /admin login form (same fields, same error texts) in the desk's frame. */
export function DeskLoginPage({ t, locale, csrf, error, username }: LoginPageProps) {
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-login-title")}>
      <form class="login" method="post" action="/desk/login">
        <h1>{t("desk-login-title")}</h1>
        {error && (
          <p class="flash err" role="alert">
            {t(`admin-login-${error}`)}
          </p>
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
        <button type="submit" class="primary">
          {t("admin-login-submit")}
        </button>
      </form>
    </DeskLayout>
  );
}
