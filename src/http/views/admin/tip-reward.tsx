import type { TipRewardView } from "../../../app/rewards/get-reward.js";
import { PAYMENT_WAYS } from "../../../app/rewards/record-payment.js";
import { ACCIDENT_GRADES } from "../../../domain/reward.js";
import type { Translate } from "../../routes/admin/context.js";
import { actorName } from "./actor-name.js";
import { formatDateTime } from "./format.js";

interface Props {
  t: Translate;
  csrf: string;
  tipId: number;
  timeZone: string;
  view: TipRewardView;
  /** The reward decision is allowed in the tip's status for this person. */
  canDecide: boolean;
  /** May write (not a viewer). */
  canWrite: boolean;
}

/**
 * The reward section of a tip page: the calculator's inputs and proposal, the decision with a reason
 * for any deviation, the claim (with the identity the reporter chose to show — only here, only once
 * they claimed) and the payment record. Plain forms, no script.
 */
export function RewardSection({ t, csrf, tipId, timeZone, view, canDecide, canWrite }: Props) {
  const r = view.reward;
  const rules = view.rules;
  const basisText = (b: NonNullable<TipRewardView["reward"]>["basis"]) =>
    b.kind === "fine"
      ? t("admin-reward-basis-fine", { fine: String(b.fineYuan) })
      : b.kind === "concealed"
        ? t("admin-reward-basis-concealed", { deaths: b.deaths, grade: t(`admin-reward-grade-${b.grade}`) })
        : // Decisions before the calculator: the basis staff typed (migration 0004).
          String((b as { text?: unknown }).text ?? "");
  const decided = r && (r.status === "claimed" || r.status === "paid");
  return (
    <section class="card" id="reward">
      <h2>{t("admin-reward-title")}</h2>
      <p class="hint">
        {t("admin-reward-rules", {
          rate: rules.ratePct,
          min: String(rules.minYuan),
          max: String(rules.maxYuan),
          rates: ACCIDENT_GRADES.map((g) => rules.concealedDeathYuan[g]).join(" / "),
        })}
      </p>
      {r ? (
        <dl class="facts" id="reward-state">
          <dt>{t("admin-reward-status")}</dt>
          <dd id="reward-status">
            {t(`admin-reward-status-${r.status}`)}
            {r.overdue && <> ({t("admin-reward-overdue")})</>}
          </dd>
          <dt>{t("admin-reward-amount")}</dt>
          <dd id="reward-amount">{r.amountYuan}</dd>
          <dt>{t("admin-reward-proposed")}</dt>
          <dd>
            {r.proposedYuan} · {basisText(r.basis)}
          </dd>
          {r.deviationReason && (
            <>
              <dt>{t("admin-reward-deviation")}</dt>
              <dd id="reward-deviation">{r.deviationReason}</dd>
            </>
          )}
          {r.realNameRequired && (
            <>
              <dt>{t("admin-reward-employee")}</dt>
              <dd>{t("admin-reward-real-name-required")}</dd>
            </>
          )}
          <dt>{t("admin-reward-decided-at")}</dt>
          <dd>
            {formatDateTime(r.decidedAt, timeZone)} · {actorName(t, r.decidedBy)}
          </dd>
          <dt>{t("admin-reward-claim-by")}</dt>
          <dd>{formatDateTime(r.claimDueAt, timeZone)}</dd>
          {r.claimedAt && (
            <>
              <dt>{t("admin-reward-claimed-at")}</dt>
              <dd>{formatDateTime(r.claimedAt, timeZone)}</dd>
            </>
          )}
          {view.claimIdentity && (
            <>
              <dt>{t("admin-reward-claimant")}</dt>
              <dd id="reward-claimant">
                {[
                  view.claimIdentity.name && `${t("admin-reward-claimant-name")}: ${view.claimIdentity.name}`,
                  view.claimIdentity.idNumber && `${t("admin-reward-claimant-id")}: ${view.claimIdentity.idNumber}`,
                  view.claimIdentity.account && `${t("admin-reward-claimant-account")}: ${view.claimIdentity.account}`,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </dd>
            </>
          )}
          {r.paidOn && (
            <>
              <dt>{t("admin-reward-paid")}</dt>
              <dd id="reward-payment">
                {r.paidOn} · {t(`admin-reward-way-${r.paymentWay}`)} · {r.paymentReference} · {r.paymentRecordedBy ? actorName(t, r.paymentRecordedBy) : ""}
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p id="reward-none">{t("admin-reward-none")}</p>
      )}
      {canWrite && r?.status === "claimed" && (
        <form method="post" action={`/admin/tips/${tipId}/reward-payment`} id="form-reward-payment">
          <h3>{t("admin-action-reward-payment")}</h3>
          <input type="hidden" name="_csrf" value={csrf} />
          <label>
            {t("admin-reward-paid-on")}
            <input name="paidOn" type="date" required />
          </label>
          <label>
            {t("admin-reward-way")}
            <select name="way" required>
              {PAYMENT_WAYS.map((w) => (
                <option value={w}>{t(`admin-reward-way-${w}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t("admin-reward-reference")}
            <input name="reference" required maxlength={200} />
          </label>
          <button type="submit">{t("admin-action-reward-payment")}</button>
        </form>
      )}
      {canDecide && !decided && (
        <form method="post" action={`/admin/tips/${tipId}/reward`} id="form-reward">
          <h3>{t("admin-action-reward")}</h3>
          <input type="hidden" name="_csrf" value={csrf} />
          <fieldset>
            <legend>{t("admin-reward-basis")}</legend>
            <label>
              <input type="radio" name="basisKind" value="fine" checked />
              {t("admin-reward-kind-fine")}
            </label>
            <label>
              {t("admin-field-fine")}
              <input name="fineYuan" type="number" min="0" step="1" value={view.recordedFineYuan === null ? "" : String(view.recordedFineYuan)} />
            </label>
            {view.proposalForRecordedFine !== null && (
              <p class="hint" id="reward-proposal">
                {t("admin-reward-proposal", { amount: String(view.proposalForRecordedFine), fine: String(view.recordedFineYuan ?? 0) })}
              </p>
            )}
            <label>
              <input type="radio" name="basisKind" value="concealed" />
              {t("admin-reward-kind-concealed")}
            </label>
            <label>
              {t("admin-reward-deaths")}
              <input name="deaths" type="number" min="0" step="1" />
            </label>
            <label>
              {t("admin-reward-grade")}
              <select name="grade">
                <option value="">—</option>
                {ACCIDENT_GRADES.map((g) => (
                  <option value={g}>{t(`admin-reward-grade-${g}`)}</option>
                ))}
              </select>
            </label>
            <label>
              <input type="radio" name="basisKind" value="none" />
              {t("admin-reward-kind-none")}
            </label>
            <label>
              {t("admin-reward-none-reason")}
              <textarea name="reason" rows={2} />
            </label>
          </fieldset>
          <label>
            {t("admin-reward-amount-override")}
            <input name="amountYuan" type="number" min="0" max={String(rules.maxYuan)} step="1" />
          </label>
          <label>
            {t("admin-reward-deviation")}
            <textarea name="deviationReason" rows={2} />
          </label>
          <label>
            {t("admin-reward-employee-check")}
            <select name="reporterEmployee">
              <option value="" selected={view.reporterEmployee === null}>
                {t("admin-reward-employee-unknown")}
              </option>
              <option value="yes" selected={view.reporterEmployee === true}>
                {t("admin-reward-employee-yes")}
              </option>
              <option value="no" selected={view.reporterEmployee === false}>
                {t("admin-reward-employee-no")}
              </option>
            </select>
          </label>
          <label class="note-private">
            {t("admin-field-note")}
            <textarea name="note" rows={2} />
          </label>
          <button type="submit">{t("admin-action-reward")}</button>
        </form>
      )}
    </section>
  );
}
