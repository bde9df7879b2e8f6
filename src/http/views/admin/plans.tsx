import type { DrawListRow, StaffDraw } from "../../../app/enforcement/draws.js";
import type { PlanDetail, PlanProgress, PlanSummary, ProgressRow } from "../../../app/enforcement/plans.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import { RISK_CLASSES } from "../../../domain/enforcement.js";
import { SECTORS } from "../../../domain/sectors.js";
import { localName } from "../../../domain/tip-input.js";
import type { Translate } from "../../routes/admin/context.js";
import { Flash, Layout } from "./layout.js";

type Unit = { id: number; name: string; nameEn: string | null; jurisdictionCode: string };
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function Csrf({ csrf }: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={csrf} />;
}

function ProgressTable({ t, id, title, rows }: { t: Translate; id: string; title: string; rows: ProgressRow[] }) {
  return (
    <>
      <h3>{title}</h3>
      <div class="scroll">
        <table id={id}>
          <thead>
            <tr>
              <th scope="col">{t("plans-col-name")}</th>
              <th scope="col">{t("plans-col-planned")}</th>
              <th scope="col">{t("plans-col-planned-to-date")}</th>
              <th scope="col">{t("plans-col-done")}</th>
              <th scope="col">{t("plans-col-behind")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-key={r.key}>
                <td>{r.name}</td>
                <td>{r.planned}</td>
                <td>{r.plannedToDate}</td>
                <td>{r.done}</td>
                <td>{r.behindPct}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface PlansPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  year: number;
  plans: PlanSummary[];
  progress: PlanProgress;
  units: Unit[];
  frequencies: { scope: "class" | "sector"; key: string; perYear: number }[];
  draws: DrawListRow[];
  drawDefault: string;
  done?: string;
  error?: string;
}

const sectorName = (code: string, locale: string) => {
  const s = SECTORS.find((x) => x.code === code);
  return s ? (locale === "en" ? s.en : s.zh) : code;
};

export function frequencyLabel(t: Translate, locale: string, scope: string, key: string): string {
  if (scope === "class") return t(`plans-class-${key}`);
  return SECTORS.some((s) => s.code === key) ? sectorName(key, locale) : t(`plans-activity-${key}`);
}

/** /admin/plans: progress, the year's plans, generation, check frequencies and 双随机 draws. */
export function PlansPage(p: PlansPageProps) {
  const { t, locale, csrf } = p;
  const manager = p.actor.role === "admin" || p.actor.role === "committee";
  const canAct = p.actor.role !== "viewer";
  const unitOptions = p.units.map((u) => (
    <option value={String(u.id)}>
      {u.jurisdictionCode} {localName(u, locale)}
    </option>
  ));
  return (
    <Layout t={t} locale={locale} title={t("plans-title")} actor={p.actor} csrf={csrf}>
      <h1>{t("plans-title")}</h1>
      <Flash t={t} done={p.done} error={p.error} />
      <form method="get" action="/admin/plans" class="inline">
        <label>
          {t("plans-year")} <input name="year" type="number" min="2000" max="2100" value={String(p.year)} />
        </label>
        <button type="submit">{t("plans-show")}</button>
      </form>

      <section class="card" id="plans-list">
        <h2>{t("plans-list-title", { year: p.year })}</h2>
        {p.plans.length === 0 ? (
          <p>{t("plans-none")}</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("plans-col-unit")}</th>
                  <th scope="col">{t("plans-col-status")}</th>
                  <th scope="col">{t("plans-col-items")}</th>
                  <th scope="col">{t("plans-col-rate")}</th>
                </tr>
              </thead>
              <tbody>
                {p.plans.map((x) => (
                  <tr data-plan={String(x.id)}>
                    <td>
                      <a href={`/admin/plans/${x.id}`}>{localName({ name: x.unitName, nameEn: x.unitNameEn }, locale)}</a>
                    </td>
                    <td>{t(`plans-status-${x.status}`)}</td>
                    <td>{x.items}</td>
                    <td>{x.randomRatePct}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card" id="plans-progress">
        <h2>{t("plans-progress-title", { month: p.progress.month })}</h2>
        <ProgressTable t={t} id="progress-units" title={t("plans-progress-units")} rows={p.progress.units} />
        <ProgressTable t={t} id="progress-townships" title={t("plans-progress-townships")} rows={p.progress.townships} />
        <ProgressTable t={t} id="progress-counties" title={t("plans-progress-counties")} rows={p.progress.counties} />
      </section>

      {canAct && p.units.length > 0 && (
        <section class="card" id="plan-generate">
          <h2>{t("plans-generate-title")}</h2>
          <form method="post" action="/admin/plans/generate">
            <Csrf csrf={csrf} />
            <label>
              {t("plans-col-unit")} <select name="unitId">{unitOptions}</select>
            </label>
            <label>
              {t("plans-year")} <input name="year" type="number" min="2000" max="2100" value={String(p.year)} required />
            </label>
            <label>
              {t("plans-rate")} <input name="randomRatePct" type="number" min="0" max="100" value="10" required />
            </label>
            <label>
              {t("plans-regenerate-reason")} <input name="reason" maxlength={500} />
            </label>
            <button type="submit">{t("plans-generate")}</button>
          </form>
          <p>{t("plans-approval-rule")}</p>
        </section>
      )}

      {manager && p.units.length > 0 && (
        <section class="card" id="plan-generate-all">
          <form method="post" action="/admin/plans/generate-all">
            <Csrf csrf={csrf} />
            <input type="hidden" name="year" value={String(p.year)} />
            <label>
              {t("plans-rate")} <input name="randomRatePct" type="number" min="0" max="100" value="10" required />
            </label>
            <button type="submit">{t("plans-generate-all", { year: p.year })}</button>
          </form>
        </section>
      )}

      {canAct && p.units.length > 0 && (
        <section class="card" id="draw-form">
          <h2>{t("draws-title")}</h2>
          <form method="post" action="/admin/draws">
            <Csrf csrf={csrf} />
            <label>
              {t("plans-col-unit")} <select name="unitId">{unitOptions}</select>
            </label>
            <label>
              {t("draws-date")} <input name="drawnOn" type="date" value={p.drawDefault} required />
            </label>
            <label>
              {t("draws-count")} <input name="count" type="number" min="1" max="1000" value="5" required />
            </label>
            <label>
              {t("draws-per-enterprise")} <input name="perEnterprise" type="number" min="1" max="5" value="2" required />
            </label>
            <label>
              {t("draws-sector")}{" "}
              <select name="sectorCode">
                <option value="">{t("draws-any")}</option>
                {SECTORS.map((s) => (
                  <option value={s.code}>{sectorName(s.code, locale)}</option>
                ))}
              </select>
            </label>
            <label>
              {t("draws-township")} <input name="townshipCode" inputmode="numeric" pattern="[0-9]{6}([0-9]{3})?" />
            </label>
            <label>
              {t("draws-class")}{" "}
              <select name="riskClass">
                <option value="">{t("draws-any")}</option>
                {RISK_CLASSES.map((c) => (
                  <option value={c}>{t(`plans-class-${c}`)}</option>
                ))}
              </select>
            </label>
            <label>
              {t("draws-supersedes")} <input name="supersedesId" type="number" min="1" />
            </label>
            <label>
              {t("draws-reason")} <input name="reason" maxlength={500} />
            </label>
            <button type="submit">{t("draws-run")}</button>
          </form>
          <p>{t("draws-rule")}</p>
          {p.draws.length > 0 && (
            <div class="scroll">
              <table id="draws-list">
                <thead>
                  <tr>
                    <th scope="col">{t("draws-id")}</th>
                    <th scope="col">{t("plans-col-unit")}</th>
                    <th scope="col">{t("draws-date")}</th>
                    <th scope="col">{t("draws-picked")}</th>
                    <th scope="col">{t("draws-supersedes")}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.draws.map((d) => (
                    <tr data-draw={String(d.id)}>
                      <td>
                        <a href={`/admin/draws/${d.id}`}>#{d.id}</a>{" "}
                        <small>
                          <a href={`/public/draws/${d.id}`}>{t("draws-public")}</a>
                        </small>
                      </td>
                      <td>{localName({ name: d.unitName, nameEn: d.unitNameEn }, locale)}</td>
                      <td>{d.drawnOn}</td>
                      <td>{d.picked}</td>
                      <td>{d.supersedesId ? `#${d.supersedesId}` : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section class="card" id="frequencies">
        <h2>{t("plans-frequencies-title")}</h2>
        <p>{t("plans-frequencies-rule")}</p>
        <div class="scroll">
          <table>
            <tbody>
              {p.frequencies.map((f) => (
                <tr data-frequency={`${f.scope}:${f.key}`}>
                  <td>{frequencyLabel(t, locale, f.scope, f.key)}</td>
                  <td>
                    {manager ? (
                      <form method="post" action="/admin/plans/frequencies" class="inline">
                        <Csrf csrf={csrf} />
                        <input type="hidden" name="scope" value={f.scope} />
                        <input type="hidden" name="key" value={f.key} />
                        <input name="perYear" type="number" min="0" max="12" value={String(f.perYear)} aria-label={t("plans-per-year")} />
                        <button type="submit">{t("plans-save")}</button>
                      </form>
                    ) : (
                      f.perYear
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

export interface PlanPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  plan: PlanDetail;
  canApprove: boolean;
  done?: string;
  error?: string;
}

/** One plan: status, approval, export, and its items with move/remove forms and a manual addition. */
export function PlanPage({ t, locale, actor, csrf, plan, canApprove, done, error }: PlanPageProps) {
  const canEdit = actor.role !== "viewer";
  const unit = localName({ name: plan.unitName, nameEn: plan.unitNameEn }, locale);
  const action = `/admin/plans/${plan.id}/items`;
  return (
    <Layout t={t} locale={locale} title={t("plans-plan-title", { year: plan.year })} actor={actor} csrf={csrf}>
      <h1>
        {unit} · {t("plans-plan-title", { year: plan.year })}
      </h1>
      {error === "forbidden" ? (
        <p class="flash err" role="alert">
          {t("plans-error-forbidden")}
        </p>
      ) : (
        <Flash t={t} done={done} error={error} />
      )}
      <p id="plan-status">
        {t(`plans-status-${plan.status}`)} · {t("plans-col-items")} {plan.items} · {t("plans-rate")} {plan.randomRatePct}% · {t("plans-seed")}{" "}
        <code class="hash">{plan.randomSeed}</code>
      </p>
      <p>
        <a href={`/admin/plans/${plan.id}/export?format=xlsx`}>{t("plans-export")}</a> · <a href={`/admin/plans?year=${plan.year}`}>{t("plans-back")}</a>
      </p>
      {canApprove && (
        <form method="post" action={`/admin/plans/${plan.id}/approve`}>
          <Csrf csrf={csrf} />
          <button type="submit">{t("plans-approve")}</button>
        </form>
      )}
      {canEdit && (
        <form method="post" action={action} id="plan-add">
          <Csrf csrf={csrf} />
          <input type="hidden" name="op" value="add" />
          <label>
            {t("plans-enterprise-ref")} <input name="enterpriseId" required maxlength={200} />
          </label>
          <label>
            {t("plans-month")}{" "}
            <select name="month">
              {MONTHS.map((m) => (
                <option value={String(m)}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            {t("plans-reason")} <input name="reason" required minlength={2} maxlength={500} />
          </label>
          <button type="submit">{t("plans-add")}</button>
        </form>
      )}
      <div class="scroll">
        <table id="plan-items">
          <thead>
            <tr>
              <th scope="col">{t("plans-month")}</th>
              <th scope="col">{t("plans-enterprise")}</th>
              <th scope="col">{t("plans-class")}</th>
              <th scope="col">{t("plans-basis")}</th>
              <th scope="col">{t("plans-col-done")}</th>
              {canEdit && <th scope="col">{t("plans-edit")}</th>}
            </tr>
          </thead>
          <tbody>
            {plan.itemsList.map((i) => (
              <tr data-item={String(i.id)} class={i.removedReason ? "removed" : undefined}>
                <td>{i.month}</td>
                <td>
                  {i.enterpriseName} <small>{i.creditCode ?? ""}</small>
                </td>
                <td>{t(`plans-class-${i.riskClass}`)}</td>
                <td>
                  {t(`plans-basis-${i.basis}`)}
                  {i.removedReason ? ` · ${t("plans-removed")}: ${i.removedReason}` : ""}
                </td>
                <td>
                  {i.done ? (
                    "✓"
                  ) : !i.removedReason && canEdit ? (
                    <a
                      class="record-link"
                      href={`/admin/inspections/new?unitId=${plan.unitId}&enterpriseId=${i.enterpriseId}&planItemId=${i.id}&kind=${i.basis === "random" ? "random" : "planned"}`}
                    >
                      {t("plans-record")}
                    </a>
                  ) : (
                    ""
                  )}
                </td>
                {canEdit && (
                  <td>
                    {!i.removedReason && (
                      <>
                        <form method="post" action={action} class="inline">
                          <Csrf csrf={csrf} />
                          <input type="hidden" name="op" value="move" />
                          <input type="hidden" name="itemId" value={String(i.id)} />
                          <select name="month" aria-label={t("plans-month")}>
                            {MONTHS.map((m) => (
                              <option value={String(m)} selected={m === i.month}>
                                {m}
                              </option>
                            ))}
                          </select>
                          <button type="submit">{t("plans-move")}</button>
                        </form>
                        <form method="post" action={action} class="inline">
                          <Csrf csrf={csrf} />
                          <input type="hidden" name="op" value="remove" />
                          <input type="hidden" name="itemId" value={String(i.id)} />
                          <input name="reason" required minlength={2} maxlength={500} aria-label={t("plans-reason")} />
                          <button type="submit">{t("plans-remove")}</button>
                        </form>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface DrawPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  draw: StaffDraw;
}

/**
 * A draw for the unit that carries it out: each picked enterprise with the officers drawn for it and
 * either the record that answers it or a link that opens the record form filled in (kind 双随机, the draw,
 * the enterprise and the officers), so the record counts for the draw without retyping anything.
 */
export function DrawPage({ t, locale, actor, csrf, draw }: DrawPageProps) {
  const canRecord = actor.role !== "viewer" && !draw.supersededBy;
  return (
    <Layout t={t} locale={locale} title={t("draws-page-title", { id: draw.id })} actor={actor} csrf={csrf}>
      <h1>{t("draws-page-title", { id: draw.id })}</h1>
      <p id="draw-meta">
        {localName(draw.unit, locale)} · {t("draws-date")} {draw.drawnOn ?? ""} · <a href={`/public/draws/${draw.id}`}>{t("draws-public")}</a>
        {draw.supersededBy && (
          <>
            {" · "}
            {t("draws-superseded-by")} <a href={`/admin/draws/${draw.supersededBy}`}>#{draw.supersededBy}</a>
          </>
        )}
      </p>
      <div class="scroll">
        <table id="draw-picks">
          <thead>
            <tr>
              <th scope="col">{t("plans-enterprise")}</th>
              <th scope="col">{t("draws-officers")}</th>
              <th scope="col">{t("plans-col-done")}</th>
            </tr>
          </thead>
          <tbody>
            {draw.result.map((p) => {
              const recorded = draw.recorded.get(p.enterpriseId);
              const officers = p.inspectors.map((i) => `&inspectorIds=${i.id}`).join("");
              return (
                <tr data-pick={String(p.enterpriseId)}>
                  <td>
                    {p.name} <small>{p.creditCode ?? ""}</small>
                  </td>
                  <td>{p.inspectors.map((i) => i.name).join("、")}</td>
                  <td>
                    {recorded ? (
                      <a href={`/admin/inspections/${recorded}`}>✓ #{recorded}</a>
                    ) : canRecord ? (
                      <a
                        class="record-link"
                        href={`/admin/inspections/new?unitId=${draw.unitId}&enterpriseId=${p.enterpriseId}&drawId=${draw.id}&kind=random${officers}`}
                      >
                        {t("plans-record")}
                      </a>
                    ) : (
                      ""
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
