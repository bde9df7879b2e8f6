import type { Child } from "hono/jsx";
import type { TipActionName } from "../../../app/triage/get-tip.js";
import type { Translate } from "../../routes/admin/context.js";

interface Props {
  t: Translate;
  csrf: string;
  tipId: number;
  actions: TipActionName[];
  units: { id: number; name: string; jurisdictionCode: string; jurisdictionName: string | null }[];
  /** The router's closest sectors' units, for a tip it left to manual triage: the first is preselected. */
  suggested?: { sector: string; unitId: number }[];
  currentUnitId: number;
  /** TIP_EXTENSION_DAYS: the longest extension a unit may ask for. */
  maxExtensionDays?: number;
}

function ActionForm({ t, csrf, tipId, action, children }: { t: Translate; csrf: string; tipId: number; action: TipActionName; children?: Child }) {
  return (
    <form method="post" action={`/admin/tips/${tipId}/${action}`} id={`form-${action}`}>
      <h3>{t(`admin-action-${action}`)}</h3>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
      <button type="submit">{t(`admin-action-${action}`)}</button>
    </form>
  );
}

const Text = ({ t, name, label, required = true }: { t: Translate; name: string; label: string; required?: boolean }) => (
  <label>
    {t(label)}
    <textarea name={name} rows={2} required={required} />
  </label>
);

/** The staff-only note, marked as such: what is typed here never reaches the reporter. */
const Note = ({ t, name = "note" }: { t: Translate; name?: string }) => (
  <label class="note-private">
    {t("admin-field-note")}
    <textarea name={name} rows={2} />
  </label>
);

/** The optional message for the reporter, marked as what they will read. */
const Message = ({ t }: { t: Translate }) => <Text t={t} name="message" label="admin-field-message" required={false} />;

/** The four items of an answer, and the optional English version (all four or none), folded away. */
const AnswerFields = ({ t }: { t: Translate }) => (
  <>
    <Text t={t} name="conclusion" label="admin-field-conclusion" />
    <Text t={t} name="summary" label="admin-field-summary" />
    <Text t={t} name="decision" label="admin-field-decision" />
    <Text t={t} name="rewardEligibility" label="admin-field-reward-eligibility" />
    <details>
      <summary>{t("admin-answer-en")}</summary>
      <Text t={t} name="conclusionEn" label="admin-field-conclusion-en" required={false} />
      <Text t={t} name="summaryEn" label="admin-field-summary-en" required={false} />
      <Text t={t} name="decisionEn" label="admin-field-decision-en" required={false} />
      <Text t={t} name="rewardEligibilityEn" label="admin-field-reward-eligibility-en" required={false} />
    </details>
  </>
);

/** One plain HTML form per allowed action: works without JavaScript, each carries the CSRF token. */
/** Units grouped under their jurisdiction, in the order given (by code: province, city, its counties). */
function byJurisdiction<U extends Props["units"][number]>(units: U[]): [string, U[]][] {
  const groups = new Map<string, U[]>();
  for (const u of units) {
    const label = u.jurisdictionName ?? u.jurisdictionCode;
    groups.set(label, [...(groups.get(label) ?? []), u]);
  }
  return [...groups];
}

export function TipActions({ t, csrf, tipId, actions, units, currentUnitId, suggested = [], maxExtensionDays = 30 }: Props) {
  const has = (a: TipActionName) => actions.includes(a);
  const common = { t, csrf, tipId };
  return (
    <div class="actions">
      {has("accept") && (
        <ActionForm {...common} action="accept">
          <Message t={t} />
          <Note t={t} />
        </ActionForm>
      )}
      {has("reject") && (
        <ActionForm {...common} action="reject">
          <Text t={t} name="reason" label="admin-field-reject-reason" />
          <Note t={t} />
        </ActionForm>
      )}
      {has("investigate") && (
        <ActionForm {...common} action="investigate">
          <Message t={t} />
          <Note t={t} />
        </ActionForm>
      )}
      {has("transfer") && (
        <ActionForm {...common} action="transfer">
          <label>
            {t("admin-field-unit")}
            <select name="unitId" required>
              {byJurisdiction(units.filter((u) => u.id !== currentUnitId)).map(([label, group]) => (
                <optgroup label={label}>
                  {group.map((u) => (
                    <option value={String(u.id)} selected={u.id === suggested[0]?.unitId}>
                      {u.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          {suggested.length > 0 && (
            <p class="hint" id="transfer-suggested">
              {t("admin-transfer-suggested", {
                units: suggested.map((s) => `${units.find((u) => u.id === s.unitId)?.name ?? ""} (${t(`report-sector-${s.sector}`)})`).join(" / "),
              })}
            </p>
          )}
          <Text t={t} name="reason" label="admin-field-reason" />
        </ActionForm>
      )}
      {has("extend") && (
        <ActionForm {...common} action="extend">
          <label>
            {t("admin-field-extension-days", { max: maxExtensionDays })}
            <input name="days" type="number" min="1" max={String(maxExtensionDays)} step="1" value={String(maxExtensionDays)} required />
          </label>
          <Text t={t} name="reason" label="admin-field-extension-reason" />
          <Note t={t} />
        </ActionForm>
      )}
      {has("approve-extension") && (
        <ActionForm {...common} action="approve-extension">
          <Note t={t} />
        </ActionForm>
      )}
      {has("refuse-extension") && (
        <ActionForm {...common} action="refuse-extension">
          <Note t={t} />
        </ActionForm>
      )}
      {has("result") && (
        <ActionForm {...common} action="result">
          <label>
            {t("admin-field-result")}
            <select name="result" required>
              {(["substantiated", "partly_substantiated", "unsubstantiated"] as const).map((r) => (
                <option value={r}>{t(`admin-status-${r}`)}</option>
              ))}
            </select>
          </label>
          <Text t={t} name="findings" label="admin-field-findings" />
          <Text t={t} name="measures" label="admin-field-measures" required={false} />
          <label>
            {t("admin-field-fine")}
            <input name="fineYuan" type="number" min="0" step="1" />
          </label>
        </ActionForm>
      )}
      {has("close") && (
        <ActionForm {...common} action="close">
          <AnswerFields t={t} />
        </ActionForm>
      )}
      {has("review-start") && (
        <ActionForm {...common} action="review-start">
          <Message t={t} />
          <Note t={t} />
        </ActionForm>
      )}
      {has("review-close") && (
        <ActionForm {...common} action="review-close">
          <AnswerFields t={t} />
          <Note t={t} />
        </ActionForm>
      )}
      {has("merge") && (
        <ActionForm {...common} action="merge">
          <label>
            {t("admin-field-into")}
            <input name="intoTipId" required maxlength={40} autocomplete="off" />
          </label>
          <Note t={t} name="reason" />
        </ActionForm>
      )}
      {has("message") && (
        <ActionForm {...common} action="message">
          <Text t={t} name="text" label="admin-field-message-text" />
        </ActionForm>
      )}
      {/* The reward decision lives in the reward section (tip-reward.tsx). */}
    </div>
  );
}
