import type { listRewards } from "../../../app/rewards/get-reward.js";
import type { StaffActor } from "../../../app/staff/actor.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Layout } from "./layout.js";

export interface RewardsPageProps {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
  timeZone: string;
  list: Awaited<ReturnType<typeof listRewards>>;
}

const FILTERS = ["open", "awaiting_claim", "claimed", "paid", "lapsed", "all"] as const;

/** Rewards awaiting a claim or a payment in the actor's scope (the queue's), soonest deadline first. No identity here. */
export function RewardsPage({ t, locale, actor, csrf, timeZone, list }: RewardsPageProps) {
  return (
    <Layout t={t} locale={locale} title={t("admin-rewards-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-rewards-title")}</h1>
      <p>
        {FILTERS.map((f) => (
          <>{f === list.status ? <b>{t(`admin-rewards-filter-${f}`)}</b> : <a href={`/admin/rewards?status=${f}`}>{t(`admin-rewards-filter-${f}`)}</a>} </>
        ))}
      </p>
      {list.rows.length === 0 ? (
        <p id="rewards-empty">{t("admin-rewards-empty")}</p>
      ) : (
        <table id="rewards">
          <thead>
            <tr>
              <th>{t("admin-col-code")}</th>
              <th>{t("admin-reward-status")}</th>
              <th>{t("admin-reward-amount")}</th>
              <th>{t("admin-reward-decided-at")}</th>
              <th>{t("admin-reward-claim-by")}</th>
              <th>{t("admin-reward-claimed-at")}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/tips/${r.tipId}#reward`}>{r.trackingCode}</a>
                </td>
                <td>
                  {t(`admin-reward-status-${r.status}`)}
                  {r.overdue && <span class="overdue"> ({t("admin-reward-overdue")})</span>}
                </td>
                <td>{r.amountYuan}</td>
                <td>{formatDateTime(r.decidedAt, timeZone)}</td>
                <td>{formatDateTime(r.claimDueAt, timeZone)}</td>
                <td>{r.claimedAt ? formatDateTime(r.claimedAt, timeZone) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
