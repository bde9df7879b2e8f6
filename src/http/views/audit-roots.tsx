import type { FC } from "hono/jsx";
import type { PublishedRoot } from "../../app/audit/audit-roots.js";
import { Layout, type T } from "./layout.js";

export interface AuditRootsProps {
  t: T;
  locale: "zh-CN" | "en";
  timeZone: string;
  roots: PublishedRoot[];
}

/** The published roots, newest first, and how an outsider checks one. No script, no form. */
export const AuditRootsPage: FC<AuditRootsProps> = ({ t, locale, timeZone, roots }) => {
  const when = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <Layout t={t} locale={locale} title={t("audit-roots-title")} path="/public/audit">
      <h1>{t("audit-roots-title")}</h1>
      <p>{t("audit-roots-intro")}</p>
      <p>
        {t("audit-roots-how")} <code>npm run cli -- audit:verify --root HASH --at YYYY-MM-DD</code>
      </p>
      <p>
        <a href="/api/v1/audit/roots">{t("audit-roots-json")}</a>
      </p>
      {roots.length === 0 ? (
        <p class="banner">{t("audit-roots-none")}</p>
      ) : (
        <table class="audit-roots">
          <thead>
            <tr>
              <th scope="col">{t("audit-roots-published")}</th>
              <th scope="col">{t("audit-roots-entry")}</th>
              <th scope="col">{t("audit-roots-hash")}</th>
            </tr>
          </thead>
          <tbody>
            {roots.map((r) => (
              <tr>
                <td>
                  <time datetime={r.publishedAt.toISOString()}>{when.format(r.publishedAt)}</time>
                </td>
                <td>{r.entryId}</td>
                <td>
                  <code class="hash">{r.hash}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
};
