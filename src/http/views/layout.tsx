import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import type { FluentVariable } from "@fluent/bundle";

/** Views get translation as a prop: props → JSX, no data fetching, no context lookups. */
export type T = (key: string, vars?: Record<string, FluentVariable>) => string;

export interface PageProps {
  t: T;
  locale: "zh-CN" | "en";
  title: string;
  /** The path the language link returns to (GET pages only; POST results link to the form). */
  path?: string;
  children?: Child;
}

/**
 * The frame of every public page. No inline script or style (the CSP forbids both): the stylesheet is
 * served from /assets/web.css and nothing needs JavaScript.
 */
export const Layout: FC<PageProps> = ({ t, locale, title, path = "/", children }) => {
  const other = locale === "en" ? "zh-CN" : "en";
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>
            {title} · {t("web-title")}
          </title>
          <link rel="stylesheet" href="/assets/web.css" />
        </head>
        <body>
          <header>
            <strong>{t("web-title")}</strong>
            <nav>
              <a href="/">{t("web-nav-report")}</a>
              <a href="/track">{t("web-nav-track")}</a>
              <a href="/public">{t("web-nav-exposure")}</a>
              <a href="/public/stats">{t("web-nav-stats")}</a>
              <a href={`${path}?lang=${other}`} hreflang={other} lang={other}>
                {t("web-lang-switch")}
              </a>
            </nav>
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  );
};

export const MessagePage: FC<{ t: T; locale: "zh-CN" | "en"; title: string; message: string; back?: string }> = (p) => (
  <Layout t={p.t} locale={p.locale} title={p.title}>
    <h1>{p.title}</h1>
    <p class="banner error" role="alert">
      {p.message}
    </p>
    {p.back && (
      <p>
        <a href={p.back}>{p.t("web-back")}</a>
      </p>
    )}
  </Layout>
);

export const WEB_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1b1f24;background:#f4f6f8}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#b71c1c;color:#fff}
header a{color:#fff;margin-left:1rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
form{background:#fff;padding:1rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
label{display:block;font-weight:600;margin-top:1rem}
.hint{font-size:.875rem;color:#555;margin:.25rem 0}
input[type=text],select,textarea{width:100%;padding:.6rem;font:inherit;border:1px solid #9aa4ae;border-radius:.35rem;background:#fff}
textarea{min-height:9rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
.check input{margin-top:.35rem}
.field-error{color:#b00020;font-weight:600;margin:.25rem 0}
.banner{padding:.75rem;border-radius:.35rem;margin:1rem 0}
.banner.error{background:#fdecea;border:1px solid #f5c2c0}
.banner.ok{background:#e8f5e9;border:1px solid #a5d6a7}
.banner.warn{background:#fff8e1;border:1px solid #ffe082}
button{margin-top:1.25rem;width:100%;padding:.8rem;font:inherit;font-weight:700;color:#fff;background:#b71c1c;border:0;border-radius:.35rem}
.receipt dt{font-weight:600;margin-top:.75rem}
.receipt dd{margin:0;font:700 1.5rem/1.3 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
ol.history{padding-left:1.25rem}
ol.history li{margin:.5rem 0}
.history time{color:#555;font-size:.875rem;display:block}
.text{white-space:pre-wrap;background:#fff;padding:.5rem;border-radius:.35rem}
.history .text{white-space:pre-wrap;background:#fff;padding:.5rem;border-radius:.35rem}
.table-wrap{overflow-x:auto;background:#fff;border-radius:.35rem;margin:.5rem 0}
table.stats{border-collapse:collapse;font-size:.875rem;min-width:100%}
table.stats th,table.stats td{padding:.3rem .5rem;border-bottom:1px solid #dde2e7;text-align:right;white-space:nowrap}
table.stats th[scope=row],table.stats thead th:first-child{text-align:left}
table.stats tfoot th,table.stats tfoot td{font-weight:700}
svg.chart{max-width:100%;height:auto;background:#fff;border-radius:.35rem}
ul.entries{list-style:none;padding:0;margin:0}
ul.entries li.entry{background:#fff;padding:.75rem;border-radius:.35rem;margin:.5rem 0;box-shadow:0 1px 3px rgba(0,0,0,.12)}
ul.entries h3{margin:0 0 .5rem;font-size:1.1rem;overflow-wrap:anywhere}
ul.entries dd{min-width:0;overflow-wrap:anywhere}
form.filters button{margin-top:.75rem}
code.hash,code.wrap{overflow-wrap:anywhere;word-break:break-all}
`;
