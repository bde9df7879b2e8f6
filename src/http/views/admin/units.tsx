import type { StaffActor } from "../../../app/staff/actor.js";
import type { LiaisonView } from "../../../app/liaisons/list-liaisons.js";
import type { UnitRow } from "../../../app/manage/list-units.js";
import type { Translate } from "../../routes/admin/context.js";
import { formatDateTime } from "./format.js";
import { Flash, Layout } from "./layout.js";
import { localName } from "../../../domain/tip-input.js";
import { raw } from "hono/html";

interface Base {
  t: Translate;
  locale: string;
  actor: StaffActor;
  csrf: string;
}

export function UnitsPage({ t, locale, actor, csrf, units, jurisdiction }: Base & { units: UnitRow[]; jurisdiction?: string }) {
  return (
    <Layout t={t} locale={locale} title={t("admin-manage-units-title")} actor={actor} csrf={csrf}>
      <h1>{t("admin-manage-units-title")}</h1>
      <form method="get" action="/admin/units" class="filters">
        <label>
          {t("admin-manage-jurisdiction")} <input name="jurisdiction" value={jurisdiction ?? ""} pattern="\d{2,9}" />
        </label>
        <button type="submit">{t("admin-manage-filter")}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t("admin-manage-jurisdiction")}</th>
            <th>{t("admin-manage-unit-name")}</th>
            <th>{t("admin-manage-unit-kind")}</th>
            <th>{t("admin-manage-unit-liaisons")}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr>
              <td>{u.jurisdictionCode}</td>
              <td>
                <a href={`/admin/units/${u.id}`}>{localName(u, locale)}</a>
                {!u.active && <em> ({t("admin-manage-unit-inactive")})</em>}
              </td>
              <td>{t(`admin-manage-unit-kind-${u.kind}`)}</td>
              <td class="unit-liaisons">{String(u.liaisons)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

interface UnitProps extends Base {
  timeZone: string;
  unit: { id: number; key: string; name: string; nameEn: string | null; jurisdictionCode: string };
  liaisons: LiaisonView[];
  canManage: boolean;
  invite?: { link?: string; command: string; expiresAt: Date; qr?: string };
  done?: string;
  error?: string;
  /** The outcome of adding a phone liaison: the masked number, or why it was refused. */
  phone?: { added: string } | { refused: string };
}

/** Liaisons by channel presence only: chat ids and phone numbers never reach this page. */
export function UnitPage({ t, locale, actor, csrf, timeZone, unit, liaisons, canManage, invite, done, error, phone }: UnitProps) {
  return (
    <Layout t={t} locale={locale} title={localName(unit, locale)} actor={actor} csrf={csrf}>
      <h1>
        {localName(unit, locale)} <small>{unit.key}</small>
      </h1>
      {done === "removed" && (
        <p class="flash ok" role="status">
          {t("admin-manage-liaison-removed-ok")}
        </p>
      )}
      <Flash t={t} error={error} />
      {phone && "added" in phone && (
        <p class="flash ok" role="status" id="phone-added">
          {t("admin-manage-phone-added", { phone: phone.added })}
        </p>
      )}
      {phone && "refused" in phone && (
        <p class="flash err" role="alert" id="phone-refused">
          {t(`admin-manage-phone-${phone.refused}`)}
        </p>
      )}
      {invite && (
        <div class="card" id="invite">
          <p>{t("admin-manage-invite-once", { expires: formatDateTime(invite.expiresAt, timeZone) })}</p>
          {invite.link ? (
            <p>
              <code id="invite-link">{invite.link}</code>
            </p>
          ) : (
            <>
              <p>{t("admin-manage-invite-no-username")}</p>
              <p>
                <code id="invite-link">{invite.command}</code>
              </p>
            </>
          )}
          {invite.qr && (
            <div class="invite-qr">
              {raw(invite.qr)}
              <p>{t("admin-manage-invite-qr")}</p>
            </div>
          )}
        </div>
      )}
      {liaisons.length === 0 ? (
        <p>{t("admin-manage-liaison-none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("admin-manage-liaison-id")}</th>
              <th>{t("admin-manage-liaison-channels")}</th>
              <th>{t("admin-manage-liaison-created")}</th>
              <th>{t("admin-manage-liaison-status")}</th>
              {canManage && <th>{t("admin-manage-liaison-actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {liaisons.map((l) => (
              <tr>
                <td>{String(l.id)}</td>
                <td>{[l.telegram ? "Telegram ✓" : "", l.phone ? "SMS ✓" : ""].filter(Boolean).join(" / ")}</td>
                <td>{formatDateTime(l.createdAt, timeZone)}</td>
                <td>{l.active ? t("admin-manage-liaison-active") : t("admin-manage-liaison-removed", { reason: l.removedReason ?? "" })}</td>
                {canManage && (
                  <td>
                    {l.active && (
                      <form method="post" action={`/admin/units/${unit.id}/liaisons/${l.id}/remove`}>
                        <input type="hidden" name="_csrf" value={csrf} />
                        <label>
                          {t("admin-manage-reason")} <input name="reason" required minlength={2} maxlength={500} />
                        </label>
                        <button type="submit">{t("admin-manage-liaison-remove")}</button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <div class="card">
          <form method="post" action={`/admin/units/${unit.id}/invite`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t("admin-manage-invite")}</button>
          </form>
          <form method="post" action={`/admin/units/${unit.id}/invite-sheet`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t("admin-manage-invite-sheet")}</button>
          </form>
        </div>
      )}
      {canManage && (
        <form method="post" action={`/admin/units/${unit.id}/liaisons/phone`} class="card" id="phone-liaison">
          <h2>{t("admin-manage-phone-title")}</h2>
          <p>{t("admin-manage-phone-help")}</p>
          <input type="hidden" name="_csrf" value={csrf} />
          <p>
            <label>
              {t("admin-manage-phone-label")} <input name="phone" type="tel" inputmode="tel" autocomplete="off" required maxlength={40} />
            </label>
          </p>
          <button type="submit">{t("admin-manage-phone-add")}</button>
        </form>
      )}
    </Layout>
  );
}
