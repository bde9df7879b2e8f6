import type { AuditVerification } from "../../../app/audit/append-audit.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { AuditRow } from "../../../app/audit/recent-audit.js";
import type { Translate } from "../../routes/admin/context.js";
import { actorName } from "./actor-name.js";
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

/** Pages that show an audited record; other entities (a staff account, a liaison) have none. */
const RECORD_PAGES: Record<string, string> = {
  tip: "/admin/tips/",
  campaign: "/admin/campaigns/",
  enterprise: "/admin/enterprises/",
  unit: "/admin/units/",
  inspection: "/admin/inspections/",
  enforcement_plan: "/admin/plans/",
  draw: "/public/draws/",
};

/** "tip.not_accepted" → admin-audit-action-tip-not-accepted; an action without a message yet is shown as its code. */
function Action({ t, action }: { t: Translate; action: string }) {
  const key = `admin-audit-action-${action.replace(/[._]/g, "-")}`;
  const label = t(key);
  return label === key ? <code>{action}</code> : label;
}

function AuditRecord({ t, entity, entityId }: { t: Translate; entity: string; entityId: string | null }) {
  const key = `admin-audit-entity-${entity.replace(/_/g, "-")}`;
  const name = t(key) === key ? entity : t(key);
  if (!entityId) return <>{name}</>;
  const page = RECORD_PAGES[entity];
  return page && /^\d+$/.test(entityId) ? (
    <a href={`${page}${entityId}`}>
      {name} #{entityId}
    </a>
  ) : (
    <>
      {name} #{entityId}
    </>
  );
}

export function AuditPage({ t, locale, actor, csrf, timeZone, verification, recent }: Props) {
  return (
    <Layout t={t} locale={locale} title={t("admin-audit-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-audit-title")}</h1>
      {verification.ok ? (
        <p class="flash ok" id="audit-result">
          {t("admin-audit-ok", { checked: verification.checked })}
        </p>
      ) : (
        <p class="flash err" id="audit-result">
          {t("admin-audit-broken", { id: verification.brokenId, problem: t(`admin-audit-problem-${verification.problem}`) })}
        </p>
      )}
      <h2>{t("admin-audit-recent")}</h2>
      <div class="scroll">
        <table id="audit">
          <thead>
            <tr>
              <th>{t("admin-audit-col-id")}</th>
              <th>{t("admin-event-at")}</th>
              <th>{t("admin-event-actor")}</th>
              <th>{t("admin-audit-col-action")}</th>
              <th>{t("admin-audit-col-record")}</th>
              <th>{t("admin-field-reason")}</th>
              <th>{t("admin-audit-col-hash")}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((e) => (
              <tr>
                <td>{String(e.id)}</td>
                <td class="nowrap">{formatDateTime(e.at, timeZone)}</td>
                <td>{actorName(t, e.actor)}</td>
                <td>
                  <Action t={t} action={e.action} />
                </td>
                <td class="nowrap">
                  <AuditRecord t={t} entity={e.entity} entityId={e.entityId} />
                </td>
                <td>{e.reason ?? ""}</td>
                <td>
                  <code>{e.chainHash ? e.chainHash.slice(0, 12) : "…"}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
