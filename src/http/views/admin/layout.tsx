import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";

export interface LayoutProps {
  t: Translate;
  locale: string;
  title: string;
  actor?: StaffActor;
  csrf?: string;
  children?: Child;
}

/** Every admin page: no inline script or style anywhere (the CSP forbids both). */
export function Layout({ t, locale, title, actor, csrf, children }: LayoutProps) {
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>
            {title} · {t("admin-title")}
          </title>
          <link rel="stylesheet" href="/admin/static/admin.css" />
        </head>
        <body>
          <header>
            <strong>{t("admin-title")}</strong>
            {actor && <a href="/admin">{t("admin-nav-queue")}</a>}
            {actor && <a href="/admin/rewards">{t("admin-rewards-nav")}</a>}
            {actor && actor.role !== "viewer" && <a href="/admin/intake">{t("admin-nav-intake")}</a>}
            {actor && <a href="/admin/campaigns">{t("admin-campaigns-nav")}</a>}
            {actor && <a href="/admin/units">{t("admin-manage-nav-units")}</a>}
            {actor && <a href="/admin/enterprises">{t("admin-manage-nav-enterprises")}</a>}
            {actor && <a href="/admin/inspections">{t("inspections-nav")}</a>}
            {actor && actor.role !== "viewer" && <a href="/admin/exposure">{t("exposure-admin-nav")}</a>}
            {actor && <a href="/admin/plans">{t("plans-nav")}</a>}
            {actor && <a href="/admin/inspectors">{t("roster-nav")}</a>}
            {actor && (actor.role === "admin" || actor.role === "committee") && <a href="/admin/rules">{t("admin-manage-nav-rules")}</a>}
            {actor && (actor.role === "admin" || actor.role === "committee") && <a href="/admin/audit">{t("admin-nav-audit")}</a>}
            {actor && (actor.role === "admin" || actor.role === "committee") && <a href="/admin/staff">{t("admin-nav-staff")}</a>}
            {actor?.role === "admin" && <a href="/admin/open311-keys">{t("admin-open311-nav")}</a>}
            {actor && <a href="/admin/account">{t("admin-nav-account")}</a>}
            <a href={`/admin/lang/${other}`} lang={other}>
              {t("admin-language")}
            </a>
            {actor && <span>{t("admin-signed-in-as", { name: actor.displayName, role: t(`admin-role-${actor.role}`) })}</span>}
            {actor && csrf && (
              <form method="post" action="/admin/logout">
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit">{t("admin-logout")}</button>
              </form>
            )}
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  );
}

export function Flash({ t, done, error }: { t: Translate; done?: string; error?: string }) {
  if (error)
    return (
      <p class="flash err" role="alert">
        {t(`admin-error-${error}`)}
      </p>
    );
  if (done)
    return (
      <p class="flash ok" role="status">
        {t("admin-done")}
      </p>
    );
  return null;
}
