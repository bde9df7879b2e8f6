import { METRICS, type Metric, type MetricCode, type PlausibilityWarning } from "../../../domain/figures.js";
import type { DeskFiguresForm } from "../../../app/desk/prepare-desk-figures.js";
import type { DeskFiguresOutcome } from "../../../app/desk/file-desk-figures.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { periodLabel } from "./duties.js";
import { DeskLayout } from "./layout.js";
import { figuresDisagreement } from "../../../domain/inspection-figures.js";
import type { Figures } from "../../../domain/figures.js";

const metricOf = (code: MetricCode) => METRICS.find((m) => m.code === code)!;
const label = (locale: string, m: Metric) => (locale === "en" ? m.en : m.zh);
const unitOf = (locale: string, m: Metric) => (locale === "en" ? m.unitEn : m.unit);
/** As the bot shows a figure: 万元 to two decimals, counts as integers. */
export const show = (m: Metric, v: number | null | undefined) => (v === null || v === undefined ? "—" : m.kind === "money_wan" ? v.toFixed(2) : String(v));

/** The bot's wording of a plausibility warning (locales/figures.ftl), so both say the same. */
function warningText(t: Translate, locale: string, w: PlausibilityWarning): string {
  switch (w.code) {
    case "officers_below_minimum":
      return t("figures-warn-officers", { officers: w.data.officers, actions: w.data.actions, minimum: w.data.minimum });
    case "penalty_without_case": {
      const m = metricOf(w.data.metric);
      return t("figures-warn-penalty", { metric: label(locale, m), value: show(m, w.data.value), unit: unitOf(locale, m) });
    }
    case "far_above_history": {
      const m = metricOf(w.data.metric);
      return t("figures-warn-history", { metric: label(locale, m), value: show(m, w.data.value), median: show(m, w.data.median), factor: w.data.factor });
    }
  }
}

type Shown = Extract<DeskFiguresOutcome, { kind: "invalid" | "review" }>;
export interface FiguresPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  form: DeskFiguresForm;
  outcome?: Shown;
  reason?: string;
}

/** The whole monthly form on one page: type, check (累计数 and warnings shown), confirm, submit. */
export function DeskFiguresPage({ t, locale, actor, csrf, form, outcome, reason }: FiguresPageProps) {
  const o = form.obligation;
  const heading = t("desk-figures-title", { unit: o.unitName, period: periodLabel(t, o.period) });
  const texts = new Map<MetricCode, string>(
    outcome
      ? outcome.fields.map((f) => [f.code, f.text])
      : METRICS.map((m) => [
          m.code,
          form.current ? show(m, form.current.values[m.code]) : form.recorded?.[m.code] !== undefined ? show(m, form.recorded[m.code]) : "",
        ]),
  );
  const prefilled = !form.current && !outcome && form.recorded !== null;
  const problems = new Map(outcome?.fields.filter((f) => f.problem).map((f) => [f.code, f.problem!]) ?? []);
  const review = outcome?.kind === "review" ? outcome : undefined;
  return (
    <DeskLayout t={t} locale={locale} title={heading} actor={actor} csrf={csrf}>
      <h1>{heading}</h1>
      <p class="meta">{t("desk-figures-due", { date: o.dueOn })}</p>
      {form.current && <p class="flash ok">{t("desk-figures-correcting", { version: form.current.version })}</p>}
      {prefilled && (
        <p class="flash ok" id="prefilled">
          {t("desk-figures-prefilled")}
        </p>
      )}
      {form.current && form.recorded && <Disagreement t={t} locale={locale} filed={form.current.values} recorded={form.recorded} />}
      <p class="meta">{t("desk-figures-hint")}</p>
      {outcome?.kind === "invalid" && (
        <p class="flash err" role="alert">
          {t("desk-figures-fix")}
        </p>
      )}
      <form method="post" action={`/desk/figures/${o.id}`} class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        {METRICS.map((m) => {
          const problem = problems.get(m.code);
          return (
            <label class={`metric${problem ? " bad" : ""}`}>
              <span>
                {m.position}. {label(locale, m)}（{unitOf(locale, m)}）
              </span>
              <input name={`m_${m.code}`} value={texts.get(m.code) ?? ""} inputmode="text" autocomplete="off" aria-invalid={problem ? "true" : undefined} />
              <small>{form.lastMonth ? t("desk-figures-last-month", { value: show(m, form.lastMonth[m.code]) }) : t("desk-figures-no-last-month")}</small>
              {problem && (
                <span class="err" role="alert">
                  {t(`figures-problem-${problem}`)}
                </span>
              )}
            </label>
          );
        })}
        <p>
          <button type="submit" name="action" value="check">
            {t("desk-figures-check")}
          </button>
        </p>
        {review && <Review t={t} locale={locale} review={review} reason={reason} />}
      </form>
      <p>
        <a href="/desk">{t("desk-back")}</a>
      </p>
    </DeskLayout>
  );
}

function Review({ t, locale, review, reason }: { t: Translate; locale: string; review: Extract<DeskFiguresOutcome, { kind: "review" }>; reason?: string }) {
  const correcting = review.form.mode === "correct";
  return (
    <section id="review">
      <h2>{t("desk-figures-review-title")}</h2>
      {review.problem && (
        <p class="flash err" role="alert">
          {t(`desk-figures-problem-${review.problem}`)}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t("desk-figures-col-metric")}</th>
            <th>{t("desk-figures-col-unit")}</th>
            <th>{t("desk-figures-col-month")}</th>
            <th>{t("desk-figures-col-cumulative")}</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => (
            <tr data-metric={m.code}>
              <td>{label(locale, m)}</td>
              <td>{unitOf(locale, m)}</td>
              <td class="num">{show(m, review.values[m.code])}</td>
              <td class="num cumulative">{show(m, review.cumulative[m.code])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="meta">{t("desk-figures-cumulative-note")}</p>
      {review.warnings.length > 0 && (
        <div class="card warn" role="alert">
          <p>{t("figures-warn-title")}</p>
          <ul>
            {review.warnings.map((w) => (
              <li class="warning">{warningText(t, locale, w)}</li>
            ))}
          </ul>
          <label class="check">
            <input type="checkbox" name="confirm" value="1" /> {t("desk-figures-confirm")}
          </label>
        </div>
      )}
      {correcting && (
        <label>
          {t("desk-figures-reason")}
          <textarea name="reason" maxlength={500}>
            {reason ?? ""}
          </textarea>
        </label>
      )}
      <input type="hidden" name="reviewed" value={review.digest} />
      <p>
        <button type="submit" class="primary" name="action" value="submit">
          {t("desk-figures-submit")}
        </button>
      </p>
    </section>
  );
}

/** After filing: the bot's own confirmation text. */
export function FiledPage({
  t,
  locale,
  actor,
  csrf,
  form,
  version,
  late,
}: {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  form: DeskFiguresForm;
  version: number;
  late: boolean;
}) {
  const o = form.obligation;
  const text = t(version === 1 ? "figures-submitted" : "figures-corrected", {
    unit: o.unitName,
    period: periodLabel(t, o.period),
    version,
    late: late ? "yes" : "no",
  });
  return (
    <DeskLayout t={t} locale={locale} title={t("desk-title")} actor={actor} csrf={csrf}>
      <p class="flash ok" role="status">
        {text}
      </p>
      <p>
        <a href="/desk">{t("desk-back")}</a>
      </p>
    </DeskLayout>
  );
}

/** Where the filed month and the unit's inspection records differ (metric, typed, recorded). */
function Disagreement({ t, locale, filed, recorded }: { t: Translate; locale: string; filed: Figures; recorded: Partial<Figures> }) {
  const rows = figuresDisagreement(filed, recorded);
  if (rows.length === 0) return null;
  return (
    <section id="disagreement" class="card">
      <p class="flash err">{t("desk-figures-disagree")}</p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>{t("desk-figures-col-metric")}</th>
              <th>{t("desk-figures-col-typed")}</th>
              <th>{t("desk-figures-col-recorded")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const m = metricOf(r.code);
              return (
                <tr>
                  <td>{label(locale, m)}</td>
                  <td>{show(m, r.typed)}</td>
                  <td>{show(m, r.recorded)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
