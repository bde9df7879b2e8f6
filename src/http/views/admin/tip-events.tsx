import type { TipDetail } from "../../../app/triage/get-tip.js";
import type { Translate } from "../../routes/admin/context.js";
import { actorName } from "./actor-name.js";
import { formatDateTime } from "./format.js";

type TipEvent = TipDetail["events"][number];
type Bilingual = { zh?: string; en?: string };
type Link = { href: string; text: string };
type Fields = [label: string, value: unknown][];
type MergedInto = { id: number; trackingCode: string } | undefined;
const isLink = (v: unknown): v is Link => typeof v === "object" && v !== null && "href" in v && "text" in v;

/** The routing decision as the steps it took, in the page's language. */
export function RoutingSteps({ routing, locale }: { routing: unknown; locale: string }) {
  const r = (routing ?? {}) as { steps?: Bilingual[]; explanation?: Bilingual };
  const pick = (b: Bilingual | undefined) => (locale === "en" ? b?.en : b?.zh) ?? b?.zh ?? "";
  if (r.steps?.length)
    return (
      <ol id="routing-steps">
        {r.steps.map((s) => (
          <li>{pick(s)}</li>
        ))}
      </ol>
    );
  return <p id="routing-steps">{pick(r.explanation)}</p>;
}

/** Each kind of event's data as labelled fields (JSX escapes every value), then what staff wrote: the message the reporter read and the note they did not. */
function fieldsOf(t: Translate, e: TipEvent, locale: string, mergedInto: MergedInto): Fields {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const words: Fields = [
    [t("admin-event-message"), d.message],
    [t("admin-event-note"), d.note],
  ];
  return [...kindFields(t, e, locale, mergedInto).filter(([label]) => label !== "note" && label !== "message"), ...words];
}

function kindFields(t: Translate, e: TipEvent, locale: string, mergedInto: MergedInto): Fields {
  const d = (e.data ?? {}) as Record<string, unknown>;
  switch (e.kind) {
    case "received":
      return [[t("admin-filter-channel"), t(`admin-channel-${String(d.channel)}`)]];
    case "routed": {
      const ex = d.explanation as Bilingual | undefined;
      return [["", (locale === "en" ? ex?.en : ex?.zh) ?? ""]];
    }
    case "accepted":
      return [[t("admin-deadline-handle"), d.verifyBy]];
    case "alerted": {
      const c = d.committee as { liaisons?: number } | null | undefined;
      return [
        [t("admin-alert-count-unit"), (d.unit as { liaisons?: number } | undefined)?.liaisons],
        [t("admin-alert-count-committee"), c ? c.liaisons : null],
      ];
    }
    case "extension_requested":
      return [
        [t("admin-extension-days"), d.days],
        [t("admin-extension-reason"), d.extensionReason],
      ];
    case "extended":
      return [
        [t("admin-extension-days"), d.days],
        [t("admin-extension-previous"), d.previousVerifyBy],
        [t("admin-deadline-verify"), d.verifyBy],
      ];
    case "extension_refused":
      return [[t("admin-extension-days"), d.days]];
    case "urgency_asked":
      return [];
    case "urgency_answered":
      return [[t("admin-urgency-answer"), t(d.answer === "yes" ? "admin-urgency-answer-yes" : "admin-urgency-answer-no")]];
    case "result":
      return [
        [t("admin-field-result"), t(`admin-status-${String(d.result)}`)],
        [t("admin-field-findings"), d.findings],
        [t("admin-field-measures"), d.measures],
        [t("admin-field-fine"), d.fineYuan],
        [t("admin-deadline-answer"), d.answerBy],
      ];
    case "transferred":
      return [[t("admin-field-unit"), d.toUnit]];
    case "closed":
    case "reviewed": {
      const f = (d.feedback ?? {}) as Record<string, unknown>;
      const en = (d.feedbackEn ?? {}) as Record<string, unknown>;
      return [
        [t("admin-field-conclusion"), f.conclusion],
        [t("admin-field-summary"), f.summary],
        [t("admin-field-decision"), f.decision],
        [t("admin-field-reward-eligibility"), f.rewardEligibility],
        [t("admin-field-conclusion-en"), en.conclusion],
        [t("admin-field-summary-en"), en.summary],
        [t("admin-field-decision-en"), en.decision],
        [t("admin-field-reward-eligibility-en"), en.rewardEligibility],
      ];
    }
    case "objected":
      return [
        [t("admin-filter-channel"), t(`admin-channel-${String(d.channel)}`)],
        [t("admin-field-text"), d.text],
      ];
    case "merged":
      return [
        [
          t("admin-tip-merged-into"),
          mergedInto && mergedInto.id === d.intoTipId ? ({ href: `/admin/tips/${mergedInto.id}`, text: mergedInto.trackingCode } satisfies Link) : d.intoTipId,
        ],
      ];
    case "merged_from":
      return [[t("admin-col-code"), d.fromTrackingCode]];
    case "staff_message":
      return [[t("admin-field-text"), d.text]];
    case "reporter_info":
      return [
        [t("admin-field-text"), d.text],
        [t("admin-tip-attachments"), d.attachments],
      ];
    case "reward": {
      // Decisions before the calculator (#12) stored basis as text; since, it is the calculator's input.
      const basis = d.basis as { kind?: string; fineYuan?: number; deaths?: number; grade?: string } | string | undefined;
      const basisText =
        typeof basis === "string"
          ? basis === e.reason
            ? null
            : basis
          : basis?.kind === "fine"
            ? t("admin-reward-basis-fine", { fine: String(basis.fineYuan ?? 0) })
            : basis?.kind === "concealed"
              ? t("admin-reward-basis-concealed", { deaths: basis.deaths ?? 0, grade: t(`admin-reward-grade-${basis.grade}`) })
              : null;
      return [
        [t("admin-field-amount"), d.amountYuan],
        [t("admin-reward-proposed"), d.proposedYuan],
        [t("admin-field-basis"), basisText],
        [t("admin-reward-deviation"), d.deviationReason],
        [t("admin-reward-claim-by"), d.claimBy],
      ];
    }
    case "reward_paid":
      return [
        [t("admin-reward-paid-on"), d.paidOn],
        [t("admin-reward-way"), typeof d.way === "string" ? t(`admin-reward-way-${d.way}`) : null],
        [t("admin-reward-reference"), d.reference],
      ];
    case "reward_claimed":
    case "reward_lapsed":
      return [];
    default: {
      // Transitions without data of their own (开始核查 …) record only the status change.
      if (typeof d.from === "string" && typeof d.to === "string")
        return [[t("admin-col-status"), `${t(`admin-status-${d.from}`)} → ${t(`admin-status-${d.to}`)}`]];
      return Object.entries(d).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : v]);
    }
  }
}

export function EventTrail({
  t,
  events,
  locale,
  timeZone,
  mergedInto,
}: {
  t: Translate;
  events: TipEvent[];
  locale: string;
  timeZone: string;
  mergedInto?: MergedInto;
}) {
  return (
    <table id="events">
      <thead>
        <tr>
          <th>{t("admin-event-at")}</th>
          <th>{t("admin-event-kind")}</th>
          <th>{t("admin-event-actor")}</th>
          <th>{t("admin-field-reason")}</th>
          <th>{t("admin-event-details")}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr data-kind={e.kind}>
            <td class="nowrap">{formatDateTime(e.at, timeZone)}</td>
            <td class="nowrap">
              {t(`admin-event-${e.kind}`)}
              {e.public && <div class="public-event">{t("admin-event-public")}</div>}
            </td>
            <td>{actorName(t, e.actor)}</td>
            <td>{e.reason ?? ""}</td>
            <td>
              {fieldsOf(t, e, locale, mergedInto)
                .filter(([, v]) => v !== null && v !== undefined && v !== "")
                .map(([label, v]) => (
                  <div>
                    {label && <b>{label}: </b>}
                    {isLink(v) ? <a href={v.href}>{v.text}</a> : String(v)}
                  </div>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
