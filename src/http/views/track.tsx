import type { FC } from "hono/jsx";
import type { ReporterTipView } from "../../app/tips/check-status.js";
import { answerIn, type TipAnswer } from "../../domain/tip-answer.js";
import type { FieldError } from "../tip-request.js";
import { Layout, type T } from "./layout.js";

export interface TrackProps {
  t: T;
  locale: "zh-CN" | "en";
  timeZone: string;
  code: string;
  /** Set only after a successful check: the add-information form needs the receipt again. */
  secret?: string;
  status?: ReporterTipView;
  unitName?: string;
  refusal?: { reason: "not_found" | "rate_limited"; retryAfterSeconds?: number };
  unavailable?: boolean;
  added?: boolean;
  errors?: FieldError[];
  maxFiles: number;
  /** After POST /track/objection: sent, or why not (the window's last day when it has closed). */
  objectionSent?: boolean;
  objectionErrors?: FieldError[];
  objectionRefusal?: { reason: "not_answered" | "window_closed" | "already_objected" | "final"; closedOn?: string };
  /** The outcome of a reward claim just sent from this page. */
  claim?: { ok: true } | { ok: false; reason: "no_reward" | "already_claimed" } | { ok: false; reason: "claim_closed"; claimBy: string };
}

/** The four items, labelled, in the reader's language where staff wrote both. */
const AnswerBlock: FC<{ t: T; locale: string; id: string; title: string; answer: TipAnswer; when: Intl.DateTimeFormat }> = ({
  t,
  locale,
  id,
  title,
  answer,
  when,
}) => {
  const a = answerIn(answer, locale);
  return (
    <section id={id} class="answer">
      <h2>{title}</h2>
      <dl class="facts">
        <dt>{t("tip-answer-conclusion")}</dt>
        <dd class="text">{a.conclusion}</dd>
        <dt>{t("tip-answer-summary")}</dt>
        <dd class="text">{a.summary}</dd>
        <dt>{t("tip-answer-decision")}</dt>
        <dd class="text">{a.decision}</dd>
        <dt>{t("tip-answer-reward")}</dt>
        <dd class="text">{a.rewardEligibility}</dd>
        <dt>{t("web-track-answered-at")}</dt>
        <dd>{when.format(a.answeredAt)}</dd>
      </dl>
    </section>
  );
};

/** The tip's own reward: amount, by when and how to claim, its state; the claim form while it can be claimed. */
const RewardBox: FC<{ p: TrackProps }> = ({ p }) => {
  const { t } = p;
  const r = p.status?.reward;
  if (!r) return null;
  const claimErrors = (p.errors ?? []).filter((e) => ["name", "idNumber", "account"].includes(e.path));
  return (
    <section id="reward">
      <h2>{t("web-reward-title")}</h2>
      {p.claim?.ok && (
        <p class="banner ok" role="status">
          {t("web-reward-claimed-now")}
        </p>
      )}
      {p.claim && !p.claim.ok && (
        <p class="banner error" role="alert">
          {p.claim.reason === "claim_closed" ? t("web-reward-error-claim_closed", { claimBy: p.claim.claimBy }) : t(`web-reward-error-${p.claim.reason}`)}
        </p>
      )}
      <dl class="facts">
        <dt>{t("web-reward-amount")}</dt>
        <dd id="reward-amount">{t("web-reward-yuan", { amount: String(r.amountYuan) })}</dd>
        <dt>{t("web-reward-status")}</dt>
        <dd id="reward-status">{t(`web-reward-status-${r.status}`)}</dd>
        {r.status === "awaiting_claim" && (
          <>
            <dt>{t("web-reward-claim-by")}</dt>
            <dd id="reward-claim-by">{r.claimBy}</dd>
          </>
        )}
        {r.paidOn && (
          <>
            <dt>{t("web-reward-paid-on")}</dt>
            <dd>{r.paidOn}</dd>
          </>
        )}
      </dl>
      {r.status === "awaiting_claim" && (
        <form method="post" action="/track/reward-claim" id="reward-claim">
          <p>{t(r.realNameRequired ? "web-reward-claim-intro-real-name" : "web-reward-claim-intro")}</p>
          <input type="hidden" name="lang" value={p.locale} />
          <input type="hidden" name="code" value={p.status?.trackingCode ?? ""} />
          <input type="hidden" name="secret" value={p.secret ?? ""} />
          <label for="claim-name">{t("web-reward-name")}</label>
          <input type="text" id="claim-name" name="name" maxlength={50} autocomplete="off" required={r.realNameRequired} />
          <label for="claim-id">{t("web-reward-id-number")}</label>
          <input type="text" id="claim-id" name="idNumber" maxlength={30} autocomplete="off" required={r.realNameRequired} />
          <label for="claim-account">{t("web-reward-account")}</label>
          <input type="text" id="claim-account" name="account" maxlength={100} autocomplete="off" />
          {claimErrors.map((e) => (
            <p class="field-error">{t(`web-reward-field-error-${e.path}`)}</p>
          ))}
          <button type="submit">{t("web-reward-claim-submit")}</button>
        </form>
      )}
    </section>
  );
};

/** Status check and the reporter's history. Every string from the database is rendered as text (JSX escapes it). */
export const TrackPage: FC<TrackProps> = (p) => {
  const { t } = p;
  const when = new Intl.DateTimeFormat(p.locale, { timeZone: p.timeZone, dateStyle: "medium", timeStyle: "short" });
  const statusLabel = (s: string) => t(`web-status-${s}`);
  const day = new Intl.DateTimeFormat(p.locale, { timeZone: p.timeZone, dateStyle: "medium" });
  const objection = p.status?.objection;
  const review = p.status?.review;
  return (
    <Layout t={t} locale={p.locale} title={t("web-track-title")} path="/track">
      <h1>{t("web-track-title")}</h1>
      {p.unavailable && (
        <p class="banner error" role="alert">
          {t("web-unavailable")}
        </p>
      )}
      {p.refusal?.reason === "not_found" && (
        <p class="banner error" role="alert">
          {t("web-track-not-found")}
        </p>
      )}
      {p.refusal?.reason === "rate_limited" && (
        <p class="banner error" role="alert">
          {t("web-track-rate-limited", { minutes: Math.max(1, Math.ceil((p.refusal.retryAfterSeconds ?? 900) / 60)) })}
        </p>
      )}
      {p.objectionSent && (
        <p class="banner ok" role="status" id="objection-sent">
          {t("web-track-objection-sent")}
        </p>
      )}
      {p.objectionRefusal && (
        <p class="banner error" role="alert" id="objection-refused">
          {t(`tip-objection-refused-${p.objectionRefusal.reason}`, { code: p.status?.trackingCode ?? p.code, date: p.objectionRefusal.closedOn ?? "" })}
        </p>
      )}
      {p.added && (
        <p class="banner ok" role="status">
          {t("web-track-added")}
        </p>
      )}
      {!p.status && (
        <form method="post" action="/track">
          <p>{t("web-track-intro")}</p>
          <input type="hidden" name="lang" value={p.locale} />
          <label for="code">{t("web-receipt-code")}</label>
          <input type="text" id="code" name="code" value={p.code} required autocomplete="off" autocapitalize="characters" spellcheck={false} />
          <label for="secret">{t("web-receipt-secret")}</label>
          <input type="text" id="secret" name="secret" required autocomplete="off" autocapitalize="characters" spellcheck={false} />
          <button type="submit">{t("web-track-submit")}</button>
        </form>
      )}
      {p.status && (
        <section id="status">
          <dl class="receipt">
            <dt>{t("web-receipt-code")}</dt>
            <dd>{p.status.trackingCode}</dd>
          </dl>
          <dl class="facts">
            <dt>{t("web-track-status")}</dt>
            <dd id="status-label">{statusLabel(p.status.status)}</dd>
            <dt>{t("web-track-unit")}</dt>
            <dd>{p.unitName}</dd>
            <dt>{t("web-track-received")}</dt>
            <dd>{when.format(p.status.receivedAt)}</dd>
          </dl>
          {p.status.answer && <AnswerBlock t={t} locale={p.locale} id="answer" title={t("web-track-answer")} answer={p.status.answer} when={when} />}
          {objection?.objectedAt && (
            <p id="objected">
              {t("web-track-objected", { date: day.format(objection.objectedAt) })}
              {review?.startDueAt && !review.startedAt ? ` ${t("web-track-review-due", { date: day.format(review.startDueAt) })}` : ""}
            </p>
          )}
          {review?.answer && <AnswerBlock t={t} locale={p.locale} id="review-answer" title={t("web-track-review-answer")} answer={review.answer} when={when} />}
          {objection?.open && objection.allowedUntil && (
            <form method="post" action="/track/objection" id="objection">
              <h2>{t("web-track-objection-title")}</h2>
              <p>{t("web-track-objection-until", { date: day.format(objection.allowedUntil) })}</p>
              <input type="hidden" name="lang" value={p.locale} />
              <input type="hidden" name="code" value={p.status.trackingCode} />
              <input type="hidden" name="secret" value={p.secret ?? ""} />
              <label for="objection-text">{t("web-track-objection-text")}</label>
              <textarea id="objection-text" name="text" required minlength={2} maxlength={2000}></textarea>
              {(p.objectionErrors ?? []).map((e) => (
                <p class="field-error">{t(`web-error-${e.code}`, { min: 2, max: 2000, file: "" })}</p>
              ))}
              <button type="submit">{t("web-track-objection-submit")}</button>
            </form>
          )}
          {objection && !objection.open && !objection.objectedAt && objection.allowedUntil && (
            <p id="objection-closed">{t("web-track-objection-closed", { date: day.format(objection.allowedUntil) })}</p>
          )}
          <h2>{t("web-track-text")}</h2>
          <div class="text" id="tip-text">
            {p.status.text}
          </div>
          <h2>{t("web-track-history")}</h2>
          <ol class="history">
            {p.status.history.map((e) => (
              <li>
                <time>{when.format(e.at)}</time>
                <strong>{t(`tip-event-${e.event}`)}</strong>
                {e.dueOn && <div class="due">{t("tip-event-due-on", { date: e.dueOn })}</div>}
                {e.text && <div class="text">{e.text}</div>}
              </li>
            ))}
          </ol>
          <RewardBox p={p} />
          <form method="post" action="/track/add" enctype="multipart/form-data">
            <h2>{t("web-track-add-title")}</h2>
            <input type="hidden" name="lang" value={p.locale} />
            <input type="hidden" name="code" value={p.status.trackingCode} />
            <input type="hidden" name="secret" value={p.secret ?? ""} />
            <label for="add-text">{t("web-track-add-text")}</label>
            <textarea id="add-text" name="text" maxlength={5000}></textarea>
            {(p.errors ?? [])
              .filter((e) => !["name", "idNumber", "account"].includes(e.path))
              .map((e) => (
                <p class="field-error">{t(`web-error-${e.code}`, { min: 1, max: e.path === "attachments" ? p.maxFiles : 5000, file: e.file ?? "" })}</p>
              ))}
            <label for="add-files">{t("web-field-attachments", { max: p.maxFiles })}</label>
            <input type="file" id="add-files" name="attachments" multiple accept="image/jpeg,image/png,image/webp,application/pdf" />
            <button type="submit">{t("web-track-add-submit")}</button>
          </form>
        </section>
      )}
    </Layout>
  );
};
