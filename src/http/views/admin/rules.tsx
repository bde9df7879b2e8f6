import type { RoutedTip } from "../../../app/routing/route-tip.js";
import type { RoutingSuggestion } from "../../../app/routing/routing-suggestions.js";
import type { SectorRuleRow, SectorSuggestion } from "../../../app/routing/sector-suggestions.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import { SECTORS } from "../../../domain/sectors.js";
import type { Translate } from "../../routes/admin/context.js";
import { actorName } from "./actor-name.js";
import { formatDateTime } from "./format.js";
import { Flash, Layout } from "./layout.js";
import { localName } from "../../../domain/tip-input.js";

type Named = { name: string; nameEn: string | null };
interface Props {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  jurisdiction: { code: string; fullName: string };
  rules: {
    id: number;
    sectorCode: string;
    unitId: number;
    unitName: string;
    unitNameEn: string | null;
    note: string | null;
    updatedBy: string;
    updatedAt: Date;
  }[];
  units: ({ id: number; jurisdictionCode: string } & Named)[];
  test?: { text: string; place: string; decision?: RoutedTip };
  suggestions?: RoutingSuggestion[];
  sectorSuggestions?: SectorSuggestion[];
  sectorRules?: SectorRuleRow[];
  accuracy?: { decided: number; corrected: number };
  done?: string;
  error?: string;
}

/** The note every seeded rule carries (src/db/seed.ts): shown in the page's language, like any other label. */
const SEED_NOTE = "默认：谁主管谁负责";
const noteText = (t: Translate, note: string | null) => (note === SEED_NOTE ? t("admin-manage-rule-seed-note") : note);

const sectorOrder = (code: string) => {
  const i = SECTORS.findIndex((s) => s.code === code);
  return i < 0 ? SECTORS.length : i;
};
const sectorName = (code: string, locale: string) => {
  const s = SECTORS.find((x) => x.code === code);
  return s ? (locale === "en" ? s.en : s.zh) : code;
};

function Suggestions({
  t,
  locale,
  csrf,
  jurisdiction,
  suggestions,
  accuracy,
}: Pick<Props, "t" | "locale" | "csrf" | "jurisdiction" | "suggestions" | "accuracy">) {
  const pct = accuracy && accuracy.decided > 0 ? Math.round((100 * (accuracy.decided - accuracy.corrected)) / accuracy.decided) : null;
  return (
    <section class="card" id="rule-suggestions">
      <h2>{t("admin-rule-suggestions-title")}</h2>
      {accuracy && (
        <p id="routing-accuracy">
          {pct === null
            ? t("admin-routing-accuracy-none")
            : t("admin-routing-accuracy", { pct, kept: accuracy.decided - accuracy.corrected, decided: accuracy.decided })}
        </p>
      )}
      {!suggestions?.length ? (
        <p>{t("admin-rule-suggestions-none")}</p>
      ) : (
        <table class="rules">
          <tbody>
            {suggestions.map((s) => (
              <tr data-suggestion={s.key}>
                <td>
                  {t("admin-rule-suggestion", {
                    count: s.count,
                    sector: sectorName(s.sectorCode, locale),
                    place: s.jurisdictionName,
                    from: localName(s.fromUnit, locale),
                    to: localName(s.toUnit, locale),
                  })}{" "}
                  <small>{s.examples.join(", ")}</small>
                </td>
                <td>
                  <form method="post" action="/admin/rules/suggestions/accept">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit">{t("admin-rule-suggestion-accept")}</button>
                  </form>
                </td>
                <td>
                  <form method="post" action="/admin/rules/suggestions/dismiss">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
                    <input type="hidden" name="key" value={s.key} />
                    <button type="submit">{t("admin-rule-suggestion-dismiss")}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Term → sector and enterprise → sector: suggestions from sector corrections, and the rules in force with their undo. */
function SectorRules({
  t,
  locale,
  csrf,
  timeZone,
  jurisdiction,
  sectorSuggestions,
  sectorRules,
}: Pick<Props, "t" | "locale" | "csrf" | "timeZone" | "jurisdiction" | "sectorSuggestions" | "sectorRules">) {
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
    </>
  );
  return (
    <section class="card" id="sector-suggestions">
      <h2>{t("admin-sector-suggestions-title")}</h2>
      {!sectorSuggestions?.length ? (
        <p>{t("admin-sector-suggestions-none")}</p>
      ) : (
        <div class="scroll">
          <table class="rules">
            <tbody>
              {sectorSuggestions.map((s) => (
                <tr data-sector-suggestion={s.key}>
                  <td>
                    {s.kind === "term"
                      ? t("admin-sector-suggestion-term", {
                          count: s.count,
                          from: sectorName(s.fromSector, locale),
                          to: sectorName(s.toSector, locale),
                          support: s.support,
                        })
                      : t("admin-sector-suggestion-enterprise", { count: s.count, to: sectorName(s.toSector, locale) })}{" "}
                    {s.kind === "term" ? <code>{s.term}</code> : <span lang="zh">{s.enterpriseName}</span>} → {sectorName(s.toSector, locale)}{" "}
                    <small>{s.examples.join(", ")}</small>
                  </td>
                  <td>
                    <form method="post" action="/admin/rules/sector-suggestions/accept">
                      {hidden}
                      <input type="hidden" name="key" value={s.key} />
                      <button type="submit">{t("admin-sector-suggestion-accept")}</button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action="/admin/rules/sector-suggestions/dismiss">
                      {hidden}
                      <input type="hidden" name="key" value={s.key} />
                      <button type="submit">{t("admin-rule-suggestion-dismiss")}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t("admin-sector-rules-title")}</h3>
      {!sectorRules?.length ? (
        <p>{t("admin-sector-rules-none")}</p>
      ) : (
        <div class="scroll">
          <table class="rules" id="sector-rules">
            <tbody>
              {sectorRules.map((r) => (
                <tr data-sector-rule={String(r.id)}>
                  <td>{r.kind === "term" ? <code>{r.term}</code> : <span lang="zh">{r.enterpriseName}</span>}</td>
                  <td>{sectorName(r.sectorCode, locale)}</td>
                  <td>
                    <span class="nowrap">{formatDateTime(r.createdAt, timeZone)}</span> {actorName(t, r.createdBy)}
                  </td>
                  <td>
                    <form method="post" action={`/admin/rules/sector-rules/${r.id}/revoke`}>
                      {hidden}
                      <input name="reason" required minlength={2} placeholder={t("admin-manage-reason")} aria-label={t("admin-manage-reason")} />{" "}
                      <button type="submit">{t("admin-sector-rule-revoke")}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function RulesPage({
  t,
  locale,
  actor,
  csrf,
  timeZone,
  jurisdiction,
  rules,
  units,
  test,
  suggestions,
  sectorSuggestions,
  sectorRules,
  accuracy,
  done,
  error,
}: Props) {
  const base = `/admin/rules?jurisdiction=${jurisdiction.code}`;
  const unitSelect = (current?: number, label?: string) => (
    <select name="unitId" aria-label={label}>
      {units.map((u) => (
        <option value={String(u.id)} selected={u.id === current}>
          {u.jurisdictionCode} {localName(u, locale)}
        </option>
      ))}
    </select>
  );
  return (
    <Layout t={t} locale={locale} title={t("admin-manage-rules-title")} actor={actor} csrf={csrf}>
      <h1>
        {t("admin-manage-rules-title")} · {jurisdiction.fullName}
      </h1>
      <Flash t={t} done={done} error={error} />
      <p>{t("admin-manage-rules-help")}</p>
      <Suggestions t={t} locale={locale} csrf={csrf} jurisdiction={jurisdiction} suggestions={suggestions} accuracy={accuracy} />
      <SectorRules
        t={t}
        locale={locale}
        csrf={csrf}
        timeZone={timeZone}
        jurisdiction={jurisdiction}
        sectorSuggestions={sectorSuggestions}
        sectorRules={sectorRules}
      />
      <form method="get" action="/admin/rules" class="filters">
        <label>
          {t("admin-manage-jurisdiction")} <input name="jurisdiction" value={jurisdiction.code} pattern="\d{6}(\d{3})?" />
        </label>
        <button type="submit">{t("admin-manage-filter")}</button>
      </form>
      {rules.length === 0 ? (
        <p>{t("admin-manage-rule-none")}</p>
      ) : (
        <table class="rules">
          <thead>
            <tr>
              <th>{t("admin-manage-rule-sector")}</th>
              <th>{t("admin-manage-rule-unit")}</th>
              <th>{t("admin-manage-rule-updated")}</th>
              <th>{t("admin-manage-rule-change")}</th>
              <th>{t("admin-manage-rule-delete")}</th>
            </tr>
          </thead>
          <tbody>
            {[...rules]
              .sort((a, b) => sectorOrder(a.sectorCode) - sectorOrder(b.sectorCode))
              .map((r) => (
                <tr>
                  <td>{sectorName(r.sectorCode, locale)}</td>
                  <td>{localName({ name: r.unitName, nameEn: r.unitNameEn }, locale)}</td>
                  <td>
                    <span class="nowrap">{formatDateTime(r.updatedAt, timeZone)}</span> {actorName(t, r.updatedBy)}
                    {r.note ? ` — ${noteText(t, r.note)}` : ""}
                  </td>
                  <td>
                    <form method="post" action="/admin/rules/set">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
                      <input type="hidden" name="sectorCode" value={r.sectorCode} />
                      {unitSelect(r.unitId, t("admin-manage-rule-unit"))}{" "}
                      <input name="reason" required minlength={2} placeholder={t("admin-manage-reason")} aria-label={t("admin-manage-reason")} />{" "}
                      <button type="submit">{t("admin-manage-rule-change")}</button>
                    </form>
                  </td>
                  <td>
                    <form method="post" action={`/admin/rules/${r.id}/delete`}>
                      <input type="hidden" name="_csrf" value={csrf} />
                      <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
                      <input name="reason" required minlength={2} placeholder={t("admin-manage-reason")} aria-label={t("admin-manage-reason")} />{" "}
                      <button type="submit">{t("admin-manage-rule-delete")}</button>
                    </form>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/admin/rules/set" class="card">
        <h2>{t("admin-manage-rule-add")}</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="jurisdictionCode" value={jurisdiction.code} />
        <p>
          <label>
            {t("admin-manage-rule-sector")}{" "}
            <select name="sectorCode">
              {SECTORS.map((s) => (
                <option value={s.code}>{locale === "en" ? s.en : s.zh}</option>
              ))}
            </select>
          </label>
        </p>
        <p>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: unitSelect() renders the <select> inside the label */}
          <label>
            {t("admin-manage-rule-unit")} {unitSelect()}
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-reason")} <input name="reason" required minlength={2} />
          </label>
        </p>
        <button type="submit">{t("admin-manage-enterprise-save")}</button>
      </form>
      <form method="post" action={`/admin/rules/test?jurisdiction=${jurisdiction.code}`} class="card">
        <h2>{t("admin-manage-test-title")}</h2>
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label>
            {t("admin-manage-test-text")}{" "}
            <textarea name="text" class="wide" rows={4} required maxlength={10000}>
              {test?.text ?? ""}
            </textarea>
          </label>
        </p>
        <p>
          <label>
            {t("admin-manage-test-place")} <input name="place" value={test?.place ?? ""} maxlength={200} />
          </label>
        </p>
        <button type="submit">{t("admin-manage-test-submit")}</button>
      </form>
      {test?.decision && (
        <div class="card" id="test-result">
          <p>
            {t("admin-manage-test-result", {
              sector: sectorName(test.decision.sector, locale),
              jurisdiction: test.decision.jurisdiction.fullName,
              unit: localName(test.decision.unit, locale),
            })}
          </p>
          <p>
            <strong>{t("admin-manage-test-explanation")}</strong>: {locale === "en" ? test.decision.explanation.en : test.decision.explanation.zh}
          </p>
        </div>
      )}
      {test && (
        <p>
          <a href={base}>{t("admin-manage-test-clear")}</a>
        </p>
      )}
    </Layout>
  );
}
