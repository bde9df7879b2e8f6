import type { FC } from "hono/jsx";
import { Layout, type T } from "./layout.js";

export interface ReceiptProps {
  t: T;
  locale: "zh-CN" | "en";
  trackingCode: string;
  secret: string;
  unitName: string;
  /** What was done about an urgent tip (who was alerted); null when it is not urgent. */
  urgentNotice: string | null;
}

/** Served with Cache-Control: no-store: the secret must not survive in a cache or the back button. */
export const ReceiptPage: FC<ReceiptProps> = (p) => (
  <Layout t={p.t} locale={p.locale} title={p.t("web-receipt-title")}>
    <h1>{p.t("web-receipt-title")}</h1>
    <p class="banner ok" id="routed">
      {p.t("web-receipt-routed", { unit: p.unitName })}
    </p>
    {p.urgentNotice && (
      <p class="banner warn" id="urgent-notice">
        {p.urgentNotice}
      </p>
    )}
    <dl class="receipt">
      <dt>{p.t("web-receipt-code")}</dt>
      <dd id="tracking-code">{p.trackingCode}</dd>
      <dt>{p.t("web-receipt-secret")}</dt>
      <dd id="secret">{p.secret}</dd>
    </dl>
    <p class="banner warn" role="alert">
      {p.t("web-receipt-warning")}
    </p>
    <p>
      <a href={`/track?code=${encodeURIComponent(p.trackingCode)}`}>{p.t("web-receipt-track")}</a>
    </p>
  </Layout>
);
