import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { Layout } from "./layout.js";

export function ErrorPage({ t, locale, actor, csrf, code }: { t: Translate; locale: string; actor?: StaffActor; csrf?: string; code: string }) {
  return (
    <Layout t={t} locale={locale} title={t("admin-error-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-error-title")}</h1>
      <p role="alert">{t(`admin-error-${code}`)}</p>
      <p>
        <a href="/admin">{t("admin-tip-back")}</a>
      </p>
    </Layout>
  );
}
