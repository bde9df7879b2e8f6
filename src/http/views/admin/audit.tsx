import type { AuditVerification } from "../../../app/audit/append-audit.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { AuditRow } from "../../../app/audit/recent-audit.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  verification: AuditVerification;
  recent: AuditRow[];
}

export function AuditPage({ t, locale, actor, csrf, timeZone, verification, recent }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-audit-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-audit-title")}</h1>
      {verification.ok
        ? <p class="flash ok" id="audit-result">{t("admin-audit-ok", { checked: verification.checked })}</p>
        : <p class="flash err" id="audit-result">{t("admin-audit-broken", { id: verification.brokenId, problem: verification.problem })}</p>}
      <h2>{t("admin-audit-recent")}</h2>
      <table>
        <tbody>
          {recent.map((e) => (
            <tr>
              <td>{String(e.id)}</td><td>{formatDateTime(e.at, timeZone)}</td><td>{e.actor}</td><td>{e.action}</td>
              <td>{e.entity} {e.entityId ?? ""}</td><td>{e.reason ?? ""}</td><td><code>{e.hash.slice(0, 12)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
