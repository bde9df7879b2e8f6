import type { StaffActor } from "../../../app/staff/actor.js";
import type { AlertReach, TipDetail } from "../../../app/triage/get-tip.js";
import { SECTORS } from "../../../domain/sectors.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime, splitDuration } from "./format.js";
import { Flash, Layout } from "./layout.js";
import { TipActions } from "./tip-actions.js";
import { RewardSection } from "./tip-reward.js";
import type { TipRewardView } from "../../../app/rewards/get-reward.js";
import { EventTrail, RoutingSteps } from "./tip-events.js";
import { localName } from "../../../domain/tip-input.js";
import type { DuplicateSuggestion } from "../../../app/triage/find-duplicates.js";
import { DuplicateList } from "./tip-duplicates.js";

export interface TipPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  detail: TipDetail;
  reward?: TipRewardView;
  /** The tip a merged duplicate went into, when the actor may see it. */
  mergedInto?: { id: number; trackingCode: string };
  /** Likely duplicates within the window, best first (find-duplicates). */
  duplicates?: DuplicateSuggestion[];
  done?: string;
  error?: string;
  maxExtensionDays?: number;
}

/** Who could be and who was told: a unit or committee nobody can reach is shown as a warning. */
function AlertLine({ t, locale, label, reach, id }: { t: Translate; locale: string; label: string; reach: AlertReach; id: string }) {
  return (
    <li id={id} class={reach.reachable ? undefined : "alert-missing"}>
      {t(label, { name: localName(reach, locale) })}: {t(reach.reachable ? "admin-alert-reachable" : "admin-alert-unreachable")}
      {reach.told !== null && <> · {reach.told > 0 ? t("admin-alert-told", { count: reach.told }) : t("admin-alert-not-told")}</>}
    </li>
  );
}

/**
 * The words of the scene the router read as possibly dangerous (#14 item 2), stored with the tip's
 * routing when it was neither urgent nor flagged by the reporter; empty for any other tip.
 */
export function possibleDangerWords(routing: unknown): string[] {
  const words = (routing as { possibleEvidence?: unknown } | null)?.possibleEvidence;
  return Array.isArray(words) ? words.filter((w): w is string => typeof w === "string") : [];
}

export function TipPage({ t, locale, actor, csrf, timeZone, detail, reward, mergedInto, duplicates = [], done, error, maxExtensionDays }: TipPageProps) {
  const { tip } = detail;
  const sector = SECTORS.find((s) => s.code === tip.sectorCode);
  const possibleEvidence = possibleDangerWords(tip.routing);
  return (
    <Layout t={t} locale={locale} title={t("admin-tip-title", { code: tip.trackingCode })} actor={actor} csrf={csrf}>
      <p>
        <a href="/admin">{t("admin-tip-back")}</a>
      </p>
      <h1>
        {t("admin-tip-title", { code: tip.trackingCode })}
        {tip.urgent && <span class="urgent"> {t("admin-urgent")}</span>}
        {tip.urgent && tip.urgencySource && (
          <small id="urgency-source" data-source={tip.urgencySource}>
            {" "}
            ({t(`admin-urgency-source-${tip.urgencySource}`)})
          </small>
        )}
        {!tip.urgent && possibleEvidence.length > 0 && (
          <span class="possible-danger" id="possible-danger">
            {" "}
            {t("admin-possible-danger")}
          </span>
        )}
      </h1>
      {!tip.urgent && possibleEvidence.length > 0 && (
        <p id="possible-danger-words" class="possible-danger-note">
          {t("admin-possible-danger-words", { words: possibleEvidence.join(locale === "en" ? ", " : "、") })} {t("admin-possible-danger-reporter-silent")}
        </p>
      )}
      <Flash t={t} done={done} error={error} />
      <section class="card">
        <p>
          <b>{t("admin-col-status")}:</b> <span id="tip-status">{t(`admin-status-${tip.status}`)}</span>
          {tip.status === "closed" && actor.role !== "viewer" && (
            <>
              {" · "}
              <a href={`/admin/exposure?source=tip&ref=${tip.trackingCode}#prepare`} id="expose-tip">
                {t("exposure-admin-from-tip")}
              </a>
            </>
          )}
          {mergedInto && (
            <>
              {" "}
              →{" "}
              <a href={`/admin/tips/${mergedInto.id}`} id="merged-into">
                {mergedInto.trackingCode}
              </a>
            </>
          )}
        </p>
        <p>
          <b>{t("admin-col-received")}:</b> {formatDateTime(tip.receivedAt, timeZone)} · {t(`admin-channel-${tip.channel}`)}
        </p>
        {(tip.status === "closed" || tip.status === "merged") && (
          <p class="no-print">
            <a href={`/admin/tips/${tip.id}/letter`} id="answer-letter">
              {t("admin-answer-letter")}
            </a>
          </p>
        )}
        <p>
          <b>{t("admin-col-sector")}:</b> {sector ? (locale === "en" ? sector.en : sector.zh) : tip.sectorCode}
        </p>
        <p>
          <b>{t("admin-tip-place")}:</b> {detail.jurisdiction?.fullName ?? ""} {tip.placeText ?? ""}
        </p>
        {(tip.enterpriseText || detail.enterpriseName) && (
          <p>
            <b>{t("admin-tip-enterprise")}:</b> {detail.enterpriseName ?? tip.enterpriseText}
            {detail.enterpriseBlacklisted && (
              <span class="urgent blacklisted" id="tip-blacklisted">
                {" "}
                {t("tip-flag-blacklisted")}
              </span>
            )}
          </p>
        )}
        <p>
          <b>{t("admin-tip-unit")}:</b> <span id="tip-unit">{localName(detail.unit, locale)}</span>
        </p>
        <h2>{t("admin-tip-text")}</h2>
        <p class="tiptext" id="tip-text">
          {tip.text}
        </p>
        <h2>{t("admin-tip-routing")}</h2>
        <RoutingSteps routing={tip.routing} locale={locale} />
        <h2>{t("admin-alerts")}</h2>
        <ul id="alerts">
          <AlertLine t={t} locale={locale} label="admin-alert-unit" reach={detail.alerts.unit} id="alert-unit" />
          {detail.alerts.committee && <AlertLine t={t} locale={locale} label="admin-alert-committee" reach={detail.alerts.committee} id="alert-committee" />}
        </ul>
        <h2>{t("admin-tip-reporter")}</h2>
        <p>{detail.reporter ? [detail.reporter.name, detail.reporter.contact].filter(Boolean).join(" · ") : t("admin-tip-reporter-hidden")}</p>
      </section>
      <section class="card">
        <h2>{t("admin-tip-deadlines")}</h2>
        <ul>
          {detail.deadlines.map((d) => {
            const { days, hours } = splitDuration(d.msLeft);
            return (
              <li>
                {t(`admin-deadline-${d.kind}`)}: {formatDateTime(d.due, timeZone)}
                {d.live && <span class={d.msLeft < 0 ? "overdue" : ""}> ({t(d.msLeft < 0 ? "admin-time-overdue" : "admin-time-left", { days, hours })})</span>}
              </li>
            );
          })}
        </ul>
        {tip.extension && (
          <p id="extension" data-state={tip.extension.state}>
            {t(`admin-extension-${tip.extension.state}`, { days: tip.extension.days, due: tip.extension.newDueOn ?? "" })} · {t("admin-extension-reason")}:{" "}
            {tip.extension.reason}
          </p>
        )}
        <h2>{t("admin-tip-attachments")}</h2>
        {detail.attachments.length === 0 ? (
          <p>{t("admin-tip-no-attachments")}</p>
        ) : (
          <ul>
            {detail.attachments.map((a) => (
              <li>
                <a href={`/admin/tips/${tip.id}/attachments/${a.id}`}>{a.fileName ?? t("admin-tip-attachment-unnamed", { id: a.id })}</a> ({a.mimeType},{" "}
                {Math.ceil(a.size / 1024)} KB)
              </li>
            ))}
          </ul>
        )}
      </section>
      {duplicates.length > 0 && (
        <section class="card" id="duplicates">
          <h2>{t("admin-duplicates-title")}</h2>
          <DuplicateList t={t} csrf={csrf} timeZone={timeZone} tipId={tip.id} duplicates={duplicates} />
        </section>
      )}
      <section class="card">
        <h2>{t("admin-tip-events")}</h2>
        <EventTrail t={t} events={detail.events} locale={locale} timeZone={timeZone} mergedInto={mergedInto} />
      </section>
      {reward && (reward.reward || detail.actions.includes("reward")) && (
        <RewardSection
          t={t}
          csrf={csrf}
          tipId={tip.id}
          timeZone={timeZone}
          view={reward}
          canDecide={detail.actions.includes("reward")}
          canWrite={actor.role !== "viewer"}
        />
      )}
      {detail.actions.length > 0 && (
        <section>
          <h2>{t("admin-tip-actions")}</h2>
          <TipActions
            t={t}
            csrf={csrf}
            tipId={tip.id}
            actions={detail.actions}
            units={detail.transferTargets}
            currentUnitId={tip.unitId}
            suggested={detail.suggestedTransfers}
            maxExtensionDays={maxExtensionDays}
          />
        </section>
      )}
    </Layout>
  );
}
