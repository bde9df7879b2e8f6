import type { Translate } from "../../routes/admin/context.js";
import { DeskLayout } from "./layout.js";

/**
 * The page a one-time SMS link opens. Signing in takes a button (a POST): link checkers in phones and
 * messaging apps fetch links by GET, and a GET that spent the single-use token would sign nobody in.
 */
export function DeskLinkPage({ t, locale, token, failed }: { t: Translate; locale: string; token: string; failed?: string }) {
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-link-title")}>
      <form class="login" method="post" action={`/desk/in/${token}`}>
        <h1>{t("desk-link-title")}</h1>
        {failed ? (
          <p class="flash err" role="alert" id="desk-link-failed">
            {t(`desk-link-${failed}`)}
          </p>
        ) : (
          <>
            <p>{t("desk-link-body")}</p>
            <button type="submit" class="primary">
              {t("desk-link-submit")}
            </button>
          </>
        )}
      </form>
    </DeskLayout>
  );
}
